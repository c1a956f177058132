package checkpoint

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"delaylab/dataset"
	"delaylab/delgrad"
)

// Helpers shared by this package's .dlab and share-link tests.

// ckSpec is a small Yin-Yang data set: the reference draws, cut short.
func ckSpec(train, val int) dataset.Spec {
	s := dataset.DefaultSpec("yinyang")
	s.Train, s.Validation, s.Test = train, val, 10
	return s
}

// ckSamples generates spec's training and validation samples.
func ckSamples(t testing.TB, spec dataset.Spec, c dataset.Coding) (train, val []delgrad.Sample) {
	t.Helper()
	d, err := dataset.Generate(spec)
	if err != nil {
		t.Fatal(err)
	}
	conv := func(pts []dataset.Point) []delgrad.Sample {
		out := make([]delgrad.Sample, len(pts))
		for i, p := range pts {
			out[i] = delgrad.Sample{Features: c.Encode(nil, p), Label: p.Label}
		}
		return out
	}
	return conv(d.Train), conv(d.Validation)
}

// ckPreset is a preset with a smaller hidden layer and batch, for speed.
func ckPreset(t testing.TB, name string, hidden, batch int) delgrad.Config {
	t.Helper()
	cfg, err := delgrad.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	if hidden > 0 {
		cfg.Hidden = []int{hidden}
	}
	if batch > 0 {
		cfg.Batch = batch
	}
	return cfg
}

// ckMeta is fixed metadata, so that encodings are reproducible.
func ckMeta(name string) Meta {
	return Meta{Name: name, Created: time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC), Program: "delaylab-test"}
}

// ckSameModel reports the first parameter or delay of b that is not bit
// for bit that of a.
func ckSameModel(a, b *delgrad.Model) error {
	if len(a.Net.Layers) != len(b.Net.Layers) {
		return fmt.Errorf("%d layers, want %d", len(b.Net.Layers), len(a.Net.Layers))
	}
	for l := range a.Net.Layers {
		for _, s := range []struct {
			name string
			x, y []float64
		}{
			{"weights", a.Net.Layers[l].Weights, b.Net.Layers[l].Weights},
			{"delays", a.Net.Layers[l].Delays, b.Net.Layers[l].Delays},
			{"bias times", a.Net.Layers[l].BiasTimes, b.Net.Layers[l].BiasTimes},
			{"theta", a.Theta[l], b.Theta[l]},
		} {
			if err := ckSameBits(fmt.Sprintf("layer %d %s", l, s.name), s.x, s.y); err != nil {
				return err
			}
		}
	}
	if a.Net.Neuron != b.Net.Neuron || a.Features != b.Features || a.Copies != b.Copies ||
		a.TieInputDelays != b.TieInputDelays || a.Delay != b.Delay {
		return fmt.Errorf("architecture differs: %+v %+v", a, b)
	}
	return nil
}

func ckSameBits(what string, x, y []float64) error {
	if len(x) != len(y) {
		return fmt.Errorf("%s: %d values, want %d", what, len(y), len(x))
	}
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
			return fmt.Errorf("%s[%d] = %v, want %v", what, i, y[i], x[i])
		}
	}
	return nil
}

// ckTyped reports whether err is one of this package's errors.
func ckTyped(err error) bool {
	var (
		ve *VersionError
		fe *FormatError
		se *ShapeError
		va *ValueError
		le *LimitError
	)
	return errors.Is(err, ErrEmpty) || errors.Is(err, ErrNotCheckpoint) || errors.Is(err, ErrTruncated) ||
		errors.Is(err, ErrTooLarge) || errors.As(err, &ve) || errors.As(err, &fe) || errors.As(err, &se) ||
		errors.As(err, &va) || errors.As(err, &le)
}
