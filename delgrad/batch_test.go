package delgrad

import (
	"fmt"
	"testing"
)

// batchTrainer is a trainer of preset name on 1500 Yin-Yang samples with
// the given workers, and the samples of its first mini-batch.
func batchTrainer(tb testing.TB, name string, workers int) (*Trainer, []int) {
	cfg, err := Preset(name)
	if err != nil {
		tb.Fatal(err)
	}
	tr, err := NewTrainer(cfg, yinyangSamples(tb, "train", 1500), nil, &Ideal{})
	if err != nil {
		tb.Fatal(err)
	}
	tr.SetWorkers(workers)
	return tr, append([]int(nil), tr.perm[:cfg.Batch]...)
}

// BenchmarkTrainBatch measures one mini-batch (forward and backward
// passes, then the Adam step or weight bumping) and its allocations,
// which in steady state are none.
func BenchmarkTrainBatch(b *testing.B) {
	for _, name := range []string{"yinyang-h30-ws", "yinyang-h30-w"} {
		for _, workers := range []int{1, DefaultWorkers()} {
			b.Run(fmt.Sprintf("%s/workers=%d", name, workers), func(b *testing.B) {
				tr, idx := batchTrainer(b, name, workers)
				tr.trainBatch(idx) // sizes the scratch space
				b.ReportAllocs()
				for b.Loop() {
					tr.trainBatch(idx)
				}
				b.ReportMetric(float64(b.N*len(idx))/b.Elapsed().Seconds(), "samples/s")
			})
		}
	}
}

// TestTrainBatchAllocs: after the first, a mini-batch on one worker
// allocates nothing (Adam's groups, the delay gradients, the chunk
// accumulators and the solvers' scratch are all kept).
func TestTrainBatchAllocs(t *testing.T) {
	for _, name := range []string{"yinyang-h30-ws", "yinyang-h30-w", "yinyang-h30-wa"} {
		tr, idx := batchTrainer(t, name, 1)
		tr.trainBatch(idx)
		if a := testing.AllocsPerRun(5, func() { tr.trainBatch(idx) }); a != 0 {
			t.Errorf("%s: %v allocations per batch, want 0", name, a)
		}
	}
}
