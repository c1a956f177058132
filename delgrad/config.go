package delgrad

import (
	"math"
	"math/rand/v2"

	"delaylab/sim"
)

// Normal is a normal distribution N(Mu, Sigma²) for initialisation.
type Normal struct{ Mu, Sigma float64 }

// Config is everything that defines a training run.
type Config struct {
	Name        string
	Description string
	// Dataset is the name of the data the run is meant for (e.g. "yinyang").
	Dataset string
	// Substrate is "ideal" or "chip"; delgrad itself only records it.
	Substrate string

	Features int // input features (4 for 2-D data: x, y, 1−x, 1−y)
	Copies   int // rows per feature in the input layer
	Hidden   []int
	Outputs  int
	// Delays has one kind per layer (hidden layers, then the output layer);
	// the first acts on the inputs.
	Delays         []sim.DelayKind
	TieInputDelays bool
	Neuron         sim.Neuron
	// Bias holds bias spike times per layer (nil or empty: none).
	Bias [][]float64

	Loss   Loss
	Batch  int
	Epochs int
	// LRWeights and LRDelays are per-layer learning rates.
	LRWeights, LRDelays []float64
	// StepEvery and StepGamma: the learning rates are multiplied by
	// StepGamma every StepEvery epochs (StepLR).
	StepEvery int
	StepGamma float64

	WeightInit []Normal // per layer
	Delay      DelayParam
	DelayInit  Normal // of the delay parameters θ
	// BumpFraction per layer: weight bumping replaces the optimiser step
	// when more than this fraction of (sample, neuron) pairs of the layer
	// were silent. Negative: never.
	BumpFraction []float64
	BumpStart    float64
	// MaxDWNorm > 0 caps per-(sample, neuron) weight gradients.
	MaxDWNorm float64
	Seed      uint64
	// Protocol selects training conventions: DelayLab's own (zero) or
	// some or all of the DelGrad authors' (see Convention).
	Protocol Protocol
}

// Layers is the number of neuron layers.
func (c *Config) Layers() int { return len(c.Hidden) + 1 }

// Sizes is the layer sizes, input rows first.
func (c *Config) Sizes() []int {
	s := []int{c.Features * c.Copies}
	s = append(s, c.Hidden...)
	return append(s, c.Outputs)
}

// Validate reports the first setting that cannot work.
func (c *Config) Validate() error {
	L := c.Layers()
	bad := func(format string, a ...any) error { return newError(ErrConfig, format, a...) }
	if c.Features <= 0 || c.Copies <= 0 || c.Outputs <= 0 {
		return bad("features, copies and outputs must be positive")
	}
	for i, h := range c.Hidden {
		if h <= 0 || h > 10000 {
			return bad("hidden layer %d has %d neurons (want 1..10000)", i, h)
		}
	}
	if c.Features*c.Copies > 10000 || c.Outputs > 10000 {
		return bad("layer sizes above 10000")
	}
	if len(c.Delays) != L || len(c.LRWeights) != L || len(c.LRDelays) != L || len(c.WeightInit) != L || len(c.BumpFraction) != L {
		return bad("delays, learning rates, weight init and bump fractions need one entry per layer (%d)", L)
	}
	if c.Bias != nil && len(c.Bias) != L {
		return bad("bias needs one entry per layer")
	}
	if c.Batch <= 0 || c.Batch > 100000 {
		return bad("batch size %d (want 1..100000)", c.Batch)
	}
	if c.Epochs < 0 {
		return bad("negative epochs")
	}
	for l := range L {
		if c.LRWeights[l] < 0 || c.LRDelays[l] < 0 || math.IsNaN(c.LRWeights[l]+c.LRDelays[l]) {
			return bad("layer %d learning rates must be ≥ 0", l)
		}
	}
	if c.StepEvery < 0 || c.StepGamma < 0 {
		return bad("StepLR settings must be ≥ 0")
	}
	if err := c.Neuron.Validate(); err != nil {
		return err
	}
	if c.Protocol&^AuthorsProtocol != 0 {
		return bad("unknown protocol bits %#x", uint32(c.Protocol))
	}
	if c.Protocol.Has(NominalThreshold) && c.Neuron.Regime() != sim.RegimeEqual {
		return bad("the %s convention is the authors' Lambert-W gradient, defined for tau_mem = tau_syn only", NominalThreshold)
	}
	if c.Loss.Kind > LossMSE {
		return bad("unknown loss")
	}
	return nil
}

// LRScale is the StepLR factor in the given (0-based) epoch.
func (c *Config) LRScale(epoch int) float64 {
	if c.StepEvery <= 0 || c.StepGamma == 0 {
		return 1
	}
	return math.Pow(c.StepGamma, float64(epoch/c.StepEvery))
}

// NewModel draws a model's initial parameters from rng.
func NewModel(c *Config, rng *rand.Rand) (*Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	net := sim.NewNetwork(c.Neuron, c.Sizes(), c.Delays)
	for l := range net.Layers {
		L := &net.Layers[l]
		if c.Bias != nil && len(c.Bias[l]) > 0 {
			L.BiasTimes = append([]float64(nil), c.Bias[l]...)
			L.Weights = make([]float64, net.Rows(l)*L.Size)
		}
		for i := range L.Weights {
			L.Weights[i] = c.WeightInit[l].Mu + c.WeightInit[l].Sigma*rng.NormFloat64()
		}
	}
	m := &Model{Net: net, Features: c.Features, Copies: c.Copies, TieInputDelays: c.TieInputDelays, Delay: c.Delay,
		InterleavedCopies: c.Protocol.Has(InterleavedCopies)}
	m.Theta = make([][]float64, len(net.Layers))
	for l := range net.Layers {
		m.Theta[l] = make([]float64, m.ThetaCount(l))
		for i := range m.Theta[l] {
			m.Theta[l][i] = c.DelayInit.Mu + c.DelayInit.Sigma*rng.NormFloat64()
		}
	}
	m.SyncDelays()
	return m, m.Validate()
}

// newRand is a seeded generator for initialisation.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x64656c6772616431)) }
