package main

import (
	"fmt"
	"io"

	"delaylab/delgrad"
	"delaylab/sim"
)

const evalAbout = `Runs a net.json network on a data set and prints

  accuracy 0.9820 (982/1000)

A sample counts as right when the first output neuron to fire is its label.
csv:PATH evaluates every point of the file. -spikes writes every spike time:

  {"labels": [...], "predictions": [...],
   "layers": [ per layer of net.json: [ per sample: [ t or null, ... ] ] ]}

where null is a silent neuron and prediction -1 means all outputs were silent.
With -chip-seed the network runs on that chip instance (quantised weights,
mismatch, noise; only axonal delays) and the recorded times are the chip's.`

func cmdEval(e *env, args []string) int {
	c := newCmd(e, "eval", "-net FILE.json [-data yinyang:test] [-spikes OUT.json] [-chip-seed N [-chip chip|chip-realistic]]", evalAbout)
	netPath := c.String("net", "", "the network (net.json)")
	dataName := c.String("data", "yinyang:test", "the `NAME` of the samples: yinyang:train|validation|test, xor, circles, spirals or csv:PATH")
	spikesPath := c.String("spikes", "", "write all spike times to `OUT.json`")
	chipSeed := c.Uint64("chip-seed", 0, "run on the chip instance drawn from this seed instead of the ideal simulator")
	chipModel := c.String("chip", "chip", "the chip model for -chip-seed: `chip` (the authors' noise model) or chip-realistic")
	if code, ok := c.parse(args); !ok {
		return code
	}
	onChip := c.isSet("chip-seed") || c.isSet("chip")
	if onChip && *chipModel != "chip" && *chipModel != "chip-realistic" {
		return c.usageErr("-chip %q: want chip or chip-realistic", *chipModel)
	}
	if *netPath == "" {
		return c.usageErr("-net is required")
	}
	src, err := parseData(*dataName)
	if err != nil {
		return c.usageErr("%v", err)
	}
	if *spikesPath != "" {
		if err := checkDir(*spikesPath); err != nil {
			return c.fail(err)
		}
	}
	m, coding, err := loadNet(*netPath)
	if err != nil {
		return c.fail(err)
	}
	pts, err := src.points()
	if err != nil {
		return c.fail(err)
	}
	samples, err := codeSamples(m, coding, pts)
	if err != nil {
		return c.fail(fmt.Errorf("%s on %s: %w", *netPath, src.name, err))
	}

	var rec *spikeRecord
	if *spikesPath != "" {
		rec = newSpikeRecord(m.Net, len(samples))
	}
	var sub delgrad.Substrate = &delgrad.Ideal{}
	if onChip {
		if sub, err = substrateFor(delgrad.Config{Substrate: *chipModel}, *chipSeed); err != nil {
			return c.fail(err)
		}
	}
	if err := sub.Prepare(m.Net); err != nil {
		return c.fail(fmt.Errorf("%s: %w", *netPath, err))
	}
	ws := sim.NewWorkspace(m.Net)
	var in []float64
	right := 0
	for i, s := range samples {
		in = m.InputTimes(in, s.Features)
		sub.Forward(in, ws, delgrad.Trial{Sample: uint64(i), Eval: true})
		p := delgrad.Predict(ws.Output())
		if p == s.Label {
			right++
		}
		if rec != nil {
			rec.add(ws, s.Label, p)
		}
	}
	if rec != nil {
		if err := writeFile(e, *spikesPath, rec.writeJSON); err != nil {
			return c.fail(err)
		}
	}
	fmt.Fprintf(e.stdout, "accuracy %.4f (%d/%d)\n", float64(right)/float64(len(samples)), right, len(samples))
	return exitOK
}

// spikeRecord keeps every spike time of an evaluation.
type spikeRecord struct {
	sizes       []int
	labels      []int
	predictions []int
	times       [][]float64 // per layer, samples × size
}

func newSpikeRecord(n *sim.Network, samples int) *spikeRecord {
	r := &spikeRecord{}
	for _, L := range n.Layers {
		r.sizes = append(r.sizes, L.Size)
		r.times = append(r.times, make([]float64, 0, samples*L.Size))
	}
	return r
}

func (r *spikeRecord) add(ws *sim.Workspace, label, prediction int) {
	r.labels = append(r.labels, label)
	r.predictions = append(r.predictions, prediction)
	for l := range r.times {
		r.times[l] = append(r.times[l], ws.Times[l+1]...)
	}
}

func (r *spikeRecord) writeJSON(w io.Writer) error {
	b := []byte(`{"labels": `)
	b = appendInts(b, r.labels)
	b = append(b, ",\n \"predictions\": "...)
	b = appendInts(b, r.predictions)
	b = append(b, ",\n \"layers\": ["...)
	for l, t := range r.times {
		if l > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  "...)
		b = appendMatrix(b, t, r.sizes[l], "   ")
		if _, err := w.Write(b); err != nil {
			return err
		}
		b = b[:0]
	}
	b = append(b, "]}\n"...)
	_, err := w.Write(b)
	return err
}
