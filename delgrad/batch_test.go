package delgrad

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"
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

// TestTrainBatchAllocs: after the first, a mini-batch allocates nothing,
// on one worker or several (Adam's groups, the delay gradients, the chunk
// accumulators, the solvers' scratch and the helper goroutines are all
// kept). On several workers the goroutines' hand-overs may now and then
// take a wait record (sudog) the runtime's caches lack, so they are
// allowed less than one allocation per batch over 20 batches; under the
// race detector and js/wasm (where going idle wakes the event loop) the
// runtime allocates on hand-overs itself, and only one worker is checked.
func TestTrainBatchAllocs(t *testing.T) {
	several := []int{1, 3}
	if raceBuild || runtime.GOOS == "js" {
		several = several[:1]
	}
	for _, name := range []string{"yinyang-h30-ws", "yinyang-h30-w", "yinyang-h30-wa"} {
		for _, workers := range several {
			tr, idx := batchTrainer(t, name, workers)
			tr.trainBatch(idx)
			// AllocsPerRun rounds the mean down.
			if a := testing.AllocsPerRun(20, func() { tr.trainBatch(idx) }); a != 0 {
				t.Errorf("%s, %d workers: %v allocations per batch, want 0", name, workers, a)
			}
		}
	}
}

// TestHelpersStop: a trainer's helper goroutines end once the trainer is
// garbage.
func TestHelpersStop(t *testing.T) {
	func() {
		tr, idx := batchTrainer(t, "yinyang-h30-ws", 3)
		tr.trainBatch(idx)
		if n := helpersRunning(); n < 2 {
			t.Fatalf("%d helpers while training on 3 workers, want at least 2", n)
		}
	}()
	deadline := time.Now().Add(10 * time.Second)
	for helpersRunning() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d helpers after the trainer is gone, want 0", helpersRunning())
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// helpersRunning counts the goroutines in gang.help, from their stacks.
func helpersRunning() int {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	return bytes.Count(buf, []byte("delgrad.(*gang).help("))
}
