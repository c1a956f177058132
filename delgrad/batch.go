package delgrad

// One mini-batch: forward and backward passes in fixed chunks on the
// worker pool, then weight bumping or an Adam step.

import (
	"math"

	"delaylab/sim"
)

// ensure sizes worker pool and chunk accumulators.
func (t *Trainer) ensure() {
	nw := max(1, t.workers)
	for len(t.pool) < nw {
		n := t.model.Net
		bp := NewBackprop(n)
		bp.Nominal = t.cfg.Protocol.Has(NominalThreshold)
		t.pool = append(t.pool, &worker{ws: sim.NewWorkspace(n), bp: bp, dOut: make([]float64, n.Outputs())})
	}
	need := (t.cfg.Batch + chunkSize - 1) / chunkSize
	for len(t.chunks) < need {
		c := &chunk{g: NewGrads(t.model.Net), silent: make([]int, len(t.model.Net.Layers))}
		for _, L := range t.model.Net.Layers {
			c.silentAny = append(c.silentAny, make([]bool, L.Size))
		}
		t.chunks = append(t.chunks, c)
	}
}

// parallel runs task(t, worker, chunk index) for chunks [0, n) on the pool:
// the trainer's goroutine and its helpers (gang.go) take chunks until none
// is left. Which worker runs which chunk does not change the results:
// each chunk has its own accumulators, summed in chunk order.
func (t *Trainer) parallel(n int, task func(t *Trainer, w *worker, c int)) {
	nw := min(max(1, t.workers), n)
	if nw <= 1 {
		for c := range n {
			task(t, t.pool[0], c)
		}
		return
	}
	t.next.Store(0)
	g := t.helpers(nw - 1)
	for _, w := range t.pool[1:nw] {
		g.jobs <- gangJob{t: t, w: w, n: n, task: task}
	}
	t.drain(t.pool[0], n, task)
	for range nw - 1 {
		<-g.done
	}
}

// batchJob is the mini-batch under way: its samples (indices into the
// training set), the position of its first sample in the run and the
// batch's index (they key a chip's noise), and the gradient norm cap.
type batchJob struct {
	idx         []int
	base, batch uint64
	dwCap       float64
}

// trainChunk runs forward and backward passes on chunk c of the batch
// under way. It is a method expression for parallel, so a batch
// allocates no closure.
func (t *Trainer) trainChunk(w *worker, c int) {
	m, idx, base, batch, dwCap := t.model, t.cur.idx, t.cur.base, t.cur.batch, t.cur.dwCap
	ch := t.chunks[c]
	ch.g.Zero()
	ch.loss, ch.correct = 0, 0
	clear(ch.silent)
	for _, a := range ch.silentAny {
		clear(a)
	}
	for j := c * chunkSize; j < min(len(idx), (c+1)*chunkSize); j++ {
		s := &t.train[idx[j]]
		w.in = m.InputTimes(w.in, s.Features)
		t.sub.Forward(w.in, w.ws, Trial{Batch: batch, Sample: base + uint64(j)})
		out := w.ws.Output()
		ch.loss += t.sampleLoss(out, s.Label, w.dOut)
		if Predict(out) == s.Label {
			ch.correct++
		}
		for l := range m.Net.Layers {
			for k, T := range w.ws.Times[l+1] {
				if math.IsInf(T, 1) {
					ch.silent[l]++
					ch.silentAny[l][k] = true
				}
			}
		}
		w.bp.Backward(m.Net, w.ws, w.dOut, ch.g, dwCap)
	}
}

// trainBatch runs forward and backward passes on the samples idx and takes
// one optimiser (or weight-bumping) step.
func (t *Trainer) trainBatch(idx []int) {
	t.ensure()
	m := t.model
	nc := (len(idx) + chunkSize - 1) / chunkSize
	t.cur = batchJob{idx: idx, base: uint64(t.epochsDone)*uint64(len(t.train)) + uint64(t.pos), batch: t.batches, dwCap: t.cfg.dwCap(len(idx))}
	t.parallel(nc, (*Trainer).trainChunk)
	sum := t.chunks[0]
	for _, ch := range t.chunks[1:nc] {
		sum.g.Add(ch.g)
		sum.loss += ch.loss
		sum.correct += ch.correct
		for l := range ch.silent {
			sum.silent[l] += ch.silent[l]
			for k, s := range ch.silentAny[l] {
				sum.silentAny[l][k] = sum.silentAny[l][k] || s
			}
		}
	}
	t.batches++
	t.sums.Loss += sum.loss
	t.sums.Correct += sum.correct
	t.sums.Seen += len(idx)
	if t.bump(sum, len(idx)) {
		t.sums.Bumps++
	} else {
		clear(t.bumpSize)
		sum.g.Scale(1 / float64(len(idx)))
		t.apply(sum.g)
	}
	if t.cfg.Protocol.Has(ClipShadowWeights) {
		clipWeights(m.Net, AuthorsWeightClip)
	}
	if err := t.sub.Prepare(m.Net); err != nil && t.failed == nil {
		t.failed = err
	}
}

// bump raises every incoming weight of each silent neuron of the lowest
// layer that has too many silent (sample, neuron) pairs; it reports
// whether it did (then the optimiser step is skipped).
func (t *Trainer) bump(sum *chunk, n int) bool {
	net := t.model.Net
	for l := range net.Layers {
		L := &net.Layers[l]
		limit := t.cfg.BumpFraction[l]
		if limit < 0 || float64(sum.silent[l]) <= limit*float64(n*L.Size) {
			continue
		}
		for j := range t.bumpSize {
			if j != l {
				t.bumpSize[j] = 0
			}
		}
		if t.bumpSize[l] == 0 {
			t.bumpSize[l] = t.cfg.BumpStart
		} else {
			t.bumpSize[l] *= 2
		}
		for k, silent := range sum.silentAny[l] {
			if !silent {
				continue
			}
			for i := range net.Rows(l) {
				L.Weights[i*L.Size+k] += t.bumpSize[l]
			}
		}
		return true
	}
	return false
}

// apply takes an Adam step with the batch-mean gradient g. Its scratch
// slices are kept on the trainer, so a step allocates nothing.
func (t *Trainer) apply(g *Grads) {
	m := t.model
	scale := t.cfg.LRScale(t.epochsDone)
	nl := len(m.Net.Layers)
	if len(t.step.params) != 2*nl {
		t.step.params = make([][]float64, 2*nl)
		t.step.grads = make([][]float64, 2*nl)
		t.step.lr = make([]float64, 2*nl)
		t.step.theta = make([][]float64, nl)
		for l := range nl {
			t.step.theta[l] = make([]float64, len(m.Theta[l]))
		}
	}
	for l := range nl {
		t.step.params[2*l], t.step.params[2*l+1] = m.Net.Layers[l].Weights, m.Theta[l]
		t.step.grads[2*l], t.step.grads[2*l+1] = g.W[l], thetaGrad(t.step.theta[l], m, l, g.D[l])
		t.step.lr[2*l], t.step.lr[2*l+1] = t.cfg.LRWeights[l]*scale, t.cfg.LRDelays[l]*scale
	}
	t.opt.Step(t.step.params, t.step.grads, t.step.lr)
	if m.Delay.Mode == DelayClip {
		for l := range m.Theta {
			for i, v := range m.Theta[l] {
				m.Theta[l][i] = math.Max(v, m.Delay.Shift)
			}
		}
	}
	m.SyncDelays()
}

// stepScratch is apply's reusable space: the parameter groups handed to
// Adam, their gradients and learning rates, and the delay-parameter
// gradients.
type stepScratch struct {
	params, grads [][]float64
	lr            []float64
	theta         [][]float64
}

// thetaGrad writes into out (len(m.Theta[l])) the gradient with respect to
// the delay parameters of layer l, given gd with respect to the effective
// delays (chain rule, summing tied copies), and returns out.
func thetaGrad(out []float64, m *Model, l int, gd []float64) []float64 {
	th := m.Theta[l]
	if l == 0 && m.tied() {
		clear(out)
		for r, v := range gd {
			out[r%m.Features] += v
		}
	} else {
		copy(out, gd)
	}
	for i := range out {
		out[i] *= m.Delay.Slope(th[i])
	}
	return out
}
