package checkpoint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// The net.json interchange (version 1) holds a network for other tools: the
// neuron, the input coding and, per layer, the weights and the effective
// delays in units of τs. It has no training state and no delay
// parametrisation (the .dlab checkpoint has both) and assumes C = 1.

// NetFormat is the "format" field of every net.json file; NetVersion is the
// version this package reads and writes.
const (
	NetFormat  = "delaylab.net"
	NetVersion = 1
)

// MaxNetBytes is the largest net.json DecodeNet reads.
const MaxNetBytes = 64 << 20

// Limits of a net.json network. Unit counts match delgrad.Config's.
const (
	maxNetUnits  = 10_000 // neurons per layer, and input rows
	maxNetBias   = 10_000 // bias spikes per layer
	maxNetLayers = 1_000
)

// NetJSON is the content of a net.json file, field for field.
type NetJSON struct {
	Format  string     `json:"format"`
	Version int        `json:"version"`
	Neuron  NeuronJSON `json:"neuron"`
	// Inputs is the number of input features; the network has
	// Inputs·InputCopies input rows, and row r carries feature r mod Inputs.
	Inputs      int         `json:"inputs"`
	InputCopies int         `json:"input_copies"`
	Coding      CodingJSON  `json:"coding"`
	Layers      []LayerJSON `json:"layers"`
}

// NeuronJSON holds the neuron parameters, in units of τs and of the
// threshold's voltage unit.
type NeuronJSON struct {
	TauSyn    float64 `json:"tau_syn"`
	TauMem    float64 `json:"tau_mem"`
	Threshold float64 `json:"threshold"`
	Leak      float64 `json:"leak"`
}

// CodingJSON is the latency code of the inputs (see dataset.Coding).
type CodingJSON struct {
	TEarly float64 `json:"t_early"`
	TLate  float64 `json:"t_late"`
}

// LayerJSON is one layer of neurons and the synapses that feed it.
type LayerJSON struct {
	Size int `json:"size"`
	// Weights[i][k] connects presynaptic unit i to neuron k; the rows after
	// the presynaptic units belong to the bias spikes, in the order of
	// BiasTimes.
	Weights   [][]float64 `json:"weights"`
	DelayKind string      `json:"delay_kind"`
	Delays    DelaysJSON  `json:"delays"`
	BiasTimes []float64   `json:"bias_times"`
}

// DelaysJSON is a layer's effective delays in units of τs: null for delay
// kind "none", a Vector for "axonal" ([n_pre]) and "dendritic" ([n_post]),
// a Matrix for "synaptic" ([n_pre][n_post]). At most one is non-nil.
type DelaysJSON struct {
	Vector []float64
	Matrix [][]float64
}

// MarshalJSON writes null, the vector or the matrix.
func (d DelaysJSON) MarshalJSON() ([]byte, error) {
	switch {
	case d.Matrix != nil:
		return json.Marshal(d.Matrix)
	case d.Vector != nil:
		return json.Marshal(d.Vector)
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads null, an array of numbers or an array of arrays.
func (d *DelaysJSON) UnmarshalJSON(b []byte) error {
	*d = DelaysJSON{}
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil || raw == nil {
		return err
	}
	if len(raw) > 0 && bytes.HasPrefix(bytes.TrimSpace(raw[0]), []byte("[")) {
		return json.Unmarshal(b, &d.Matrix)
	}
	return json.Unmarshal(b, &d.Vector)
}

// NetError reports an invalid net.json: what is wrong (Msg) and where, as a
// JSON path such as "layers[1].weights[3]" (empty for the whole file).
type NetError struct {
	Path string
	Msg  string
}

func (e *NetError) Error() string {
	if e.Path == "" {
		return "net.json: " + e.Msg
	}
	return "net.json: " + e.Path + ": " + e.Msg
}

// EncodeNet writes m and the input coding as net.json. It refuses, before
// writing anything, a model that net.json cannot hold or DecodeNet would
// reject, so its output always reads back to the same weights and delays.
func EncodeNet(w io.Writer, m *delgrad.Model, coding dataset.Coding) error {
	nj, err := NewNetJSON(m, coding)
	if err != nil {
		return err
	}
	_, err = w.Write(nj.appendJSON(nil))
	return err
}

// DecodeNet reads a net.json file of at most MaxNetBytes and checks all of
// it. The model's delay parameters are the effective delays themselves
// (delgrad.DelayClip with shift 0), so they reproduce the file exactly;
// input copies do not share delays. Problems with the content are
// *NetError, naming the first one found; errors of r are returned wrapped.
func DecodeNet(r io.Reader) (*delgrad.Model, dataset.Coding, error) {
	nj, err := parseNet(r)
	if err != nil {
		return nil, dataset.Coding{}, err
	}
	return nj.Model()
}

// NewNetJSON describes m and the input coding in net.json form.
func NewNetJSON(m *delgrad.Model, coding dataset.Coding) (*NetJSON, error) {
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
	nj := &NetJSON{
		Format:  NetFormat,
		Version: NetVersion,
		Neuron: NeuronJSON{
			TauSyn: n.Neuron.TauSyn, TauMem: n.Neuron.TauMem,
			Threshold: n.Neuron.Threshold, Leak: n.Neuron.Leak,
		},
		Inputs:      m.Features,
		InputCopies: m.Copies,
		Coding:      CodingJSON{TEarly: coding.TEarly, TLate: coding.TLate},
	}
	for l := range n.Layers {
		L := &n.Layers[l]
		lj := LayerJSON{
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

// Model checks every field and builds the network (see DecodeNet).
func (nj *NetJSON) Model() (*delgrad.Model, dataset.Coding, error) {
	var none dataset.Coding
	bad := func(path, format string, a ...any) (*delgrad.Model, dataset.Coding, error) {
		return nil, none, &NetError{Path: path, Msg: fmt.Sprintf(format, a...)}
	}
	if nj.Format != NetFormat {
		return bad("format", "want %q, got %q", NetFormat, netClip(nj.Format))
	}
	if nj.Version != NetVersion {
		return bad("version", "version %d is not supported (this program reads version %d)", nj.Version, NetVersion)
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
func netLayerDelays(path string, d DelaysJSON, kind sim.DelayKind, nPre, size int) ([]float64, error) {
	bad := func(path, format string, a ...any) ([]float64, error) {
		return nil, &NetError{Path: path, Msg: fmt.Sprintf(format, a...)}
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
			return &NetError{Path: path, Msg: fmt.Sprintf("delay %v must be finite and ≥ 0", v)}
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

// parseNet reads the JSON text of a net.json into a NetJSON, checking types
// (with the JSON path of the first wrong one) but not sizes and shapes.
// Missing optional fields get their defaults: input_copies 1, the default
// coding, leak 0, no bias spikes, and null delays.
func parseNet(r io.Reader) (*NetJSON, error) {
	in := &netCountingReader{r: io.LimitReader(r, MaxNetBytes+1)}
	p := &netParser{dec: json.NewDecoder(in), in: in}
	p.dec.UseNumber()
	def := dataset.DefaultCoding()
	nj := &NetJSON{InputCopies: 1, Coding: CodingJSON{TEarly: def.TEarly, TLate: def.TLate}}
	tok, err := p.next()
	if err != nil {
		return nil, err
	}
	err = p.object(tok, []netField{
		{"format", true, func(t json.Token) error {
			s, err := p.str(t)
			if err == nil && s != NetFormat {
				err = p.fail("want %q, got %q", NetFormat, netClip(s))
			}
			nj.Format = s
			return err
		}},
		{"version", true, func(t json.Token) error {
			v, err := p.integer(t)
			if err == nil && v != NetVersion {
				err = p.fail("version %d is not supported (this program reads version %d)", v, NetVersion)
			}
			nj.Version = v
			return err
		}},
		{"neuron", true, func(t json.Token) error {
			return p.object(t, []netField{
				{"tau_syn", true, p.toFloat(&nj.Neuron.TauSyn)},
				{"tau_mem", true, p.toFloat(&nj.Neuron.TauMem)},
				{"threshold", true, p.toFloat(&nj.Neuron.Threshold)},
				{"leak", false, p.toFloat(&nj.Neuron.Leak)},
			})
		}},
		{"inputs", true, p.toInt(&nj.Inputs)},
		{"input_copies", false, p.toInt(&nj.InputCopies)},
		{"coding", false, func(t json.Token) error {
			return p.object(t, []netField{
				{"t_early", true, p.toFloat(&nj.Coding.TEarly)},
				{"t_late", true, p.toFloat(&nj.Coding.TLate)},
			})
		}},
		{"layers", true, func(t json.Token) error {
			nj.Layers = []LayerJSON{}
			return p.array(t, maxNetLayers, "layers", func(_ int, t json.Token) error {
				nj.Layers = append(nj.Layers, LayerJSON{})
				return p.layer(t, &nj.Layers[len(nj.Layers)-1])
			})
		}},
	})
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		if p.in.n > MaxNetBytes {
			return nil, netTooLarge()
		}
		return nil, &NetError{Msg: "unexpected data after the top-level object"}
	}
	if p.in.n > MaxNetBytes {
		return nil, netTooLarge()
	}
	return nj, nil
}

func netTooLarge() error {
	return &NetError{Msg: fmt.Sprintf("file larger than %d MiB", MaxNetBytes>>20)}
}

// layer parses one element of "layers".
func (p *netParser) layer(tok json.Token, L *LayerJSON) error {
	return p.object(tok, []netField{
		{"size", true, p.toInt(&L.Size)},
		{"weights", true, func(t json.Token) error {
			L.Weights = [][]float64{}
			return p.array(t, maxNetUnits+maxNetBias, "rows", func(_ int, t json.Token) error {
				row, err := p.floats(t, maxNetUnits)
				L.Weights = append(L.Weights, row)
				return err
			})
		}},
		{"delay_kind", true, func(t json.Token) (err error) {
			L.DelayKind, err = p.str(t)
			return err
		}},
		{"delays", false, func(t json.Token) error {
			if t == nil {
				return nil
			}
			matrix := false
			empty := true
			err := p.array(t, maxNetUnits, "delays", func(i int, t json.Token) error {
				empty = false
				if i == 0 {
					matrix = t == json.Delim('[')
				}
				if matrix {
					row, err := p.floats(t, maxNetUnits)
					L.Delays.Matrix = append(L.Delays.Matrix, row)
					return err
				}
				v, err := p.number(t)
				L.Delays.Vector = append(L.Delays.Vector, v)
				return err
			})
			if empty {
				L.Delays.Vector = []float64{}
			}
			return err
		}},
		{"bias_times", false, func(t json.Token) (err error) {
			if t == nil {
				return nil
			}
			L.BiasTimes, err = p.floats(t, maxNetBias)
			return err
		}},
	})
}

// netCountingReader counts the bytes read through it.
type netCountingReader struct {
	r io.Reader
	n int64
}

func (c *netCountingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.n += int64(k)
	return k, err
}

// netParser walks the token stream of a JSON document and keeps the path
// to the value it is reading, for error messages.
type netParser struct {
	dec  *json.Decoder
	in   *netCountingReader
	path []string // keys and "[i]" indices
}

// netField is a member of a JSON object: its key, whether it must be present,
// and the function that reads its value from the value's first token.
type netField struct {
	name     string
	required bool
	read     func(tok json.Token) error
}

func (p *netParser) where() string {
	var b []byte
	for _, s := range p.path {
		if len(b) > 0 && s[0] != '[' {
			b = append(b, '.')
		}
		b = append(b, s...)
	}
	return string(b)
}

func (p *netParser) fail(format string, a ...any) error {
	return &NetError{Path: p.where(), Msg: fmt.Sprintf(format, a...)}
}

// next reads one token.
func (p *netParser) next() (json.Token, error) {
	tok, err := p.dec.Token()
	if err == nil {
		return tok, nil
	}
	if p.in.n > MaxNetBytes {
		return nil, netTooLarge()
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, p.fail("unexpected end of input")
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		return nil, p.fail("invalid JSON at byte offset %d: %v", max(se.Offset-1, 0), se)
	}
	return nil, fmt.Errorf("checkpoint: reading net.json: %w", err)
}

// object reads an object whose first token is tok; unknown, duplicate and
// missing fields are errors.
func (p *netParser) object(tok json.Token, fields []netField) error {
	if tok != json.Delim('{') {
		return p.fail("want an object, got %s", netDescribe(tok))
	}
	seen := make([]bool, len(fields))
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == json.Delim('}') {
			break
		}
		key, _ := t.(string) // the decoder only returns strings as keys
		i := slices.IndexFunc(fields, func(f netField) bool { return f.name == key })
		if i < 0 {
			return p.fail("unknown field %q", netClip(key))
		}
		if seen[i] {
			return p.fail("duplicate field %q", key)
		}
		seen[i] = true
		p.path = append(p.path, key)
		v, err := p.next()
		if err != nil {
			return err
		}
		if err := fields[i].read(v); err != nil {
			return err
		}
		p.path = p.path[:len(p.path)-1]
	}
	for i, f := range fields {
		if f.required && !seen[i] {
			return p.fail("missing field %q", f.name)
		}
	}
	return nil
}

// array reads an array of at most limit elements whose first token is tok,
// calling elem with each element's index and first token.
func (p *netParser) array(tok json.Token, limit int, what string, elem func(i int, tok json.Token) error) error {
	if tok != json.Delim('[') {
		return p.fail("want an array, got %s", netDescribe(tok))
	}
	for i := 0; ; i++ {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == json.Delim(']') {
			return nil
		}
		if i == limit {
			return p.fail("more than %d %s", limit, what)
		}
		p.path = append(p.path, "["+strconv.Itoa(i)+"]")
		if err := elem(i, t); err != nil {
			return err
		}
		p.path = p.path[:len(p.path)-1]
	}
}

// floats reads an array of at most limit numbers.
func (p *netParser) floats(tok json.Token, limit int) ([]float64, error) {
	out := []float64{}
	err := p.array(tok, limit, "numbers", func(_ int, t json.Token) error {
		v, err := p.number(t)
		out = append(out, v)
		return err
	})
	return out, err
}

func (p *netParser) number(tok json.Token) (float64, error) {
	n, ok := tok.(json.Number)
	if !ok {
		return 0, p.fail("want a number, got %s", netDescribe(tok))
	}
	// Valid JSON numbers only fail to parse by overflowing.
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, p.fail("%s is beyond the range of float64", netClip(string(n)))
	}
	return v, nil
}

func (p *netParser) integer(tok json.Token) (int, error) {
	n, ok := tok.(json.Number)
	if !ok {
		return 0, p.fail("want an integer, got %s", netDescribe(tok))
	}
	v, err := strconv.Atoi(string(n))
	if err != nil {
		return 0, p.fail("want an integer, got %s", netClip(string(n)))
	}
	return v, nil
}

func (p *netParser) str(tok json.Token) (string, error) {
	s, ok := tok.(string)
	if !ok {
		return "", p.fail("want a string, got %s", netDescribe(tok))
	}
	return s, nil
}

func (p *netParser) toFloat(dst *float64) func(json.Token) error {
	return func(t json.Token) (err error) {
		*dst, err = p.number(t)
		return err
	}
}

func (p *netParser) toInt(dst *int) func(json.Token) error {
	return func(t json.Token) (err error) {
		*dst, err = p.integer(t)
		return err
	}
}

// netDescribe names the JSON value that starts with tok.
func netDescribe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return fmt.Sprintf("the string %q", netClip(t))
	case json.Number:
		return "the number " + netClip(string(t))
	case bool:
		return strconv.FormatBool(t)
	}
	return "null"
}

// appendJSON writes nj with one line per weight or delay row, numbers in
// the shortest form that reads back exactly.
func (nj *NetJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"format": `...)
	b = netAppendString(b, nj.Format)
	b = append(b, `, "version": `...)
	b = strconv.AppendInt(b, int64(nj.Version), 10)
	b = append(b, ",\n \"neuron\": {\"tau_syn\": "...)
	b = AppendJSONNumber(b, nj.Neuron.TauSyn)
	b = append(b, `, "tau_mem": `...)
	b = AppendJSONNumber(b, nj.Neuron.TauMem)
	b = append(b, `, "threshold": `...)
	b = AppendJSONNumber(b, nj.Neuron.Threshold)
	b = append(b, `, "leak": `...)
	b = AppendJSONNumber(b, nj.Neuron.Leak)
	b = append(b, "},\n \"inputs\": "...)
	b = strconv.AppendInt(b, int64(nj.Inputs), 10)
	b = append(b, `, "input_copies": `...)
	b = strconv.AppendInt(b, int64(nj.InputCopies), 10)
	b = append(b, ",\n \"coding\": {\"t_early\": "...)
	b = AppendJSONNumber(b, nj.Coding.TEarly)
	b = append(b, `, "t_late": `...)
	b = AppendJSONNumber(b, nj.Coding.TLate)
	b = append(b, "},\n \"layers\": ["...)
	for l, L := range nj.Layers {
		if l > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  {\"size\": "...)
		b = strconv.AppendInt(b, int64(L.Size), 10)
		b = append(b, ",\n   \"weights\": "...)
		b = netAppendRows(b, L.Weights)
		b = append(b, ",\n   \"delay_kind\": "...)
		b = netAppendString(b, L.DelayKind)
		b = append(b, ",\n   \"delays\": "...)
		switch {
		case L.Delays.Matrix != nil:
			b = netAppendRows(b, L.Delays.Matrix)
		case L.Delays.Vector != nil:
			b = netAppendRow(b, L.Delays.Vector)
		default:
			b = append(b, "null"...)
		}
		b = append(b, ",\n   \"bias_times\": "...)
		b = netAppendRow(b, L.BiasTimes)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

func netAppendRows(b []byte, rows [][]float64) []byte {
	b = append(b, '[')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = netAppendRow(b, r)
	}
	return append(b, ']')
}

func netAppendRow(b []byte, r []float64) []byte {
	b = append(b, '[')
	for i, v := range r {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = AppendJSONNumber(b, v)
	}
	return append(b, ']')
}

// AppendJSONNumber writes a finite v as a JSON number: the shortest
// decimal that parses back to v, in plain notation unless very large or
// small. It is the number writer of every JSON file DelayLab writes.
func AppendJSONNumber(b []byte, v float64) []byte {
	f := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		f = 'e'
	}
	return strconv.AppendFloat(b, v, f, -1, 64)
}

func netAppendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // cannot fail for a string
	return append(b, q...)
}
