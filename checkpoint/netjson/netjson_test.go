package netjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// netGolden is a small net.json in the layout of the issue: two input
// features fed twice, axonal input delays, a bias spike into the output.
const netGolden = `{"format": "delaylab.net", "version": 1,
 "neuron": {"tau_syn": 1.0, "tau_mem": 2.0, "threshold": 1.0, "leak": 0.0},
 "inputs": 2, "input_copies": 2,
 "coding": {"t_early": 0.15, "t_late": 2.0},
 "layers": [
   {"size": 2, "weights": [[1, 2], [3, 4], [5, 6], [7, 8]], "delay_kind": "axonal", "delays": [0.1, 0.2, 0.3, 0.4], "bias_times": []},
   {"size": 2, "weights": [[0.5, 1], [-0.5, 2], [0.25, 3]], "delay_kind": "none", "delays": null, "bias_times": [0.9]}]}
`

// netGoldenOut is what Encode writes for netGolden.
const netGoldenOut = `{"format": "delaylab.net", "version": 1,
 "neuron": {"tau_syn": 1, "tau_mem": 2, "threshold": 1, "leak": 0},
 "inputs": 2, "input_copies": 2,
 "coding": {"t_early": 0.15, "t_late": 2},
 "layers": [
  {"size": 2,
   "weights": [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8]],
   "delay_kind": "axonal",
   "delays": [0.1, 0.2, 0.3, 0.4],
   "bias_times": []},
  {"size": 2,
   "weights": [
    [0.5, 1],
    [-0.5, 2],
    [0.25, 3]],
   "delay_kind": "none",
   "delays": null,
   "bias_times": [0.9]}]}
`

func TestNetJSONGolden(t *testing.T) {
	m, coding, err := Decode(strings.NewReader(netGolden))
	if err != nil {
		t.Fatal(err)
	}
	n := m.Net
	if want := (sim.Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, C: 1}); n.Neuron != want {
		t.Errorf("neuron %+v, want %+v", n.Neuron, want)
	}
	if n.Inputs != 4 || m.Features != 2 || m.Copies != 2 || m.TieInputDelays {
		t.Errorf("inputs %d, features %d, copies %d, tied %v; want 4, 2, 2, false", n.Inputs, m.Features, m.Copies, m.TieInputDelays)
	}
	if coding != dataset.DefaultCoding() {
		t.Errorf("coding %+v, want %+v", coding, dataset.DefaultCoding())
	}
	if m.Delay != (delgrad.DelayParam{Mode: delgrad.DelayClip}) {
		t.Errorf("delay parametrisation %+v, want clip at 0", m.Delay)
	}
	want := []sim.Layer{
		{Size: 2, Weights: []float64{1, 2, 3, 4, 5, 6, 7, 8}, Delay: sim.DelayAxonal, Delays: []float64{0.1, 0.2, 0.3, 0.4}},
		{Size: 2, Weights: []float64{0.5, 1, -0.5, 2, 0.25, 3}, Delay: sim.DelayNone, Delays: []float64{}, BiasTimes: []float64{0.9}},
	}
	if !reflect.DeepEqual(n.Layers, want) {
		t.Errorf("layers\n%+v, want\n%+v", n.Layers, want)
	}
	if !reflect.DeepEqual(m.Theta, [][]float64{{0.1, 0.2, 0.3, 0.4}, {}}) {
		t.Errorf("theta %v, want the delays", m.Theta)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, m, coding); err != nil {
		t.Fatal(err)
	}
	if buf.String() != netGoldenOut {
		t.Errorf("Encode wrote\n%s\nwant\n%s", buf.String(), netGoldenOut)
	}
}

// netTestModels are models of every delay kind, neuron regime and input
// layout, with parameters drawn as training would start them.
func netTestModels(t *testing.T) map[string]*delgrad.Model {
	t.Helper()
	out := map[string]*delgrad.Model{}
	for _, name := range []string{"yinyang-h30-ws", "yinyang-h30-wa", "fastdeep-yinyang", "chip-yinyang-wa"} {
		cfg, err := delgrad.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = m
	}
	// Two hidden layers, dendritic delays, a general neuron with a leak,
	// and awkward numbers: subnormal, negative zero, huge, tiny, 0.1.
	cfg, _ := delgrad.Preset("yinyang-h30-w")
	cfg.Hidden = []int{7, 6}
	cfg.Delays = []sim.DelayKind{sim.DelayDendritic, sim.DelayDendritic, sim.DelaySynaptic}
	cfg.Neuron = sim.Neuron{TauSyn: 1, TauMem: 1.3, Threshold: 1, Leak: 0.1, C: 1}
	cfg.LRWeights, cfg.LRDelays = []float64{1, 1, 1}, []float64{1, 1, 1}
	cfg.WeightInit = []delgrad.Normal{{Mu: 1, Sigma: 1}, {Mu: 1, Sigma: 1}, {Mu: 1, Sigma: 1}}
	cfg.BumpFraction = []float64{0, 0, 0}
	cfg.Bias = [][]float64{{0.5, 1e-7}, nil, {-3}}
	m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	w := m.Net.Layers[1].Weights
	w[0], w[1], w[2], w[3], w[4] = 5e-324, math.Copysign(0, -1), 1e300, -1e-300, 0.1
	m.SetDelay(0, 2, 0)
	m.SetDelay(2, 5, 123.456)
	out["two-hidden"] = m
	return out
}

func bitsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestNetJSONRoundTrip: decoding what Encode wrote gives the same
// weights, delays and spike times bit for bit, and encodes to the same bytes.
func TestNetJSONRoundTrip(t *testing.T) {
	coding := dataset.Coding{TEarly: 0.1 + 0.2, TLate: 2}
	pts := dataset.YinYang(20, 40)
	for name, m := range netTestModels(t) {
		t.Run(name, func(t *testing.T) {
			var first bytes.Buffer
			if err := Encode(&first, m, coding); err != nil {
				t.Fatal(err)
			}
			got, gotCoding, err := Decode(bytes.NewReader(first.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if gotCoding != coding {
				t.Errorf("coding %+v, want %+v", gotCoding, coding)
			}
			if got.Net.Neuron != m.Net.Neuron || got.Net.Inputs != m.Net.Inputs || got.Features != m.Features || got.Copies != m.Copies {
				t.Errorf("header %+v %d %d %d, want %+v %d %d %d", got.Net.Neuron, got.Net.Inputs, got.Features, got.Copies,
					m.Net.Neuron, m.Net.Inputs, m.Features, m.Copies)
			}
			if err := got.Validate(); err != nil {
				t.Fatal(err)
			}
			for l, L := range m.Net.Layers {
				G := got.Net.Layers[l]
				if G.Size != L.Size || G.Delay != L.Delay {
					t.Fatalf("layer %d: size %d kind %v, want %d %v", l, G.Size, G.Delay, L.Size, L.Delay)
				}
				if !bitsEqual(G.Weights, L.Weights) {
					t.Errorf("layer %d: weights differ", l)
				}
				if !bitsEqual(G.Delays, L.Delays) || !bitsEqual(got.Theta[l], L.Delays) {
					t.Errorf("layer %d: delays %v, theta %v, want %v", l, G.Delays, got.Theta[l], L.Delays)
				}
				if !bitsEqual(G.BiasTimes, L.BiasTimes) {
					t.Errorf("layer %d: bias %v, want %v", l, G.BiasTimes, L.BiasTimes)
				}
			}
			wsA, wsB := sim.NewWorkspace(m.Net), sim.NewWorkspace(got.Net)
			for _, p := range pts {
				f := coding.Encode(nil, p)
				wsA.Forward(m.Net, m.InputTimes(nil, f))
				wsB.Forward(got.Net, got.InputTimes(nil, f))
				for l := range wsA.Times {
					if !bitsEqual(wsA.Times[l], wsB.Times[l]) {
						t.Fatalf("spike times of layer %d differ: %v, want %v", l, wsB.Times[l], wsA.Times[l])
					}
				}
			}
			var second bytes.Buffer
			if err := Encode(&second, got, gotCoding); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Error("re-encoding changed the file")
			}
		})
	}
}

// TestNetJSONStdlib: File's tags describe the same format, so the
// standard library reads Encode's output into the same File and
// json.Marshal of a File is a valid net.json.
func TestNetJSONStdlib(t *testing.T) {
	for name, m := range netTestModels(t) {
		var buf bytes.Buffer
		if err := Encode(&buf, m, dataset.DefaultCoding()); err != nil {
			t.Fatal(err)
		}
		mine, err := parseNet(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var std File
		if err := json.Unmarshal(buf.Bytes(), &std); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*mine, std) {
			t.Errorf("%s: Decode and encoding/json read different data", name)
		}
		compact, err := json.Marshal(&std)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := Decode(bytes.NewReader(compact))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for l := range got.Net.Layers {
			if !bitsEqual(got.Net.Layers[l].Weights, m.Net.Layers[l].Weights) || !bitsEqual(got.Net.Layers[l].Delays, m.Net.Layers[l].Delays) {
				t.Errorf("%s: layer %d differs after json.Marshal", name, l)
			}
		}
	}
}

func TestEncodeNetRefuses(t *testing.T) {
	m, _, err := Decode(strings.NewReader(netGolden))
	if err != nil {
		t.Fatal(err)
	}
	c := m.Clone()
	c.Net.Neuron.C = 2
	if err := Encode(io.Discard, c, dataset.DefaultCoding()); err == nil || !strings.Contains(err.Error(), "C = 1") {
		t.Errorf("capacitance 2: got %v, want an error about C = 1", err)
	}
	c = m.Clone()
	c.Net.Layers[0].Weights[3] = math.NaN()
	if err := Encode(io.Discard, c, dataset.DefaultCoding()); err == nil {
		t.Error("NaN weight: no error")
	}
	var buf bytes.Buffer
	if err := Encode(&buf, m, dataset.Coding{TEarly: 1, TLate: 1}); err == nil || buf.Len() > 0 {
		t.Errorf("empty coding window: got %v and %d bytes, want an error and nothing written", err, buf.Len())
	}
	if err := Encode(io.Discard, nil, dataset.DefaultCoding()); err == nil {
		t.Error("nil model: no error")
	}
}

// netErrorCases edit netGolden (old → new, which must occur) or replace it
// (old empty); each must fail at path with a message containing msg.
var netErrorCases = []struct {
	name, old, new string
	path, msg      string
}{
	{"empty", "", "", "", "unexpected end of input"},
	{"array", "", "[]", "", "want an object, got an array"},
	{"not JSON", "", "net: 1", "", "invalid JSON at byte offset 1: invalid character 'e'"},
	{"truncated", "]}]}", "]}", "layers", "unexpected end of input"},
	{"trailing", "[0.9]}]}", "[0.9]}]} {}", "", "unexpected data after the top-level object"},
	{"bad syntax", `"inputs": 2,`, `"inputs": 2,,`, "", "invalid JSON"},
	{"format", `"delaylab.net"`, `"other"`, "format", `want "delaylab.net", got "other"`},
	{"version", `"version": 1`, `"version": 2`, "version", "version 2 is not supported"},
	{"version string", `"version": 1`, `"version": "1"`, "version", `want an integer, got the string "1"`},
	{"unknown field", `"inputs": 2`, `"inputs": 2, "extra": {}`, "", `unknown field "extra"`},
	{"duplicate", `"inputs": 2`, `"inputs": 2, "inputs": 2`, "", `duplicate field "inputs"`},
	{"missing tau_mem", `"tau_mem": 2.0, `, ``, "neuron", `missing field "tau_mem"`},
	{"tau_mem", `"tau_mem": 2.0`, `"tau_mem": -2`, "neuron.tau_mem", "must be positive"},
	{"threshold", `"threshold": 1.0`, `"threshold": 0`, "neuron.threshold", "above the leak"},
	{"inputs", `"inputs": 2`, `"inputs": 0`, "inputs", "0 input features"},
	{"inputs fraction", `"inputs": 2`, `"inputs": 2.5`, "inputs", "want an integer, got 2.5"},
	{"copies", `"input_copies": 2`, `"input_copies": 5001`, "input_copies", "5001 copies"},
	{"coding", `"t_late": 2.0`, `"t_late": 0.1`, "coding.t_late", "after t_early"},
	{"no layers", "", `{"format": "delaylab.net", "version": 1, "neuron": {"tau_syn": 1, "tau_mem": 2, "threshold": 1}, "inputs": 2, "layers": []}`, "layers", "0 layers"},
	{"layers null", "", `{"format": "delaylab.net", "version": 1, "neuron": {"tau_syn": 1, "tau_mem": 2, "threshold": 1}, "inputs": 2, "layers": null}`, "layers", "want an array, got null"},
	{"size", `{"size": 2, "weights": [[1`, `{"size": 10001, "weights": [[1`, "layers[0].size", "10001 neurons"},
	{"row length", `{"size": 2, "weights": [[1`, `{"size": 3, "weights": [[1`, "layers[0].weights[0]", "want 3 numbers, got 2"},
	{"short row", `[-0.5, 2]`, `[-0.5]`, "layers[1].weights[1]", "want 2 numbers, got 1"},
	{"rows", `[[0.5, 1], [-0.5, 2], [0.25, 3]]`, `[[0.5, 1], [-0.5, 2]]`, "layers[1].weights", "want 3 rows (2 presynaptic units and 1 bias spikes), got 2"},
	{"weights null", `"weights": [[0.5`, `"weights": null, "x": [[0.5`, "layers[1].weights", "want an array, got null"},
	{"weight string", `[-0.5, 2]`, `[-0.5, "2"]`, "layers[1].weights[1][1]", `want a number, got the string "2"`},
	{"weight overflow", `[-0.5, 2]`, `[-0.5, 2e400]`, "layers[1].weights[1][1]", "2e400 is beyond the range of float64"},
	{"weight object", `[-0.5, 2]`, `[-0.5, {}]`, "layers[1].weights[1][1]", "want a number, got an object"},
	{"delay kind", `"axonal"`, `"Axonal"`, "layers[0].delay_kind", `unknown delay kind "Axonal"`},
	{"negative delay", `0.3, 0.4]`, `-0.3, 0.4]`, "layers[0].delays[2]", "delay -0.3 must be finite and ≥ 0"},
	{"delay count", `0.3, 0.4]`, `0.3]`, "layers[0].delays", "want 4 numbers (one axonal delay per presynaptic unit), got 3 numbers"},
	{"delays missing", `, "delays": [0.1, 0.2, 0.3, 0.4]`, ``, "layers[0].delays", "want 4 numbers (one axonal delay per presynaptic unit), got null"},
	{"delay matrix", `[0.1, 0.2, 0.3, 0.4]`, `[[0.1], [0.2], [0.3], [0.4]]`, "layers[0].delays", "got 4 rows"},
	{"delay mixed", `[0.1, 0.2, 0.3, 0.4]`, `[0.1, [0.2], 0.3, 0.4]`, "layers[0].delays[1]", "want a number, got an array"},
	{"synaptic row", `"axonal", "delays": [0.1, 0.2, 0.3, 0.4]`, `"synaptic", "delays": [[0.1, 0.2], [0.3], [0, 0], [0, 0]]`, "layers[0].delays[1]", "want 2 numbers, got 1"},
	{"synaptic rows", `"axonal", "delays": [0.1, 0.2, 0.3, 0.4]`, `"synaptic", "delays": []`, "layers[0].delays", "want 4 rows of 2 synaptic delays, got 0 numbers"},
	{"dendritic", `"axonal", "delays": [0.1, 0.2, 0.3, 0.4]`, `"dendritic", "delays": [0.1, 0.2, 0.3, 0.4]`, "layers[0].delays", "one dendritic delay per neuron"},
	{"none with delays", `"delays": null`, `"delays": [0, 0]`, "layers[1].delays", "want null for delay kind none"},
	{"bias string", `"bias_times": [0.9]`, `"bias_times": ["0.9"]`, "layers[1].bias_times[0]", "want a number"},
	{"layer field", `"delays": null`, `"delays": null, "delay": 1`, "layers[1]", `unknown field "delay"`},
	{"layer missing size", `{"size": 2, "weights": [[0.5`, `{"weights": [[0.5`, "layers[1]", `missing field "size"`},
}

func netErrorInput(t testing.TB, old, new string) string {
	if old == "" {
		return new
	}
	if !strings.Contains(netGolden, old) {
		t.Fatalf("%q is not in the golden file", old)
	}
	return strings.Replace(netGolden, old, new, 1)
}

func TestDecodeNetErrors(t *testing.T) {
	for _, c := range netErrorCases {
		t.Run(c.name, func(t *testing.T) {
			m, _, err := Decode(strings.NewReader(netErrorInput(t, c.old, c.new)))
			var ne *Error
			if !errors.As(err, &ne) {
				t.Fatalf("got model %v, error %v; want a *Error", m != nil, err)
			}
			if ne.Path != c.path || !strings.Contains(ne.Msg, c.msg) {
				t.Errorf("got %q (path %q), want path %q and a message containing %q", err, ne.Path, c.path, c.msg)
			}
			if !strings.HasPrefix(err.Error(), "net.json: ") {
				t.Errorf("error %q does not start with net.json:", err)
			}
		})
	}
}

func TestDecodeNetLimits(t *testing.T) {
	layer := `{"size": 1, "weights": [], "delay_kind": "none"}`
	many := `{"format": "delaylab.net", "version": 1, "neuron": {"tau_syn": 1, "tau_mem": 2, "threshold": 1}, "inputs": 2, "layers": [` +
		strings.Repeat(layer+",", maxNetLayers) + layer + `]}`
	_, _, err := Decode(strings.NewReader(many))
	var ne *Error
	if !errors.As(err, &ne) || ne.Path != "layers" || !strings.Contains(ne.Msg, "more than 1000 layers") {
		t.Errorf("1001 layers: got %v", err)
	}

	// A file of MaxBytes+1 bytes is refused, whatever it holds.
	big := io.MultiReader(strings.NewReader(`{"format": "delaylab.net"`),
		io.LimitReader(netSpaces{}, MaxBytes), strings.NewReader(`}`))
	_, _, err = Decode(big)
	if !errors.As(err, &ne) || ne.Path != "" || !strings.Contains(ne.Msg, "larger than 64 MiB") {
		t.Errorf("oversized input: got %v", err)
	}

	// Errors of the reader are passed on, not dressed up as format errors.
	boom := errors.New("boom")
	_, _, err = Decode(io.MultiReader(strings.NewReader(netGolden[:100]), netFailing{boom}))
	if !errors.Is(err, boom) || errors.As(err, &ne) {
		t.Errorf("failing reader: got %v, want it wrapped", err)
	}
}

type netSpaces struct{}

func (netSpaces) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = ' '
	}
	return len(b), nil
}

type netFailing struct{ err error }

func (f netFailing) Read([]byte) (int, error) { return 0, f.err }

// FuzzNetJSON: Decode never panics, fails only with a *Error, and
// whatever it accepts is a valid model that survives Encode unchanged.
func FuzzNetJSON(f *testing.F) {
	f.Add([]byte(netGolden))
	for _, c := range netErrorCases {
		f.Add([]byte(netErrorInput(f, c.old, c.new)))
	}
	f.Add([]byte(`{"format":"delaylab.net","version":1,"neuron":{"tau_syn":1,"tau_mem":1,"threshold":1,"leak":-1e-300},` +
		`"inputs":1,"layers":[{"size":1,"weights":[[5e-324],[-0]],"delay_kind":"synaptic","delays":[[-0]],"bias_times":[1e308]}]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, coding, err := Decode(bytes.NewReader(in))
		if err != nil {
			var ne *Error
			if !errors.As(err, &ne) {
				t.Fatalf("got %T %v, want *Error", err, err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted an invalid model: %v", err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, m, coding); err != nil {
			t.Fatalf("Encode of an accepted model: %v", err)
		}
		back, backCoding, err := Decode(&buf)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if backCoding != coding {
			t.Fatalf("coding %+v, want %+v", backCoding, coding)
		}
		for l := range m.Net.Layers {
			a, b := &m.Net.Layers[l], &back.Net.Layers[l]
			if !bitsEqual(a.Weights, b.Weights) || !bitsEqual(a.Delays, b.Delays) || !bitsEqual(a.BiasTimes, b.BiasTimes) {
				t.Fatalf("layer %d changed in the round trip", l)
			}
		}
	})
}
