package delgrad

import (
	"math"

	"delaylab/sim"
)

// DelayMode is how trainable delay parameters map to effective delays.
type DelayMode uint8

const (
	// DelaySigmoid: d = Shift + Scale·sigmoid(θ), so delays stay in
	// (Shift, Shift+Scale) — the reference's parametrisation.
	DelaySigmoid DelayMode = iota
	// DelayClip: θ is the delay itself, clipped at Shift (≥ 0) after each step.
	DelayClip
)

func (m DelayMode) String() string {
	if m == DelayClip {
		return "clip"
	}
	return "sigmoid"
}

// DelayParam is a delay parametrisation.
type DelayParam struct {
	Mode  DelayMode
	Shift float64 // smallest delay, in τs
	Scale float64 // width of the sigmoid's range, in τs (sigmoid mode)
}

// Effective maps a parameter θ to a delay.
func (p DelayParam) Effective(theta float64) float64 {
	if p.Mode == DelayClip {
		return math.Max(theta, p.Shift)
	}
	return p.Shift + p.Scale*sigmoid(theta)
}

// Slope is dd/dθ, the chain-rule factor from delay gradients to θ.
func (p DelayParam) Slope(theta float64) float64 {
	if p.Mode == DelayClip {
		return 1
	}
	s := sigmoid(theta)
	return p.Scale * s * (1 - s)
}

// Inverse maps a delay back to its parameter (used when a delay is set by
// hand or imported); delays outside the sigmoid's range are pulled inside.
func (p DelayParam) Inverse(d float64) float64 {
	if p.Mode == DelayClip {
		return math.Max(d, p.Shift)
	}
	x := (d - p.Shift) / p.Scale
	x = math.Min(math.Max(x, 1e-12), 1-1e-12)
	return math.Log(x / (1 - x))
}

func sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Model is a network together with its trainable delay parameters and the
// way input features map to input rows.
type Model struct {
	// Net holds the weights and the effective delays the simulator uses.
	Net *sim.Network
	// Features is the number of input features; Net.Inputs = Features·Copies
	// and row r carries feature r mod Features (tiled copies), or feature
	// r / Copies if InterleavedCopies (the authors' Multiplex layer). Tied
	// input delays always tile: row r has the delay of parameter r mod
	// Features.
	Features          int
	Copies            int
	InterleavedCopies bool
	// TieInputDelays makes the copies of one feature share one axonal delay
	// in the first layer (the chip's duplicated inputs).
	TieInputDelays bool
	Delay          DelayParam
	// Theta holds each layer's delay parameters; its length is the layer's
	// delay count (per feature for tied input delays).
	Theta [][]float64
}

// ThetaCount is the number of delay parameters of layer l.
func (m *Model) ThetaCount(l int) int {
	L := &m.Net.Layers[l]
	if l == 0 && m.tied() {
		return m.Features
	}
	return L.Delay.Count(m.Net.PreSize(l), L.Size)
}

func (m *Model) tied() bool {
	return m.TieInputDelays && m.Copies > 1 && m.Net.Layers[0].Delay == sim.DelayAxonal
}

// SyncDelays writes the effective delays of Theta into Net.
func (m *Model) SyncDelays() {
	for l := range m.Net.Layers {
		d := m.Net.Layers[l].Delays
		th := m.Theta[l]
		if l == 0 && m.tied() {
			for r := range d {
				d[r] = m.Delay.Effective(th[r%m.Features])
			}
			continue
		}
		for i := range d {
			d[i] = m.Delay.Effective(th[i])
		}
	}
}

// SetDelay sets one effective delay parameter (by its index in Theta[l]).
func (m *Model) SetDelay(l, i int, d float64) {
	m.Theta[l][i] = m.Delay.Inverse(d)
	m.SyncDelays()
}

// InputTimes expands per-feature spike times into the rows of the input
// layer (copies repeat the features).
func (m *Model) InputTimes(dst, features []float64) []float64 {
	dst = dst[:0]
	if len(features) == m.Net.Inputs {
		// One copy: rows are the features (FeatureOf(r) = r), without a
		// division per row on every sample.
		return append(dst, features...)
	}
	for r := range m.Net.Inputs {
		dst = append(dst, features[m.FeatureOf(r)])
	}
	return dst
}

// FeatureOf is the input feature that input row r carries.
func (m *Model) FeatureOf(r int) int {
	if m.InterleavedCopies {
		return r / m.Copies
	}
	return r % m.Features
}

// ParamCount is the number of trainable weights and delay parameters.
func (m *Model) ParamCount() (weights, delays int) {
	weights, _ = m.Net.ParamCount()
	for l := range m.Net.Layers {
		delays += m.ThetaCount(l)
	}
	return weights, delays
}

// Validate checks the network and that Theta fits it.
func (m *Model) Validate() error {
	if err := m.Net.Validate(); err != nil {
		return err
	}
	if m.Features <= 0 || m.Copies <= 0 || m.Features*m.Copies != m.Net.Inputs {
		return sim.ShapeError("%d features × %d copies ≠ %d inputs", m.Features, m.Copies, m.Net.Inputs)
	}
	if len(m.Theta) != len(m.Net.Layers) {
		return sim.ShapeError("%d delay parameter layers for %d layers", len(m.Theta), len(m.Net.Layers))
	}
	for l := range m.Theta {
		if len(m.Theta[l]) != m.ThetaCount(l) {
			return sim.ShapeError("layer %d has %d delay parameters, want %d", l, len(m.Theta[l]), m.ThetaCount(l))
		}
		for i, v := range m.Theta[l] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return newError(ErrModel, "layer %d delay parameter %d is %v", l, i, v)
			}
		}
	}
	if m.Delay.Mode > DelayClip || !(m.Delay.Shift >= 0) || (m.Delay.Mode == DelaySigmoid && !(m.Delay.Scale > 0)) {
		return newError(ErrModel, "invalid delay parametrisation")
	}
	return nil
}

// Clone returns a deep copy.
func (m *Model) Clone() *Model {
	c := *m
	c.Net = m.Net.Clone()
	c.Theta = make([][]float64, len(m.Theta))
	for l := range m.Theta {
		c.Theta[l] = append([]float64(nil), m.Theta[l]...)
	}
	return &c
}
