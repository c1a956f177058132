package run

import (
	"testing"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/delgrad"
)

// BenchmarkJobOverhead is the cost of one round trip of the page's worker
// beyond training: a job of one step on the default setup (decode, open,
// one mini-batch, encode) and the page's side (decode, open). Compare it
// with BenchmarkTrainer's cost of a step to see what a 100-ms job loses.
func BenchmarkJobOverhead(b *testing.B) {
	cfg, err := delgrad.Preset("yinyang-h30-ws")
	if err != nil {
		b.Fatal(err)
	}
	data, err := LoadData(dataset.DefaultSpec(cfg.Dataset), dataset.DefaultCoding())
	if err != nil {
		b.Fatal(err)
	}
	sub, _ := ForRecipe(cfg)
	r, err := New(cfg, sub, 0, data)
	if err != nil {
		b.Fatal(err)
	}
	file, err := checkpoint.Marshal(r.File(checkpoint.Meta{}))
	if err != nil {
		b.Fatal(err)
	}
	var jobs Jobs
	b.ReportAllocs()
	for b.Loop() {
		out, _, err := jobs.Train(file, 0)
		if err != nil {
			b.Fatal(err)
		}
		f, err := checkpoint.Unmarshal(out)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := OpenOn(f, data); err != nil {
			b.Fatal(err)
		}
	}
}
