package delgrad

import (
	"fmt"
	"testing"
	"time"

	"delaylab/sim"
)

// BenchmarkPreset measures, per preset, samples/s of the forward pass,
// forward+backward, and full training (one worker and all workers).
func BenchmarkPreset(b *testing.B) {
	train := yinyangSamples(b, "train", 1500)
	for _, name := range []string{"yinyang-h30-w", "yinyang-h30-wa", "yinyang-h30-ws", "yinyang-h5-ws", "fastdeep-yinyang"} {
		cfg, _ := Preset(name)
		tr, err := NewTrainer(cfg, train, nil, &Ideal{})
		if err != nil {
			b.Fatal(err)
		}
		m := tr.model
		ws := sim.NewWorkspace(m.Net)
		bp := NewBackprop(m.Net)
		g := NewGrads(m.Net)
		d := make([]float64, m.Net.Outputs())
		var in []float64
		b.Run(name+"/forward", func(b *testing.B) {
			defer reportCPU(b, cpuTime())
			for i := 0; b.Loop(); i++ {
				s := &train[i%len(train)]
				in = m.InputTimes(in, s.Features)
				ws.Forward(m.Net, in)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
		b.Run(name+"/forward-backward", func(b *testing.B) {
			defer reportCPU(b, cpuTime())
			for i := 0; b.Loop(); i++ {
				s := &train[i%len(train)]
				in = m.InputTimes(in, s.Features)
				ws.Forward(m.Net, in)
				cfg.Loss.Eval(ws.Output(), s.Label, d)
				bp.Backward(m.Net, ws, d, g, 0)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "samples/s")
		})
		for _, workers := range []int{1, DefaultWorkers()} {
			b.Run(fmt.Sprintf("%s/train/workers=%d", name, workers), func(b *testing.B) {
				tr.workers = workers
				if workers == 1 {
					defer reportCPU(b, cpuTime())
				}
				n := 0
				for b.Loop() {
					n += tr.Step(cfg.Batch)
				}
				b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "samples/s")
			})
		}
	}
}

// reportCPU adds the CPU time per operation since start (single-threaded
// benchmarks only), when the platform can tell.
func reportCPU(b *testing.B, start time.Duration) {
	if start > 0 && b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e3, "cpu-µs/op")
	}
}
