package checkpoint

import (
	"fmt"

	"delaylab/sim"
)

// preSize is the number of presynaptic units of layer l.
func (m *Model) preSize(l int) int {
	if l == 0 {
		return m.Features * m.Copies
	}
	return m.Layers[l-1].Size
}

// thetaCount is the number of delay parameters of layer l, as in
// delgrad.Model.ThetaCount; the layer's delay kind must be valid.
func (m *Model) thetaCount(l int) int {
	k, _ := sim.ParseDelayKind(m.Layers[l].Delay)
	if l == 0 && m.TieInputDelays && m.Copies > 1 && k == sim.DelayAxonal {
		return m.Features
	}
	return k.Count(m.preSize(l), m.Layers[l].Size)
}

// validateArch checks everything but the weights and delay parameters.
func (m *Model) validateArch(path string) error {
	if err := m.Neuron.validate(path + ".neuron"); err != nil {
		return err
	}
	if err := checkCount(path+".features", m.Features, MaxNeurons); err != nil {
		return err
	}
	if err := checkCount(path+".copies", m.Copies, MaxNeurons); err != nil {
		return err
	}
	if err := checkCount(path+" input rows (features × copies)", m.Features*m.Copies, MaxNeurons); err != nil {
		return err
	}
	if err := m.Delay.validate(path + ".delay"); err != nil {
		return err
	}
	if err := checkCount("number of "+path+".layers", len(m.Layers), MaxLayers); err != nil {
		return err
	}
	for l := range m.Layers {
		L := &m.Layers[l]
		p := fmt.Sprintf("%s.layers[%d]", path, l)
		if err := checkCount(p+".size", L.Size, MaxNeurons); err != nil {
			return err
		}
		if _, err := delayKindOf(p+".delay", L.Delay); err != nil {
			return err
		}
		if len(L.BiasTimes) > MaxNeurons {
			return &LimitError{What: "number of " + p + ".bias_times", Got: len(L.BiasTimes), Max: MaxNeurons}
		}
		if err := checkAllFinite(p+".bias_times", L.BiasTimes); err != nil {
			return err
		}
	}
	return nil
}

// validate checks the architecture and the parameters.
func (m *Model) validate(path string) error {
	if err := m.validateArch(path); err != nil {
		return err
	}
	for l := range m.Layers {
		L := &m.Layers[l]
		p := fmt.Sprintf("%s.layers[%d]", path, l)
		rows := m.preSize(l) + len(L.BiasTimes)
		if err := checkLen(p+".weights", len(L.Weights), rows*L.Size); err != nil {
			return err
		}
		if err := checkAllFinite(p+".weights", L.Weights); err != nil {
			return err
		}
		if err := checkLen(p+".theta", len(L.Theta), m.thetaCount(l)); err != nil {
			return err
		}
		if err := checkAllFinite(p+".theta", L.Theta); err != nil {
			return err
		}
	}
	return nil
}

// sameArch checks that a (at path) has the architecture of the model m;
// both must be valid.
func sameArch(path string, a, m *Model) error {
	shape := func(what string, got, want int) error {
		if got != want {
			return &ShapeError{What: path + "." + what, Got: got, Want: want}
		}
		return nil
	}
	if err := shape("features", a.Features, m.Features); err != nil {
		return err
	}
	if err := shape("copies", a.Copies, m.Copies); err != nil {
		return err
	}
	if err := shape("len(layers)", len(a.Layers), len(m.Layers)); err != nil {
		return err
	}
	for l := range a.Layers {
		A, M := &a.Layers[l], &m.Layers[l]
		p := fmt.Sprintf("layers[%d]", l)
		if err := shape(p+".size", A.Size, M.Size); err != nil {
			return err
		}
		if err := shape("len("+p+".bias_times)", len(A.BiasTimes), len(M.BiasTimes)); err != nil {
			return err
		}
		if A.Delay != M.Delay {
			return &FormatError{Path: path + "." + p + ".delay", Msg: fmt.Sprintf("%q, but the model's is %q", A.Delay, M.Delay)}
		}
	}
	if a.Neuron != m.Neuron || a.Delay != m.Delay || a.TieInputDelays != m.TieInputDelays {
		return &FormatError{Path: path, Msg: "neuron, delay parametrisation or delay tying differ from the model's"}
	}
	return nil
}
