package checkpoint

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// ckShareOf encodes a payload as a fragment, as ShareFragment does.
func ckShareOf(p []byte) string {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(p)
	w.Close()
	return "m=" + base64.RawURLEncoding.EncodeToString(z.Bytes())
}

// ckCheckShare checks that s is share after float32 rounding of the
// parameters.
func ckCheckShare(t *testing.T, want, got *Share) {
	t.Helper()
	a, b := want.Model, got.Model
	round := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = float64(float32(x))
		}
		return out
	}
	for l := range a.Net.Layers {
		if err := ckSameBits("weights", round(a.Net.Layers[l].Weights), b.Net.Layers[l].Weights); err != nil {
			t.Errorf("layer %d: %v", l, err)
		}
		if err := ckSameBits("theta", round(a.Theta[l]), b.Theta[l]); err != nil {
			t.Errorf("layer %d: %v", l, err)
		}
		if err := ckSameBits("bias times", a.Net.Layers[l].BiasTimes, b.Net.Layers[l].BiasTimes); err != nil {
			t.Errorf("layer %d: %v", l, err)
		}
		for i, d := range b.Net.Layers[l].Delays {
			if math.Abs(d-a.Net.Layers[l].Delays[i]) > 1e-6*(1+math.Abs(d)) {
				t.Errorf("layer %d delay %d: %v, want %v", l, i, d, a.Net.Layers[l].Delays[i])
				break
			}
		}
	}
	if a.Net.Neuron != b.Net.Neuron || a.Features != b.Features || a.Copies != b.Copies ||
		a.TieInputDelays != b.TieInputDelays || a.Delay != b.Delay || a.InterleavedCopies != b.InterleavedCopies {
		t.Errorf("architecture: got %+v, want %+v", b, a)
	}
	if err := b.Validate(); err != nil {
		t.Error(err)
	}
	wantData := want.Data
	wantData.Points, wantData.Path = nil, ""
	if !reflect.DeepEqual(got.Data, wantData) || got.Coding != want.Coding {
		t.Errorf("data: got %+v %+v, want %+v %+v", got.Data, got.Coding, wantData, want.Coding)
	}
	if (got.Config == nil) != (want.Config == nil) {
		t.Fatalf("config: got %v, want %v", got.Config, want.Config)
	}
	if want.Config != nil {
		if fit := FitConfig(*want.Config, a); !reflect.DeepEqual(*got.Config, fit) {
			t.Errorf("config:\n got %+v\nwant %+v", *got.Config, fit)
		}
	}
}

// TestShareSize: the flagship 4-30-3 network with synaptic delays, with
// its recipe, fits in 3,000 characters, fresh and trained.
func TestShareSize(t *testing.T) {
	cfg := ckPreset(t, "yinyang-h30-ws", 0, 50)
	spec := ckSpec(300, 0)
	train, _ := ckSamples(t, spec, dataset.DefaultCoding())
	tr, err := delgrad.NewTrainer(cfg, train, nil, &delgrad.Ideal{})
	if err != nil {
		t.Fatal(err)
	}
	for _, when := range []string{"fresh", "trained"} {
		if when == "trained" {
			tr.RunEpoch()
		}
		cfg := tr.Config()
		s := &Share{Model: tr.Model(), Config: &cfg, Data: spec, Coding: dataset.DefaultCoding()}
		frag, err := ShareFragment(s)
		if err != nil {
			t.Fatal(err)
		}
		w, d := tr.Model().ParamCount()
		t.Logf("%s: %d weights + %d delays in %d characters", when, w, d, len(frag))
		if len(frag) > 3000 {
			t.Errorf("%s: share link of %d characters, want ≤ 3000", when, len(frag))
		}
		got, err := ParseShareFragment("http://127.0.0.1:8080/#" + frag)
		if err != nil {
			t.Fatal(err)
		}
		ckCheckShare(t, s, got)
	}
}

// TestShareRoundTrip covers every delay kind, bias spikes, tied input
// delays, clipped delays, and links without a recipe.
func TestShareRoundTrip(t *testing.T) {
	clip := ckPreset(t, "yinyang-h30-wa", 7, 0)
	clip.Name = "clip"
	clip.Delay = delgrad.DelayParam{Mode: delgrad.DelayClip, Shift: 0.25}
	clip.DelayInit = delgrad.Normal{Mu: 0.5, Sigma: 0.3}
	dendritic := ckPreset(t, "yinyang-h5-ws", 0, 0)
	dendritic.Name = "dendritic"
	dendritic.Delays[0] = sim.DelayDendritic
	authors := ckPreset(t, "chip-yinyang-wa", 5, 0)
	authors.Name = "authors"
	authors.Protocol = delgrad.AuthorsProtocol // interleaved copies too
	for i, cfg := range []delgrad.Config{
		ckPreset(t, "fastdeep-yinyang", 9, 0), ckPreset(t, "chip-yinyang-wa", 6, 0), clip, dendritic, authors,
	} {
		t.Run(cfg.Name, func(t *testing.T) {
			m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(uint64(i), 1)))
			if err != nil {
				t.Fatal(err)
			}
			spec := dataset.Spec{Name: "xor", Seed: 9, Train: 10, Validation: 20, Test: 30, Noise: 0.1}
			for _, withConfig := range []bool{true, false} {
				s := &Share{Model: m, Data: spec, Coding: dataset.Coding{TEarly: 0.5, TLate: 1.5}}
				if withConfig {
					s.Config = &cfg
				}
				frag, err := ShareFragment(s)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ParseShareFragment(frag)
				if err != nil {
					t.Fatal(err)
				}
				ckCheckShare(t, s, got)
				again, err := ShareFragment(got)
				if err != nil || again != frag {
					t.Errorf("re-sharing a parsed link changes it (%v)", err)
				}
			}
		})
	}
}

// ckSharePayload is the payload of a small valid link, and where its
// parameters start.
func ckSharePayload(t *testing.T) (p []byte, params int) {
	t.Helper()
	cfg := ckPreset(t, "yinyang-h5-ws", 0, 0)
	m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	fm, fc, d := modelOf(m), configOf(&cfg), dataOf(ckSpec(1, 1), dataset.DefaultCoding())
	p, err = appendShare(nil, &fm, &d, &fc, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	w, n := m.ParamCount()
	return p, len(p) - 4*(w+n)
}

// TestShareErrors: bad fragments give the package's typed errors.
func TestShareErrors(t *testing.T) {
	p, params := ckSharePayload(t)
	good := ckShareOf(p)
	if _, err := ParseShareFragment(good); err != nil {
		t.Fatal(err)
	}
	patch := func(at int, b ...byte) string {
		q := append([]byte(nil), p...)
		copy(q[at:], b)
		return ckShareOf(q)
	}
	nan := binary.LittleEndian.AppendUint32(nil, math.Float32bits(float32(math.NaN())))
	bomb := ckShareOf(make([]byte, maxShareRaw+1))
	var (
		version *VersionError
		format  *FormatError
		value   *ValueError
		limit   *LimitError
	)
	cases := []struct {
		name   string
		frag   string
		target any
		msg    string
	}{
		{"empty", "", ErrEmpty, "empty"},
		{"hash only", "#", ErrEmpty, "empty"},
		{"no payload", "m=", ErrEmpty, "empty"},
		{"too long", "m=" + strings.Repeat("A", MaxShareLen), ErrTooLarge, "more than 65536"},
		{"other fragment", "#section-2", &format, `not a DelayLab share link (no "m=")`},
		{"not base64", "m=$$$$", &format, "cannot appear in a link"},
		{"not deflate", "m=" + base64.RawURLEncoding.EncodeToString([]byte{0xff, 0xff, 0xff}), &format, "compressed model in it is damaged"},
		{"cut short", good[:len(good)/2], ErrTruncated, "truncated"},
		{"cut short by 1", good[:len(good)/2+1], ErrTruncated, "truncated"},
		{"cut short by 2", good[:len(good)/2+2], ErrTruncated, "truncated"},
		{"cut short by 3", good[:len(good)/2+3], ErrTruncated, "truncated"},
		{"last character lost", good[:len(good)-1], ErrTruncated, "truncated"},
		{"payload cut short", ckShareOf(p[:len(p)-3]), ErrTruncated, "truncated"},
		{"trailing payload", ckShareOf(append(append([]byte(nil), p...), 0)), &format, "trailing data"},
		{"future version", patch(0, ShareVersion+1), &version, "newer than this build"},
		{"unknown flags", patch(1, 0x82), &format, "unknown flags"},
		{"NaN weight", patch(params+8, nan...), &value, "model.layers[0].weights[2] is NaN"},
		{"NaN neuron", patch(2, 0, 0, 0, 0, 0, 0, 0xf8, 0x7f), &value, "model.neuron.tau_syn is NaN"},
		{"inflates too far", bomb, &limit, "inflated share link"},
	}
	if len(bomb) > MaxShareLen {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseShareFragment(tc.frag)
			if err == nil {
				t.Fatalf("parsed %+v", s)
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
		})
	}

	// Sizes the payload cannot hold are refused before allocating.
	fm := modelOf(func() *delgrad.Model {
		cfg := ckPreset(t, "yinyang-h5-ws", 0, 0)
		m, _ := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(1, 1)))
		return m
	}())
	fm.Layers[0].Size = MaxNeurons
	fm.Layers[1].Weights = nil
	d := dataOf(ckSpec(1, 1), dataset.DefaultCoding())
	q, _ := appendShare(nil, &fm, &d, nil, nil, false)
	var err error
	alloc := ckAllocated(func() { _, err = ParseShareFragment(ckShareOf(q)) })
	if !errors.Is(err, ErrTruncated) || alloc > 1<<20 {
		t.Errorf("a 10000-neuron layer without weights: %v, %d bytes allocated", err, alloc)
	}
	fm.Layers[0].Size = MaxNeurons + 1
	q, _ = appendShare(nil, &fm, &d, nil, nil, false)
	if _, err := ParseShareFragment(ckShareOf(q)); !errors.As(err, &limit) {
		t.Errorf("a layer of 10001 neurons: %v", err)
	}

	// Weights beyond float32 cannot be shared.
	cfg := ckPreset(t, "yinyang-h5-ws", 0, 0)
	m, _ := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(1, 1)))
	m.Net.Layers[1].Weights[4] = 1e39
	if _, err := ShareFragment(&Share{Model: m}); !errors.As(err, &value) || !strings.Contains(err.Error(), "weights[4] as float32") {
		t.Errorf("weight 1e39: %v", err)
	}
}

// ckShareGolden returns the golden share link's content: the model of
// the golden checkpoint.
func ckShareGolden(t *testing.T) *Share {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "v1-yinyang-h5-ws.dlab"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	cfg, m, _, err := f.Restore()
	if err != nil {
		t.Fatal(err)
	}
	spec, coding := f.Dataset()
	return &Share{Model: m, Config: &cfg, Data: spec, Coding: coding}
}

// TestShareGolden: links of every version still open: versions 1 and 2
// carry the golden checkpoint's model, version 3 its training record too.
// (-update rewrites the link of the version this build writes.)
func TestShareGolden(t *testing.T) {
	for v := 1; v <= ShareVersion; v++ {
		want := ckShareGolden(t)
		if v >= 3 {
			want.Record = ckGoldenRecord(t)
		}
		path := filepath.Join("testdata", fmt.Sprintf("v%d-share.txt", v))
		if *update && v == ShareVersion {
			frag, err := ShareFragment(want)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(frag+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseShareFragment(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		ckCheckShare(t, want, got)
		ckCheckRecord(t, want.Record, got.Record)
	}
}
