package chip

import (
	"math"
	"math/rand/v2"
)

// Instance is one chip: a Config and the seed its fixed pattern is drawn
// from. The same seed gives the same chip, whatever network is mapped onto
// it; the pattern of circuit j does not depend on how many circuits are
// used. An Instance is immutable and safe for concurrent use.
type Instance struct {
	cfg  Config
	seed uint64
}

// NewInstance checks cfg and returns the chip drawn from seed.
func NewInstance(cfg Config, seed uint64) (*Instance, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Instance{cfg: cfg, seed: seed}, nil
}

// Config returns the chip's configuration.
func (in *Instance) Config() Config { return in.cfg }

// Seed returns the seed the chip was drawn from.
func (in *Instance) Seed() uint64 { return in.seed }

// Circuit is the fixed pattern of one neuron circuit, as factors on and
// offsets to the nominal neuron a network asks for.
type Circuit struct {
	ThresholdOffset float64 // added to ϑ, in model voltage units
	TauMem, TauSyn  float64 // factors on the nominal τm and τs
	GainExc         float64 // factor on the weights of excitatory rows
	GainInh         float64 // factor on the weights of inhibitory rows
}

// Streams of random numbers, one per source, so that switching one source
// off leaves the draws of every other unchanged.
const (
	tagThreshold uint64 = iota + 1
	tagTauMem
	tagTauSyn
	tagGainExc
	tagGainInh
	tagDelayOffset
	tagThresholdTrial
	tagSpikeJitter
	tagDelayJitter
	tagDelayDrop
)

// Circuits appends the fixed pattern of circuits 0..n−1 to dst[:0].
func (in *Instance) Circuits(dst []Circuit, n int) []Circuit {
	dst = grow(dst, n)
	c := &in.cfg
	var st stream
	st.start(in.seed, tagThreshold)
	for j := range dst {
		dst[j].ThresholdOffset = c.ThresholdOffsetMean + c.ThresholdOffsetStd*st.norm()
	}
	factor := func(tag uint64, std float64, set func(*Circuit, float64)) {
		st.start(in.seed, tag)
		for j := range dst {
			f := 1.0
			if std > 0 {
				// A factor below 0.1 is a broken circuit, not mismatch;
				// at the spreads of §9 it is > 7σ away.
				f = math.Max(0.1, 1+std*st.norm())
			}
			set(&dst[j], f)
		}
	}
	factor(tagTauMem, c.TauMemStd, func(p *Circuit, f float64) { p.TauMem = f })
	factor(tagTauSyn, c.TauSynStd, func(p *Circuit, f float64) { p.TauSyn = f })
	factor(tagGainExc, c.GainStd, func(p *Circuit, f float64) { p.GainExc = f })
	factor(tagGainInh, c.GainStd, func(p *Circuit, f float64) { p.GainInh = f })
	return dst
}

// ElementOffsets appends the offset errors (µs) of delay elements 0..n−1
// to dst[:0]: N(0, DelayOffsetStd²) each.
func (in *Instance) ElementOffsets(dst []float64, n int) []float64 {
	dst = grow(dst, n)
	var st stream
	st.start(in.seed, tagDelayOffset)
	for e := range dst {
		dst[e] = in.cfg.DelayOffsetStd * st.norm()
	}
	return dst
}

// stream is a PCG generator keyed by a hash of the chip seed, a source tag
// and (for trial noise) the fields of a sim.Trial, so that every draw is a
// function of those keys only, whichever goroutine makes it.
type stream struct {
	pcg rand.PCG
	r   *rand.Rand
}

func (s *stream) start(seed uint64, keys ...uint64) {
	h := mix64(seed ^ 0x6368697073656564) // "chipseed"
	for _, k := range keys {
		h = mix64((h + 0x9e3779b97f4a7c15) ^ k)
	}
	s.pcg.Seed(h, mix64(h^0x73747265616d3121)) // "stream1!"
	if s.r == nil {
		s.r = rand.New(&s.pcg)
	}
}

func (s *stream) norm() float64    { return s.r.NormFloat64() }
func (s *stream) uniform() float64 { return s.r.Float64() }

// mix64 is the SplitMix64 finaliser, a bijection with full avalanche.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
