package netjson

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// Encode writes m and the input coding as net.json. It refuses, before
// writing anything, a model that net.json cannot hold or Decode would
// reject, so its output always reads back to the same weights and delays.
func Encode(w io.Writer, m *delgrad.Model, coding dataset.Coding) error {
	nj, err := FromModel(m, coding)
	if err != nil {
		return err
	}
	_, err = w.Write(nj.appendJSON(nil))
	return err
}

// Decode reads a net.json file of at most MaxBytes and checks all of
// it. The model's delay parameters are the effective delays themselves
// (delgrad.DelayClip with shift 0), so they reproduce the file exactly;
// input copies do not share delays. Problems with the content are
// *Error, naming the first one found; errors of r are returned wrapped.
func Decode(r io.Reader) (*delgrad.Model, dataset.Coding, error) {
	nj, err := parseNet(r)
	if err != nil {
		return nil, dataset.Coding{}, err
	}
	return nj.Model()
}

// FromModel describes m and the input coding in net.json form.
func FromModel(m *delgrad.Model, coding dataset.Coding) (*File, error) {
	if m == nil || m.Net == nil {
		return nil, errors.New("checkpoint: net.json: no model")
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("checkpoint: net.json: %w", err)
	}
	n := m.Net
	if n.Neuron.C != 1 {
		return nil, fmt.Errorf("checkpoint: net.json assumes the capacitance C = 1; the model has C = %v", n.Neuron.C)
	}
	nj := &File{
		Format:  Format,
		Version: Version,
		Neuron: Neuron{
			TauSyn: n.Neuron.TauSyn, TauMem: n.Neuron.TauMem,
			Threshold: n.Neuron.Threshold, Leak: n.Neuron.Leak,
		},
		Inputs:      m.Features,
		InputCopies: m.Copies,
		Coding:      Coding{TEarly: coding.TEarly, TLate: coding.TLate},
	}
	for l := range n.Layers {
		L := &n.Layers[l]
		lj := Layer{
			Size:      L.Size,
			Weights:   netRowsOf(L.Weights, n.Rows(l), L.Size),
			DelayKind: L.Delay.String(),
			BiasTimes: append([]float64{}, L.BiasTimes...),
		}
		switch L.Delay {
		case sim.DelayAxonal, sim.DelayDendritic:
			lj.Delays.Vector = append([]float64{}, L.Delays...)
		case sim.DelaySynaptic:
			lj.Delays.Matrix = netRowsOf(L.Delays, n.PreSize(l), L.Size)
		}
		nj.Layers = append(nj.Layers, lj)
	}
	if _, _, err := nj.Model(); err != nil {
		return nil, fmt.Errorf("checkpoint: cannot write net.json: %w", err)
	}
	return nj, nil
}

// netRowsOf copies a row-major matrix into rows.
func netRowsOf(flat []float64, rows, cols int) [][]float64 {
	out := make([][]float64, rows)
	for i := range out {
		out[i] = append([]float64{}, flat[i*cols:(i+1)*cols]...)
	}
	return out
}

// Model checks every field and builds the network (see Decode).
func (nj *File) Model() (*delgrad.Model, dataset.Coding, error) {
	var none dataset.Coding
	bad := func(path, format string, a ...any) (*delgrad.Model, dataset.Coding, error) {
		return nil, none, &Error{Path: path, Msg: fmt.Sprintf(format, a...)}
	}
	if nj.Format != Format {
		return bad("format", "want %q, got %q", Format, netClip(nj.Format))
	}
	if nj.Version != Version {
		return bad("version", "version %d is not supported (this program reads version %d)", nj.Version, Version)
	}
	nu := nj.Neuron
	if !(nu.TauSyn > 0) || math.IsInf(nu.TauSyn, 0) {
		return bad("neuron.tau_syn", "%v must be positive and finite", nu.TauSyn)
	}
	if !(nu.TauMem > 0) || math.IsInf(nu.TauMem, 0) {
		return bad("neuron.tau_mem", "%v must be positive and finite", nu.TauMem)
	}
	if !netFinite(nu.Leak) {
		return bad("neuron.leak", "%v is not finite", nu.Leak)
	}
	if !netFinite(nu.Threshold) || !(nu.Threshold > nu.Leak) || math.IsInf(nu.Threshold-nu.Leak, 0) {
		return bad("neuron.threshold", "%v must be finite and above the leak potential %v", nu.Threshold, nu.Leak)
	}
	if nj.Inputs < 1 || nj.Inputs > maxNetUnits {
		return bad("inputs", "%d input features (want 1..%d)", nj.Inputs, maxNetUnits)
	}
	if nj.InputCopies < 1 || nj.InputCopies > maxNetUnits/nj.Inputs {
		return bad("input_copies", "%d copies of %d inputs (want at most %d input rows in all)", nj.InputCopies, nj.Inputs, maxNetUnits)
	}
	c := nj.Coding
	if !netFinite(c.TEarly) {
		return bad("coding.t_early", "%v is not finite", c.TEarly)
	}
	if !netFinite(c.TLate) || !(c.TLate > c.TEarly) {
		return bad("coding.t_late", "%v must be finite and after t_early %v", c.TLate, c.TEarly)
	}
	if len(nj.Layers) == 0 || len(nj.Layers) > maxNetLayers {
		return bad("layers", "%d layers (want 1..%d)", len(nj.Layers), maxNetLayers)
	}

	net := &sim.Network{
		Neuron: sim.Neuron{TauSyn: nu.TauSyn, TauMem: nu.TauMem, Threshold: nu.Threshold, Leak: nu.Leak, C: 1},
		Inputs: nj.Inputs * nj.InputCopies,
	}
	m := &delgrad.Model{
		Net: net, Features: nj.Inputs, Copies: nj.InputCopies,
		Delay: delgrad.DelayParam{Mode: delgrad.DelayClip},
	}
	nPre := net.Inputs
	for l, L := range nj.Layers {
		at := fmt.Sprintf("layers[%d]", l)
		if L.Size < 1 || L.Size > maxNetUnits {
			return bad(at+".size", "%d neurons (want 1..%d)", L.Size, maxNetUnits)
		}
		kind, err := sim.ParseDelayKind(L.DelayKind)
		if err != nil {
			return bad(at+".delay_kind", "unknown delay kind %q (want none, axonal, dendritic or synaptic)", netClip(L.DelayKind))
		}
		if len(L.BiasTimes) > maxNetBias {
			return bad(at+".bias_times", "%d bias spikes (want at most %d)", len(L.BiasTimes), maxNetBias)
		}
		for j, b := range L.BiasTimes {
			if !netFinite(b) {
				return bad(fmt.Sprintf("%s.bias_times[%d]", at, j), "%v is not finite", b)
			}
		}
		rows := nPre + len(L.BiasTimes)
		if len(L.Weights) != rows {
			return bad(at+".weights", "want %d rows (%d presynaptic units and %d bias spikes), got %d",
				rows, nPre, len(L.BiasTimes), len(L.Weights))
		}
		// All shapes first, so that a lying "size" cannot make us allocate.
		for i, row := range L.Weights {
			if len(row) != L.Size {
				return bad(fmt.Sprintf("%s.weights[%d]", at, i), "want %d numbers, got %d", L.Size, len(row))
			}
		}
		w := make([]float64, 0, rows*L.Size)
		for i, row := range L.Weights {
			for k, v := range row {
				if !netFinite(v) {
					return bad(fmt.Sprintf("%s.weights[%d][%d]", at, i, k), "%v is not finite", v)
				}
			}
			w = append(w, row...)
		}
		d, err := netLayerDelays(at+".delays", L.Delays, kind, nPre, L.Size)
		if err != nil {
			return nil, none, err
		}
		var bias []float64
		if len(L.BiasTimes) > 0 {
			bias = slices.Clone(L.BiasTimes)
		}
		net.Layers = append(net.Layers, sim.Layer{Size: L.Size, Weights: w, Delay: kind, Delays: d, BiasTimes: bias})
		m.Theta = append(m.Theta, slices.Clone(d))
		nPre = L.Size
	}
	m.SyncDelays()
	if err := m.Validate(); err != nil {
		// Unreachable: everything Validate checks was checked above.
		return bad("", "%v", err)
	}
	return m, dataset.Coding{TEarly: c.TEarly, TLate: c.TLate}, nil
}

// netLayerDelays checks the delays of a layer with nPre presynaptic units and
// size neurons against their kind and returns them row-major. Zero is
// always +0, so that the delay parameters equal the delays bit for bit.
func netLayerDelays(path string, d Delays, kind sim.DelayKind, nPre, size int) ([]float64, error) {
	bad := func(path, format string, a ...any) ([]float64, error) {
		return nil, &Error{Path: path, Msg: fmt.Sprintf(format, a...)}
	}
	got := func() string {
		switch {
		case d.Matrix != nil:
			return fmt.Sprintf("%d rows", len(d.Matrix))
		case d.Vector != nil:
			return fmt.Sprintf("%d numbers", len(d.Vector))
		}
		return "null"
	}
	// Allocated once the shape is right, so that sizes cannot make us allocate.
	out := []float64{}
	add := func(path string, v float64) error {
		if !netFinite(v) || v < 0 {
			return &Error{Path: path, Msg: fmt.Sprintf("delay %v must be finite and ≥ 0", v)}
		}
		out = append(out, v+0)
		return nil
	}
	switch kind {
	case sim.DelayNone:
		if d.Vector != nil || d.Matrix != nil {
			return bad(path, "want null for delay kind none, got %s", got())
		}
	case sim.DelayAxonal, sim.DelayDendritic:
		n, per := nPre, "presynaptic unit"
		if kind == sim.DelayDendritic {
			n, per = size, "neuron"
		}
		if d.Matrix != nil || len(d.Vector) != n {
			return bad(path, "want %d numbers (one %s delay per %s), got %s", n, kind, per, got())
		}
		out = make([]float64, 0, n)
		for i, v := range d.Vector {
			if err := add(fmt.Sprintf("%s[%d]", path, i), v); err != nil {
				return nil, err
			}
		}
	case sim.DelaySynaptic:
		if len(d.Matrix) != nPre || (d.Matrix == nil && len(d.Vector) > 0) {
			return bad(path, "want %d rows of %d synaptic delays, got %s", nPre, size, got())
		}
		for i, row := range d.Matrix {
			if len(row) != size {
				return bad(fmt.Sprintf("%s[%d]", path, i), "want %d numbers, got %d", size, len(row))
			}
		}
		out = make([]float64, 0, nPre*size)
		for i, row := range d.Matrix {
			for k, v := range row {
				if err := add(fmt.Sprintf("%s[%d][%d]", path, i, k), v); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

func netFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// netClip shortens text quoted in an error message.
func netClip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
