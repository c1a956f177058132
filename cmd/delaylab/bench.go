package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"delaylab/chip"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

const benchAbout = `Measures, for about a second each, how many samples per second the
preset's network (freshly initialised) gets through on Yin-Yang training
data: forward passes, forward and backward passes (exact gradients), and
full training steps (mini-batches and optimiser). Each figure is measured
with one worker, then with -workers workers (the _parallel lines, skipped
when -workers is 1). Prints one "name value unit" line per figure. For chip
presets it also prints the bytes per sample the chip reported as spike
events during training, and the bytes a method that reads membrane traces
(8-bit ADC at 1.85 MS/s over the 30 τ window, every neuron) would need.`

// benchTime is how long each figure is measured.
const benchTime = time.Second

func cmdBench(e *env, args []string) int {
	c := newCmd(e, "bench", "[-preset NAME] [-workers N]", benchAbout)
	preset := c.String("preset", "yinyang-h30-ws", "the recipe whose network is measured (see 'delaylab presets')")
	workers := c.Int("workers", delgrad.DefaultWorkers(), "goroutines for the _parallel figures")
	if code, ok := c.parse(args); !ok {
		return code
	}
	cfg, err := delgrad.Preset(*preset)
	if err != nil {
		return c.usageErr("%v", err)
	}
	if *workers < 1 {
		return c.usageErr("-workers %d: want at least 1", *workers)
	}
	data, err := run.DefaultData(cfg.Dataset)
	if err != nil {
		return c.fail(err)
	}
	data.Val = nil // training only
	sub, err := run.ForRecipe(cfg)
	if err != nil {
		return c.fail(err)
	}
	// Each measurement starts from the same fresh network.
	trainer := func() (*delgrad.Trainer, error) {
		rn, err := run.New(cfg, sub, 0, data)
		if err != nil {
			return nil, err
		}
		return rn.Trainer(), nil
	}
	if _, err := trainer(); err != nil {
		return c.fail(err)
	}

	counts := []int{1}
	if *workers > 1 {
		counts = append(counts, *workers)
	}
	for _, nw := range counts {
		suffix := ""
		if nw > 1 {
			suffix = "_parallel"
			fmt.Fprintf(e.stdout, "workers %d goroutines\n", nw)
		}
		tr, err := trainer()
		if err != nil {
			return c.fail(err)
		}
		fwd := measure(nw, func() func(i int) { return benchPass(tr, false) })
		fmt.Fprintf(e.stdout, "forward_samples_per_s%s %.0f samples/s\n", suffix, fwd)
		fb := measure(nw, func() func(i int) { return benchPass(tr, true) })
		fmt.Fprintf(e.stdout, "forward_backward_samples_per_s%s %.0f samples/s\n", suffix, fb)
		if tr, err = trainer(); err != nil {
			return c.fail(err)
		}
		tr.SetWorkers(nw)
		fmt.Fprintf(e.stdout, "train_samples_per_s%s %.0f samples/s\n", suffix, benchTrain(tr))
		if io, ok := tr.Substrate().(interface{ IO() chip.IOStats }); ok && nw == 1 {
			// What chip-in-the-loop training read from the chip, against
			// what a method that needs membrane traces would have read.
			st := io.IO()
			per := func(b int64) float64 { return float64(b) / float64(max(st.Patterns, 1)) }
			fmt.Fprintf(e.stdout, "chip_spike_bytes_per_sample %.1f bytes\n", per(st.SpikeBytes))
			fmt.Fprintf(e.stdout, "chip_trace_bytes_per_sample %.0f bytes\n", per(st.TraceBytes))
		}
	}
	return exitOK
}

// benchPass returns one goroutine's forward (and backward) pass on sample
// i of the trainer's data, with its own scratch space.
func benchPass(tr *delgrad.Trainer, backward bool) func(i int) {
	n := tr.Model().Net
	train, _ := tr.Samples()
	ws := sim.NewWorkspace(n)
	bp := delgrad.NewBackprop(n)
	g := delgrad.NewGrads(n)
	dOut := make([]float64, n.Outputs())
	var in []float64
	return func(i int) {
		s := &train[i%len(train)]
		in = tr.Model().InputTimes(in, s.Features)
		tr.Substrate().Forward(in, ws, delgrad.Trial{Sample: uint64(i)})
		if backward {
			tr.Config().Loss.Eval(ws.Output(), s.Label, dOut)
			bp.Backward(n, ws, dOut, g, tr.Config().MaxDWNorm)
		}
	}
}

// measure runs workers goroutines, each calling its own function from
// setup on samples i = w, w+workers, ..., for benchTime, and returns the
// samples per second of all together.
func measure(workers int, setup func() func(i int)) float64 {
	var total atomic.Int64
	var wg sync.WaitGroup
	fns := make([]func(int), workers)
	for w := range fns {
		fns[w] = setup()
		fns[w](w) // warm up
	}
	start := time.Now()
	deadline := start.Add(benchTime)
	for w, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for i := w; ; i += workers {
				fn(i)
				n++
				if n%16 == 0 && time.Now().After(deadline) {
					break
				}
			}
			total.Add(int64(n))
		}()
	}
	wg.Wait()
	return float64(total.Load()) / time.Since(start).Seconds()
}

// benchTrain returns the training samples per second of tr's mini-batches.
func benchTrain(tr *delgrad.Trainer) float64 {
	tr.Step(tr.Config().Batch) // warm up
	n := 0
	start := time.Now()
	for time.Since(start) < benchTime {
		n += tr.Step(tr.Config().Batch)
	}
	return float64(n) / time.Since(start).Seconds()
}
