package delgrad

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"

	"delaylab/sim"
)

// Sample is one coded example: a spike time per input feature and a label.
type Sample struct {
	Features []float64
	Label    int
}

// Epoch is the metrics of one finished epoch.
type Epoch struct {
	Epoch     int // 1-based
	TrainLoss float64
	TrainAcc  float64
	ValLoss   float64
	ValAcc    float64
	LRScale   float64
	Bumps     int // batches whose optimiser step was replaced by weight bumping
}

// chunkSize is the number of samples whose gradients one task accumulates.
// Chunks are summed in a fixed order, so results do not depend on how many
// workers ran them.
const chunkSize = 8

// evalBlock is the number of validation samples one step evaluates.
const evalBlock = 64

// Trainer trains a Model on a Substrate with mini-batches. Its state is
// its own: callers read it through methods (Progress, History, Best, …),
// and a checkpoint saves and restores it as one State value.
type Trainer struct {
	cfg     Config
	model   *Model
	opt     *Adam
	sub     Substrate
	train   []Sample
	val     []Sample
	history []Epoch
	// workers is the number of goroutines for a batch (≤ 1: inline).
	workers int
	// failed is the first error the substrate reported while preparing a
	// changed network.
	failed error

	// What a checkpoint must carry to resume exactly (State).
	epochsDone int       // completed epochs
	pos        int       // next position in perm
	perm       []int     // this epoch's shuffled order of train
	batches    uint64    // mini-batches run so far
	bumpSize   []float64 // current bump per layer (0: not bumping)
	src        *rand.PCG
	sums       EpochSums // the epoch in progress
	// best is a copy of the model after the epoch with the highest
	// validation accuracy so far (model selection on held-out data), and
	// bestEpoch that epoch (1-based; 0 before the first validation).
	best      *Model
	bestEpoch int

	rng    *rand.Rand
	chunks []*chunk
	pool   []*worker
	gang   *gang        // helper goroutines, started on the first parallel step
	next   atomic.Int64 // the next chunk of the parallel step under way
	step   stepScratch
	cur    batchJob
}

// EpochSums accumulates the epoch in progress, including the validation
// pass that closes it.
type EpochSums struct {
	Loss       float64
	Correct    int
	Seen       int
	Bumps      int
	Evaluating bool
	EvalPos    int
	EvalLoss   float64
	EvalRight  int
}

// worker is one goroutine's scratch space.
type worker struct {
	ws   *sim.Workspace
	bp   *Backprop
	in   []float64
	dOut []float64
}

// chunk accumulates the results of up to chunkSize samples.
type chunk struct {
	g         *Grads
	loss      float64
	correct   int
	silent    []int    // silent (sample, neuron) pairs per layer
	silentAny [][]bool // neuron silent for some sample, per layer
}

// NewTrainer draws a model from cfg.Seed and prepares training on train,
// validating on val.
func NewTrainer(cfg Config, train, val []Sample, sub Substrate) (*Trainer, error) {
	init := newRand(cfg.Seed)
	m, err := NewModel(&cfg, init)
	if err != nil {
		return nil, err
	}
	return ResumeTrainer(cfg, m, nil, train, val, sub)
}

// ResumeTrainer continues with an existing model and optimiser (nil: fresh).
func ResumeTrainer(cfg Config, m *Model, opt *Adam, train, val []Sample, sub Substrate) (*Trainer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if len(train) == 0 {
		return nil, newError(ErrSamples, "no training samples")
	}
	for _, set := range [][]Sample{train, val} {
		for i, s := range set {
			if len(s.Features) != m.Features || s.Label < 0 || s.Label >= m.Net.Outputs() {
				return nil, newError(ErrSamples, "sample %d has %d features and label %d; the network takes %d features and %d classes",
					i, len(s.Features), s.Label, m.Features, m.Net.Outputs())
			}
		}
	}
	t := &Trainer{cfg: cfg, model: m, sub: sub, train: train, val: val, workers: 1}
	if opt == nil {
		var sizes []int
		for l := range m.Net.Layers {
			sizes = append(sizes, len(m.Net.Layers[l].Weights), len(m.Theta[l]))
		}
		opt = NewAdam(sizes)
	}
	t.opt = opt
	t.bumpSize = make([]float64, len(m.Net.Layers))
	t.src = rand.NewPCG(cfg.Seed, 0x73687566666c6531) // "shuffle1"
	t.rng = rand.New(t.src)
	t.perm = permute(t.rng, t.perm, len(train))
	TellInputLayout(sub, m)
	if err := sub.Prepare(m.Net); err != nil {
		return nil, err
	}
	return t, nil
}

// Done reports whether the configured number of epochs has been trained.
func (t *Trainer) Done() bool { return t.epochsDone >= t.cfg.Epochs }

// Step does up to about n samples of work — training mini-batches, or the
// validation pass that ends an epoch — and returns how many it did. It
// always finishes the batch it starts, so it may overshoot by a batch, and
// it returns early when an epoch ends.
func (t *Trainer) Step(n int) int {
	done := 0
	for done < n {
		if t.sums.Evaluating {
			// Fixed blocks keep the order of the floating-point sums,
			// and so the metrics, independent of the step sizes.
			k := min(evalBlock, len(t.val)-t.sums.EvalPos)
			loss, right := t.evaluate(t.val[t.sums.EvalPos:t.sums.EvalPos+k], uint64(t.sums.EvalPos), t.batches)
			t.sums.EvalLoss += loss
			t.sums.EvalRight += right
			t.sums.EvalPos += k
			done += k
			if t.sums.EvalPos >= len(t.val) {
				t.finishEpoch()
				return done // let the caller see every epoch boundary
			}
			continue
		}
		b := min(t.cfg.Batch, len(t.perm)-t.pos)
		t.trainBatch(t.perm[t.pos : t.pos+b])
		t.pos += b
		done += b
		if t.pos >= len(t.perm) {
			t.sums.Evaluating = true
			if len(t.val) == 0 {
				t.finishEpoch()
				return done
			}
		}
	}
	return done
}

// RunEpoch trains until the current epoch is finished.
func (t *Trainer) RunEpoch() Epoch {
	e := t.epochsDone
	for t.epochsDone == e {
		t.Step(len(t.train) + len(t.val))
	}
	return t.history[len(t.history)-1]
}

func (t *Trainer) finishEpoch() {
	r := &t.sums
	ep := Epoch{
		Epoch:     t.epochsDone + 1,
		TrainLoss: r.Loss / float64(max(r.Seen, 1)),
		TrainAcc:  float64(r.Correct) / float64(max(r.Seen, 1)),
		LRScale:   t.cfg.LRScale(t.epochsDone),
		Bumps:     r.Bumps,
	}
	if len(t.val) > 0 {
		ep.ValLoss = r.EvalLoss / float64(len(t.val))
		ep.ValAcc = float64(r.EvalRight) / float64(len(t.val))
	}
	t.history = append(t.history, ep)
	if len(t.val) > 0 && (t.best == nil || ep.ValAcc > t.history[t.bestEpoch-1].ValAcc) {
		t.best, t.bestEpoch = t.model.Clone(), ep.Epoch
	}
	t.epochsDone++
	t.sums = EpochSums{}
	t.pos = 0
	t.perm = permute(t.rng, t.perm, len(t.train))
}

// sampleLoss is the loss of one sample with output times out, and its
// gradient in dOut, under the run's protocol.
func (t *Trainer) sampleLoss(out []float64, label int, dOut []float64) float64 {
	if t.cfg.Protocol.Has(SilentSamples) && slices.ContainsFunc(out, func(T float64) bool { return math.IsInf(T, 1) }) {
		clear(dOut)
		return SilentLoss
	}
	return t.cfg.Loss.Eval(out, label, dOut)
}

// clipWeights clips every weight of n to ±limit.
func clipWeights(n *sim.Network, limit float64) {
	for l := range n.Layers {
		for i, w := range n.Layers[l].Weights {
			n.Layers[l].Weights[i] = math.Max(-limit, math.Min(limit, w))
		}
	}
}

// evaluate runs samples, which start at position offset of their split,
// through the substrate and returns the summed loss and the number
// classified right; batch keys a noisy substrate's per-run noise
// (EvalTrial).
func (t *Trainer) evaluate(samples []Sample, offset, batch uint64) (float64, int) {
	t.ensure()
	res := make([]struct {
		loss  float64
		right int
	}, (len(samples)+chunkSize-1)/chunkSize)
	t.parallel(len(res), func(t *Trainer, w *worker, c int) {
		for j := c * chunkSize; j < min(len(samples), (c+1)*chunkSize); j++ {
			s := &samples[j]
			w.in = t.model.InputTimes(w.in, s.Features)
			t.sub.Forward(w.in, w.ws, t.cfg.EvalTrial(batch, int(offset)+j))
			out := w.ws.Output()
			res[c].loss += t.sampleLoss(out, s.Label, w.dOut)
			if Predict(out) == s.Label {
				res[c].right++
			}
		}
	})
	var loss float64
	right := 0
	for _, r := range res {
		loss += r.loss
		right += r.right
	}
	return loss, right
}

// Evaluate returns the mean loss and accuracy of the current model on
// samples. A noisy substrate draws the noise of trial batch 0, whatever
// the training progress, so that a network evaluated after training and
// the same network evaluated later (delaylab eval) see the same chip
// noise; the validation pass of each epoch instead draws fresh noise.
func (t *Trainer) Evaluate(samples []Sample) (loss, acc float64) {
	if len(samples) == 0 {
		return 0, 0
	}
	l, r := t.evaluate(samples, 0, 0)
	return l / float64(len(samples)), float64(r) / float64(len(samples))
}

// EvaluateModel is Evaluate for another model of the same shape (e.g.
// Best); the substrate is prepared for it and then restored.
func (t *Trainer) EvaluateModel(m *Model, samples []Sample) (loss, acc float64) {
	cur := t.model
	t.model = m
	t.sub.Prepare(m.Net)
	defer func() { t.model = cur; t.sub.Prepare(cur.Net) }()
	return t.Evaluate(samples)
}

// DefaultWorkers is the number of cores.
func DefaultWorkers() int { return runtime.GOMAXPROCS(0) }

// MakeSamples pairs coded features with labels.
func MakeSamples(features [][]float64, labels []int) []Sample {
	out := make([]Sample, len(features))
	for i := range features {
		out[i] = Sample{Features: features[i], Label: labels[i]}
	}
	return out
}

// permute is rng.Perm(n) written into perm's memory (reused when it has
// room): Perm's own steps (identity, then Shuffle), so the same
// permutation, but no allocation per epoch.
func permute(rng *rand.Rand, perm []int, n int) []int {
	if cap(perm) < n {
		perm = make([]int, n)
	}
	perm = perm[:n]
	for i := range perm {
		perm[i] = i
	}
	rng.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	return perm
}
