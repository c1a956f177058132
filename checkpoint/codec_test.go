package checkpoint

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/tinylib/msgp/msgp"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// ckFile is a small valid File with training state, from a trainer that
// has run a few batches.
func ckFile(t testing.TB) *File {
	t.Helper()
	cfg := ckPreset(t, "yinyang-h5-ws", 0, 20)
	spec := ckSpec(40, 20)
	train, val := ckSamples(t, spec, dataset.DefaultCoding())
	tr, err := delgrad.NewTrainer(cfg, train, val, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	tr.Step(70)
	tr.Step(1)
	f := FromTrainer(tr, spec, dataset.DefaultCoding(), ckMeta("small"))
	if len(f.History) == 0 {
		t.Fatal("want history")
	}
	return f
}

// ckRaw encodes f without validating it, as a hostile writer would.
func ckRaw(t testing.TB, version int, f *File) []byte {
	t.Helper()
	b := append([]byte(nil), signature...)
	b = msgp.AppendInt(b, version)
	b, err := f.MarshalMsg(b)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBadFiles: each kind of bad input gives its own error, with a message
// that says what is wrong.
func TestBadFiles(t *testing.T) {
	good, err := Marshal(ckFile(t))
	if err != nil {
		t.Fatal(err)
	}
	edit := func(change func(f *File)) []byte {
		f := ckFile(t)
		change(f)
		return ckRaw(t, Version, f)
	}
	var (
		version *VersionError
		format  *FormatError
		shape   *ShapeError
		value   *ValueError
		limit   *LimitError
	)
	cases := []struct {
		name   string
		in     []byte
		target any // error sentinel or pointer to an error type
		msg    string
	}{
		{"empty", nil, ErrEmpty, "empty"},
		{"wrong magic", []byte("PK\x03\x04 a zip file"), ErrNotCheckpoint, `not a DelayLab checkpoint (no "DLAB" magic)`},
		{"json", []byte(`{"format": "delaylab.net"}`), ErrNotCheckpoint, "not a DelayLab checkpoint"},
		{"msgpack but not ours", msgp.AppendMapHeader(nil, 0), ErrNotCheckpoint, "not a DelayLab"},
		{"header only", good[:4], ErrTruncated, "truncated"},
		{"no version", good[:len(signature)], ErrTruncated, "truncated"},
		{"truncated", good[:len(good)/2], ErrTruncated, "truncated"},
		{"last byte missing", good[:len(good)-1], ErrTruncated, "truncated"},
		{"future version", ckRaw(t, 7, ckFile(t)), &version, "file version 7 is newer than this build (reads up to 1)"},
		{"version 0", ckRaw(t, 0, ckFile(t)), &version, "invalid file version 0"},
		{"version not a number", append(append([]byte(nil), signature...), 0xa1, '1'), &format, "version"},
		{"trailing data", append(append([]byte(nil), good...), 0xc0), &format, "trailing data"},
		{"body not a map", append(append([]byte(nil), signature...), 1, 0x92, 1, 2), &format, "malformed"},
		{"NaN weight", edit(func(f *File) { f.Model.Layers[1].Weights[3] = math.NaN() }), &value, "model.layers[1].weights[3] is NaN, want a finite number"},
		{"Inf delay parameter", edit(func(f *File) { f.Model.Layers[0].Theta[0] = math.Inf(1) }), &value, "model.layers[0].theta[0] is +Inf"},
		{"NaN Adam moment", edit(func(f *File) { f.Train.Adam.V[2][1] = math.NaN() }), &value, "train.adam.v[2][1] is NaN"},
		{"NaN point", edit(func(f *File) { f.Data.Points = []Point{{X: math.NaN()}} }), &value, "data.points[0].x is NaN"},
		{"NaN history", edit(func(f *File) { f.History[0].ValAcc = math.NaN() }), &value, "history[0].val_acc is NaN"},
		{"weights short", edit(func(f *File) { f.Model.Layers[0].Weights = f.Model.Layers[0].Weights[:19] }), &shape, "shape mismatch: len(model.layers[0].weights) is 19, want 20"},
		{"theta short", edit(func(f *File) { f.Model.Layers[1].Theta = nil }), &shape, "len(model.layers[1].theta) is 0, want 15"},
		{"recipe differs", edit(func(f *File) { f.Config.Hidden[0] = 6 }), &shape, "config.hidden[0] is 6, want 5"},
		{"Adam groups", edit(func(f *File) { f.Train.Adam.M = f.Train.Adam.M[:3] }), &shape, "len(train.adam.m) is 3, want 4"},
		{"layer too large", edit(func(f *File) { f.Model.Layers[0].Size = 20000 }), &limit, "model.layers[0].size is 20000, more than the limit of 10000"},
		{"too many points", edit(func(f *File) { f.Data.Points = make([]Point, MaxPoints+1) }), &limit, "number of data.points is 100001"},
		{"long name", edit(func(f *File) { f.Meta.Name = strings.Repeat("x", MaxText+1) }), &limit, "length of meta.name"},
		{"unknown delay kind", edit(func(f *File) { f.Model.Layers[0].Delay = "wormhole" }), &format, `unknown delay kind "wormhole"`},
		{"unknown loss", edit(func(f *File) { f.Config.Loss.Kind = "hinge" }), &format, `unknown loss "hinge"`},
		{"not a permutation", edit(func(f *File) { f.Train.Perm[0] = f.Train.Perm[1] }), &format, "not a permutation"},
		{"best epoch beyond history", edit(func(f *File) { f.Train.BestEpoch = 5 }), &format, "train.best_epoch: 5 is outside the history's epochs 0..1"},
		{"best model without its epoch", edit(func(f *File) { f.Train.BestEpoch = 0 }), &format, "both be present or both absent"},
		{"best model of another shape", edit(func(f *File) { f.Train.Best.Layers[0].Size = 6 }), &shape, "len(train.best.layers[0].weights) is 20, want 24"},
		{"bad RNG", edit(func(f *File) { f.Train.RNG = []byte("xyz") }), &format, "train.rng: not a PCG"},
		{"bad neuron", edit(func(f *File) { f.Model.Neuron.TauMem = -1 }), &format, "model.neuron"},
		{"bad recipe", edit(func(f *File) { f.Config.Batch = 0 }), &format, "config: batch size 0"},
		{"bad chip", edit(func(f *File) { f.Chip = NewChipState("chip", chip.DefaultConfig(), 1); f.Chip.Config.TauMicros = 0 }), &format, "chip.config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Unmarshal(tc.in)
			if err == nil {
				t.Fatalf("decoded %+v", f.Meta)
			}
			switch target := tc.target.(type) {
			case error:
				if !errors.Is(err, target) {
					t.Errorf("got %v, want %v", err, target)
				}
			default:
				if !errors.As(err, target) {
					t.Errorf("got %T %v, want %T", err, err, target)
				}
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "checkpoint: ") {
				t.Errorf("message %q, want it to contain %q", err, tc.msg)
			}
			if _, err2 := Decode(bytes.NewReader(tc.in)); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Decode: %v, Unmarshal: %v", err2, err)
			}
		})
	}
}

// TestEveryTruncation: every proper prefix of a valid file is reported as
// truncated.
func TestEveryTruncation(t *testing.T) {
	good, err := Marshal(ckFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n < len(good); n++ {
		if _, err := Unmarshal(good[:n]); !errors.Is(err, ErrTruncated) {
			t.Fatalf("prefix of %d of %d bytes: %v", n, len(good), err)
		}
	}
}

// TestMarshalRefuses: Marshal will not write what Unmarshal rejects.
func TestMarshalRefuses(t *testing.T) {
	f := ckFile(t)
	f.Model.Layers[0].Weights[0] = math.NaN()
	var buf bytes.Buffer
	var ve *ValueError
	if err := Encode(&buf, f); !errors.As(err, &ve) || buf.Len() != 0 {
		t.Errorf("Encode: %v, wrote %d bytes", err, buf.Len())
	}
}

type ckFailWriter struct{}

func (ckFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

type ckFailReader struct{}

func (ckFailReader) Read([]byte) (int, error) { return 0, errors.New("network down") }

func TestIOErrors(t *testing.T) {
	if err := Encode(ckFailWriter{}, ckFile(t)); err == nil || err.Error() != "disk full" {
		t.Errorf("Encode: %v", err)
	}
	if _, err := Decode(ckFailReader{}); err == nil || !strings.Contains(err.Error(), "network down") {
		t.Errorf("Decode: %v", err)
	}
	good, _ := Marshal(ckFile(t))
	if _, err := decode(bytes.NewReader(good), int64(len(good)-1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the size limit: %v", err)
	}
	if _, err := decode(bytes.NewReader(good), int64(len(good))); err != nil {
		t.Errorf("at the size limit: %v", err)
	}
	if _, err := decode(io.MultiReader(bytes.NewReader(good), bytes.NewReader(good)), 1<<20); err == nil {
		t.Error("two files in a row accepted")
	}
}

// TestHostileHeaders: lengths that the input cannot hold, deep nesting and
// many small containers are refused before anything large is allocated.
func TestHostileHeaders(t *testing.T) {
	head := func() []byte {
		b := append([]byte(nil), signature...)
		return msgp.AppendInt(b, 1)
	}
	var limit *LimitError
	cases := []struct {
		name   string
		in     []byte
		target any
	}{
		{"array of 4 billion", append(msgp.AppendArrayHeader(msgp.AppendString(msgp.AppendMapHeader(head(), 1), "history"), math.MaxUint32), 0x80), ErrTruncated},
		{"map of 4 billion", append(msgp.AppendMapHeader(head(), math.MaxUint32), 0xa1, 'x'), ErrTruncated},
		{"string of 4 GB", append(msgp.AppendStringFromBytes(head(), nil)[:len(head())], 0xdb, 0xff, 0xff, 0xff, 0xff, 'x'), ErrTruncated},
		{"deep nesting", append(head(), bytes.Repeat([]byte{0x91}, 100000)...), &limit},
		{"a million empty layers", func() []byte {
			b := msgp.AppendString(msgp.AppendMapHeader(head(), 1), "model")
			b = msgp.AppendString(msgp.AppendMapHeader(b, 1), "layers")
			b = msgp.AppendArrayHeader(b, 1<<20)
			return append(b, bytes.Repeat([]byte{0x80}, 1<<20)...)
		}(), &limit},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			alloc := ckAllocated(func() { _, err = Unmarshal(tc.in) })
			switch target := tc.target.(type) {
			case error:
				if !errors.Is(err, target) {
					t.Errorf("got %v, want %v", err, target)
				}
			default:
				if !errors.As(err, target) {
					t.Errorf("got %T %v, want %T", err, err, target)
				}
			}
			if alloc > 1<<20 {
				t.Errorf("allocated %d bytes for %d bytes of input", alloc, len(tc.in))
			}
		})
	}
}

// TestSniff: a checkpoint is recognised from its first bytes, with its
// version; other files, and a checkpoint cut inside its version, are not
// mistaken.
func TestSniff(t *testing.T) {
	f := ckFile(t)
	b, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	if ok, v := Sniff(b[:SniffLen]); !ok || v != Version {
		t.Fatalf("a checkpoint sniffs as %v, version %d", ok, v)
	}
	if ok, v := Sniff(b[:len(signature)]); !ok || v != 0 {
		t.Fatalf("a bare signature sniffs as %v, version %d", ok, v)
	}
	for _, other := range []string{"", `{"layers": []}`, "x,y,label\n", "\x93\xa4DLAX"} {
		if ok, _ := Sniff([]byte(other)); ok {
			t.Fatalf("%q sniffs as a checkpoint", other)
		}
	}
}

// TestDataErrors: truncated and oversize input give a *DataError whose
// Kind is the sentinel and whose Detail says how, so that callers need
// not cut the message apart.
func TestDataErrors(t *testing.T) {
	b, err := Marshal(ckFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   []byte
		kind error
	}{{b[:len(b)/2], ErrTruncated}, {b[:len(signature)+1], ErrTruncated}, {make([]byte, MaxFileSize+1), ErrTooLarge}} {
		copy(c.in, b)
		_, err := Unmarshal(c.in)
		var de *DataError
		if !errors.As(err, &de) || !errors.Is(err, c.kind) || de.Detail == "" || strings.Contains(de.Detail, "checkpoint:") {
			t.Fatalf("%d bytes: %v (%#v)", len(c.in), err, de)
		}
	}
}
