package checkpoint

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"delaylab/checkpoint/netjson"
	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// FromTrainer captures everything needed to resume t exactly: its recipe,
// model, optimiser, shuffling state, epoch in progress, best model and
// history, together with the data set and spike coding it was trained on.
// The File shares no memory with t. Set File.Chip when t runs on a chip
// model.
func FromTrainer(t *delgrad.Trainer, data dataset.Spec, coding dataset.Coding, meta Meta) *File {
	cfg := t.Config()
	f := FromModel(&cfg, t.Model(), data, coding, meta)
	st := t.State()
	f.Train = &TrainState{
		EpochsDone: st.EpochsDone,
		Pos:        st.Pos,
		Perm:       st.Perm,
		Batches:    st.Batches,
		Bump:       st.Bump,
		RNG:        st.RNG,
		Run:        EpochSums(st.Run),
		Adam: Adam{
			Beta1: st.Opt.Beta1, Beta2: st.Opt.Beta2, Eps: st.Opt.Eps, Steps: st.Opt.Steps,
			M: st.Opt.M, V: st.Opt.V,
		},
	}
	if st.Best != nil {
		best := modelOf(st.Best)
		f.Train.Best, f.Train.BestEpoch = &best, st.BestEpoch
	}
	f.History = make([]Epoch, len(st.History))
	for i, e := range st.History {
		f.History[i] = Epoch(e)
	}
	return f
}

// FromModel makes a File of a model and its recipe (neither nil), without
// training state or history: a fresh start from these parameters. The
// recipe's architecture must be the model's (see FitConfig); Validate, and
// so Marshal, report it if not.
func FromModel(cfg *delgrad.Config, m *delgrad.Model, data dataset.Spec, coding dataset.Coding, meta Meta) *File {
	return &File{
		Meta:   meta,
		Config: configOf(cfg),
		Model:  modelOf(m),
		Data:   dataOf(data, coding),
	}
}

// Restore returns the recipe, the model (with its effective delays
// computed) and the optimiser (nil if f has no training state), sharing no
// memory with f. It validates f first.
func (f *File) Restore() (delgrad.Config, *delgrad.Model, *delgrad.Adam, error) {
	if err := f.Validate(); err != nil {
		return delgrad.Config{}, nil, nil, err
	}
	cfg := f.Config.delgrad()
	m := f.Model.delgrad()
	if err := m.Validate(); err != nil {
		return delgrad.Config{}, nil, nil, wrapInvalid("model", err)
	}
	var opt *delgrad.Adam
	if s := f.Train; s != nil {
		a := &s.Adam
		opt = &delgrad.Adam{Beta1: a.Beta1, Beta2: a.Beta2, Eps: a.Eps, Steps: a.Steps, M: cloneRows(a.M), V: cloneRows(a.V)}
	}
	return cfg, m, opt, nil
}

// Dataset returns the data set and the spike coding of f.
func (f *File) Dataset() (dataset.Spec, dataset.Coding) {
	d := &f.Data
	s := dataset.Spec{
		Name: d.Name, Seed: d.Seed, Train: d.Train, Validation: d.Validation, Test: d.Test,
		Noise: d.Noise, Path: d.Path,
	}
	if len(d.Points) > 0 {
		s.Points = make([]dataset.Point, len(d.Points))
		for i, p := range d.Points {
			s.Points[i] = dataset.Point(p)
		}
	}
	return s, dataset.Coding{TEarly: d.TEarly, TLate: d.TLate}
}

// ApplyState sets t's training state, shuffling generator, best model
// and history to those of f, so that t continues exactly where the trainer that f was
// made from stopped. t must have been made by delgrad.ResumeTrainer with
// the recipe, model and optimiser of f.Restore and the same training and
// validation samples. A File without training state leaves t as it is.
func (f *File) ApplyState(t *delgrad.Trainer) error {
	s := f.Train
	if s == nil {
		return nil
	}
	if err := f.Model.validate("model"); err != nil {
		return err
	}
	if err := s.validate(&f.Model, len(f.History)); err != nil {
		return err
	}
	train, val := t.Samples()
	if len(s.Perm) != len(train) {
		return &ShapeError{What: "len(train.perm)", Got: len(s.Perm), Want: len(train)}
	}
	if want := len(t.Model().Net.Layers); len(s.Bump) != want {
		return &ShapeError{What: "len(train.bump)", Got: len(s.Bump), Want: want}
	}
	if s.Run.EvalPos > len(val) {
		return &ShapeError{What: "train.run.eval_pos", Got: s.Run.EvalPos, Want: len(val)}
	}
	if err := new(rand.PCG).UnmarshalBinary(s.RNG); err != nil {
		return &FormatError{Path: "train.rng", Msg: "not a PCG generator state"}
	}
	st := delgrad.State{
		Opt:        delgrad.Adam{Beta1: s.Adam.Beta1, Beta2: s.Adam.Beta2, Eps: s.Adam.Eps, Steps: s.Adam.Steps, M: s.Adam.M, V: s.Adam.V},
		EpochsDone: s.EpochsDone, Pos: s.Pos, Perm: s.Perm, Batches: s.Batches, Bump: s.Bump, RNG: s.RNG,
		Run: delgrad.EpochSums(s.Run), BestEpoch: s.BestEpoch,
		History: make([]delgrad.Epoch, len(f.History)),
	}
	for i, e := range f.History {
		st.History[i] = delgrad.Epoch(e)
	}
	if s.Best != nil {
		st.Best = s.Best.delgrad()
	}
	return t.Restore(st)
}

// Resume rebuilds the trainer f was made from, on the given samples (made
// from f.Dataset) and substrate: f.Restore, delgrad.ResumeTrainer, then
// f.ApplyState. Training it on gives bit for bit the parameters that the
// original trainer would have reached.
func (f *File) Resume(train, val []delgrad.Sample, sub delgrad.Substrate) (*delgrad.Trainer, error) {
	cfg, m, opt, err := f.Restore()
	if err != nil {
		return nil, err
	}
	t, err := delgrad.ResumeTrainer(cfg, m, opt, train, val, sub)
	if err != nil {
		return nil, err
	}
	if err := f.ApplyState(t); err != nil {
		return nil, err
	}
	return t, nil
}

// FitConfig returns base with its architecture replaced by m's (features,
// copies, layer sizes, delay kinds, neuron, bias times, delay
// parametrisation) and its per-layer settings cut or extended (repeating
// the last entry) to m's number of layers: a recipe for a model that came
// without one, from net.json or a share link.
func FitConfig(base delgrad.Config, m *delgrad.Model) delgrad.Config {
	c := base.Clone()
	n := m.Net
	L := len(n.Layers)
	c.Features, c.Copies = m.Features, m.Copies
	c.Hidden = c.Hidden[:0]
	c.Delays = c.Delays[:0]
	c.Bias = nil
	for l := range n.Layers {
		if l < L-1 {
			c.Hidden = append(c.Hidden, n.Layers[l].Size)
		}
		c.Delays = append(c.Delays, n.Layers[l].Delay)
		if len(n.Layers[l].BiasTimes) > 0 && c.Bias == nil {
			c.Bias = make([][]float64, L)
		}
	}
	if c.Bias != nil {
		for l := range n.Layers {
			c.Bias[l] = slices.Clone(n.Layers[l].BiasTimes)
		}
	}
	c.Outputs = n.Outputs()
	c.TieInputDelays = m.TieInputDelays
	if m.InterleavedCopies != c.Protocol.Has(delgrad.InterleavedCopies) {
		if m.InterleavedCopies {
			c.Protocol = c.Protocol.With(delgrad.InterleavedCopies)
		} else {
			c.Protocol = c.Protocol.Without(delgrad.InterleavedCopies)
		}
	}
	c.Neuron = n.Neuron
	c.Delay = m.Delay
	c.LRWeights = fitLen(c.LRWeights, L, 0)
	c.LRDelays = fitLen(c.LRDelays, L, 0)
	c.WeightInit = fitLen(c.WeightInit, L, delgrad.Normal{Mu: 0, Sigma: 1})
	c.BumpFraction = fitLen(c.BumpFraction, L, -1)
	return c
}

// fitLen cuts s to n entries or extends it with its last entry (def if s
// is empty).
func fitLen[T any](s []T, n int, def T) []T {
	if len(s) >= n {
		return s[:n]
	}
	if len(s) > 0 {
		def = s[len(s)-1]
	}
	for len(s) < n {
		s = append(s, def)
	}
	return s
}

// NewChipState records a chip model: the substrate name, its configuration
// and the instance seed. ChipConfig mirrors chip.Config field for field
// (only the msgp tags differ), so a conversion copies it and the compiler
// rejects the mirror as soon as the two drift apart.
func NewChipState(substrate string, cfg chip.Config, seed uint64) *ChipState {
	return &ChipState{Substrate: substrate, Seed: seed, Config: ChipConfig(cfg)}
}

// ChipConfig returns the chip configuration.
func (c *ChipState) ChipConfig() chip.Config { return chip.Config(c.Config) }

// NewSubstrate makes the chip model c describes.
func (c *ChipState) NewSubstrate() (*chip.Substrate, error) {
	return chip.NewSubstrate(c.ChipConfig(), c.Seed)
}

func cloneRows(rows [][]float64) [][]float64 {
	if rows == nil {
		return nil
	}
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

func neuronOf(n sim.Neuron) Neuron { return Neuron(n) }

func (n Neuron) sim() sim.Neuron { return sim.Neuron(n) }

func delayParamOf(p delgrad.DelayParam) DelayParam {
	return DelayParam{Mode: p.Mode.String(), Shift: p.Shift, Scale: p.Scale}
}

func (d DelayParam) delgrad() delgrad.DelayParam {
	mode, _ := delayModeOf(d.Mode)
	return delgrad.DelayParam{Mode: mode, Shift: d.Shift, Scale: d.Scale}
}

// modelOf copies m into its file form.
func modelOf(m *delgrad.Model) Model {
	out := Model{
		Neuron: neuronOf(m.Net.Neuron), Features: m.Features, Copies: m.Copies,
		TieInputDelays: m.TieInputDelays, Delay: delayParamOf(m.Delay),
		InterleavedCopies: m.InterleavedCopies,
		Layers:            make([]Layer, len(m.Net.Layers)),
	}
	for l, L := range m.Net.Layers {
		out.Layers[l] = Layer{
			Size: L.Size, Delay: L.Delay.String(),
			Weights: slices.Clone(L.Weights), Theta: slices.Clone(m.Theta[l]),
			BiasTimes: slices.Clone(L.BiasTimes),
		}
	}
	return out
}

// delgrad builds the model of a valid m.
func (m *Model) delgrad() *delgrad.Model {
	sizes := []int{m.Features * m.Copies}
	kinds := make([]sim.DelayKind, len(m.Layers))
	for l, L := range m.Layers {
		sizes = append(sizes, L.Size)
		kinds[l], _ = sim.ParseDelayKind(L.Delay)
	}
	net := sim.NewNetwork(m.Neuron.sim(), sizes, kinds)
	out := &delgrad.Model{
		Net: net, Features: m.Features, Copies: m.Copies, TieInputDelays: m.TieInputDelays,
		InterleavedCopies: m.InterleavedCopies,
		Delay:             m.Delay.delgrad(), Theta: make([][]float64, len(m.Layers)),
	}
	for l, L := range m.Layers {
		net.Layers[l].Weights = slices.Clone(L.Weights)
		if len(L.BiasTimes) > 0 {
			net.Layers[l].BiasTimes = slices.Clone(L.BiasTimes)
		}
		out.Theta[l] = append(make([]float64, 0, len(L.Theta)), L.Theta...)
	}
	out.SyncDelays()
	return out
}

// configOf copies c into its file form.
func configOf(c *delgrad.Config) Config {
	out := Config{
		Name: c.Name, Description: c.Description, Dataset: c.Dataset, Substrate: c.Substrate,
		Features: c.Features, Copies: c.Copies, Hidden: slices.Clone(c.Hidden), Outputs: c.Outputs,
		TieInputDelays: c.TieInputDelays, Neuron: neuronOf(c.Neuron), Bias: cloneRows(c.Bias),
		Loss: Loss{
			Kind: lossName(c.Loss.Kind), DeltaT: c.Loss.DeltaT, Tau0: c.Loss.Tau0, Tau1: c.Loss.Tau1,
			Alpha: c.Loss.Alpha, TCorrect: c.Loss.TCorrect, TWrong: c.Loss.TWrong,
		},
		Batch: c.Batch, Epochs: c.Epochs,
		LRWeights: slices.Clone(c.LRWeights), LRDelays: slices.Clone(c.LRDelays),
		StepEvery: c.StepEvery, StepGamma: c.StepGamma,
		Delay: delayParamOf(c.Delay), DelayInit: Normal(c.DelayInit),
		BumpFraction: slices.Clone(c.BumpFraction), BumpStart: c.BumpStart,
		MaxDWNorm: c.MaxDWNorm, Seed: c.Seed, Protocol: c.Protocol.String(),
	}
	for _, k := range c.Delays {
		out.Delays = append(out.Delays, k.String())
	}
	for _, n := range c.WeightInit {
		out.WeightInit = append(out.WeightInit, Normal(n))
	}
	return out
}

func lossName(k delgrad.LossKind) string {
	if int(k) < len(lossKindNames) {
		return lossKindNames[k]
	}
	return fmt.Sprintf("LossKind(%d)", k)
}

// delgrad converts a valid c.
func (c *Config) delgrad() delgrad.Config {
	kind, _ := lossKindOf(c.Loss.Kind)
	out := delgrad.Config{
		Name: c.Name, Description: c.Description, Dataset: c.Dataset, Substrate: c.Substrate,
		Features: c.Features, Copies: c.Copies, Hidden: slices.Clone(c.Hidden), Outputs: c.Outputs,
		TieInputDelays: c.TieInputDelays, Neuron: c.Neuron.sim(),
		Loss: delgrad.Loss{
			Kind: kind, DeltaT: c.Loss.DeltaT, Tau0: c.Loss.Tau0, Tau1: c.Loss.Tau1,
			Alpha: c.Loss.Alpha, TCorrect: c.Loss.TCorrect, TWrong: c.Loss.TWrong,
		},
		Batch: c.Batch, Epochs: c.Epochs,
		LRWeights: slices.Clone(c.LRWeights), LRDelays: slices.Clone(c.LRDelays),
		StepEvery: c.StepEvery, StepGamma: c.StepGamma,
		Delay: c.Delay.delgrad(), DelayInit: delgrad.Normal(c.DelayInit),
		BumpFraction: slices.Clone(c.BumpFraction), BumpStart: c.BumpStart,
		MaxDWNorm: c.MaxDWNorm, Seed: c.Seed,
	}
	out.Protocol, _ = delgrad.ParseProtocol(c.Protocol)
	if len(c.Bias) > 0 {
		out.Bias = cloneRows(c.Bias)
	}
	for _, name := range c.Delays {
		k, _ := sim.ParseDelayKind(name)
		out.Delays = append(out.Delays, k)
	}
	for _, n := range c.WeightInit {
		out.WeightInit = append(out.WeightInit, delgrad.Normal(n))
	}
	return out
}

func dataOf(s dataset.Spec, c dataset.Coding) Data {
	d := Data{
		Name: s.Name, Seed: s.Seed, Train: s.Train, Validation: s.Validation, Test: s.Test,
		Noise: s.Noise, Path: s.Path, TEarly: c.TEarly, TLate: c.TLate,
	}
	if len(s.Points) > 0 {
		d.Points = make([]Point, len(s.Points))
		for i, p := range s.Points {
			d.Points[i] = Point(p)
		}
	}
	return d
}

// ExportNet writes the model of f and its input coding as net.json (see
// netjson.Encode). The recipe, training state and history are not carried.
func ExportNet(w io.Writer, f *File) error {
	_, m, _, err := f.Restore()
	if err != nil {
		return err
	}
	_, coding := f.Dataset()
	return netjson.Encode(w, m, coding)
}

// ImportNet reads a net.json (see netjson.Decode) into a File without training
// state, taking the recipe from base fitted to the network (FitConfig) and
// the data set from base.Dataset.
func ImportNet(r io.Reader, base delgrad.Config, meta Meta) (*File, error) {
	m, coding, err := netjson.Decode(r)
	if err != nil {
		return nil, err
	}
	cfg := FitConfig(base, m)
	f := FromModel(&cfg, m, dataset.Spec{Name: cfg.Dataset}, coding, meta)
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}
