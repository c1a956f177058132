package chip_test

import (
	"math/rand/v2"
	"testing"

	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/sim"
)

// BenchmarkForward is one sample of the 4×5-30-3 chip network with axonal
// delays, on the ideal simulator and on the chip models.
func BenchmarkForward(b *testing.B) {
	net := chipNet(1)
	in := chipInputs(rand.New(rand.NewPCG(1, 1)), 64)
	b.Run("simulator", func(b *testing.B) {
		ws := sim.NewWorkspace(net)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ws.Forward(net, in[i%64])
		}
	})
	for _, m := range []struct {
		name string
		cfg  chip.Config
	}{{"chip-ideal", chip.IdealConfig()}, {"chip", chip.DefaultConfig()}, {"chip-realistic", chip.RealisticConfig()}} {
		b.Run(m.name, func(b *testing.B) {
			cfg := m.cfg
			s := substrate(b, cfg, 1, net)
			ws := sim.NewWorkspace(net)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				s.Forward(in[i%64], ws, sim.Trial{Batch: uint64(i / 40), Sample: uint64(i)})
			}
		})
	}
}

// BenchmarkTrain is one mini-batch of chip-in-the-loop training on one
// worker (forward on the chip model, nominal backward, re-quantised shadow
// weights) for the chip presets, after a first batch has sized the scratch.
func BenchmarkTrain(b *testing.B) {
	for _, name := range []string{"chip-yinyang-w", "chip-yinyang-wa"} {
		b.Run(name, func(b *testing.B) {
			cfg, _ := delgrad.Preset(name)
			tr := chipTrainer(b, cfg, yinyang(1500, 42), nil, 0)
			tr.SetWorkers(1)
			tr.Step(cfg.Batch)
			n := 0
			for b.Loop() {
				n += tr.Step(cfg.Batch)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
