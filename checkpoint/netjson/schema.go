package netjson

import (
	"bytes"
	"encoding/json"
)

// The net.json interchange (version 1) holds a network for other tools: the
// neuron, the input coding and, per layer, the weights and the effective
// delays in units of τs. It has no training state and no delay
// parametrisation (the .dlab checkpoint has both) and assumes C = 1.

// Format is the "format" field of every net.json file; Version is the
// version this package reads and writes.
const (
	Format  = "delaylab.net"
	Version = 1
)

// MaxBytes is the largest net.json Decode reads.
const MaxBytes = 64 << 20

// Limits of a net.json network. Unit counts match delgrad.Config's.
const (
	maxNetUnits  = 10_000 // neurons per layer, and input rows
	maxNetBias   = 10_000 // bias spikes per layer
	maxNetLayers = 1_000
)

// File is the content of a net.json file, field for field.
type File struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Neuron  Neuron `json:"neuron"`
	// Inputs is the number of input features; the network has
	// Inputs·InputCopies input rows, and row r carries feature r mod Inputs.
	Inputs      int     `json:"inputs"`
	InputCopies int     `json:"input_copies"`
	Coding      Coding  `json:"coding"`
	Layers      []Layer `json:"layers"`
}

// Neuron holds the neuron parameters, in units of τs and of the
// threshold's voltage unit.
type Neuron struct {
	TauSyn    float64 `json:"tau_syn"`
	TauMem    float64 `json:"tau_mem"`
	Threshold float64 `json:"threshold"`
	Leak      float64 `json:"leak"`
}

// Coding is the latency code of the inputs (see dataset.Coding).
type Coding struct {
	TEarly float64 `json:"t_early"`
	TLate  float64 `json:"t_late"`
}

// Layer is one layer of neurons and the synapses that feed it.
type Layer struct {
	Size int `json:"size"`
	// Weights[i][k] connects presynaptic unit i to neuron k; the rows after
	// the presynaptic units belong to the bias spikes, in the order of
	// BiasTimes.
	Weights   [][]float64 `json:"weights"`
	DelayKind string      `json:"delay_kind"`
	Delays    Delays      `json:"delays"`
	BiasTimes []float64   `json:"bias_times"`
}

// Delays is a layer's effective delays in units of τs: null for delay
// kind "none", a Vector for "axonal" ([n_pre]) and "dendritic" ([n_post]),
// a Matrix for "synaptic" ([n_pre][n_post]). At most one is non-nil.
type Delays struct {
	Vector []float64
	Matrix [][]float64
}

// MarshalJSON writes null, the vector or the matrix.
func (d Delays) MarshalJSON() ([]byte, error) {
	switch {
	case d.Matrix != nil:
		return json.Marshal(d.Matrix)
	case d.Vector != nil:
		return json.Marshal(d.Vector)
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads null, an array of numbers or an array of arrays.
func (d *Delays) UnmarshalJSON(b []byte) error {
	*d = Delays{}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || raw == nil {
		return err
	}
	if len(raw) > 0 && bytes.HasPrefix(bytes.TrimSpace(raw[0]), []byte("[")) {
		return json.Unmarshal(b, &d.Matrix)
	}
	return json.Unmarshal(b, &d.Vector)
}

// Error reports an invalid net.json: what is wrong (Msg) and where, as a
// JSON path such as "layers[1].weights[3]" (empty for the whole file).
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return "net.json: " + e.Msg
	}
	return "net.json: " + e.Path + ": " + e.Msg
}
