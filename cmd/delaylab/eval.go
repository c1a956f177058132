package main

import (
	"cmp"
	"fmt"
	"io"

	"delaylab/chip"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

const evalAbout = `Runs a network, from a net.json (-net) or a checkpoint (-ckpt), on a data
set and prints

  accuracy 0.9820 (982/1000)

A sample counts as right when the first output neuron to fire is its label.
csv:PATH evaluates every point of the file. Without -data, -net evaluates
on yinyang:test and -ckpt on the test split of the checkpoint's own data
set. -spikes writes every spike time:

  {"labels": [...], "predictions": [...],
   "layers": [ per layer of net.json: [ per sample: [ t or null, ... ] ] ]}

where null is a silent neuron and prediction -1 means all outputs were silent.
With -chip-seed the network runs on that chip instance (quantised weights,
mismatch, noise; only axonal delays) and the recorded times are the chip's.
The network of a chip checkpoint runs on its own chip instance unless
-chip-seed (another instance of the file's chip model) or -chip says
otherwise. -chip-without and -chip-set change that chip model as train's
flags do, e.g. to test a network on a noisier chip than it trained on.`

func cmdEval(e *env, args []string) int {
	c := newCmd(e, "eval", "-net FILE.json | -ckpt FILE.dlab [-data NAME] [-spikes OUT.json] [-chip-seed N] [-chip chip|chip-realistic] [-chip-without LIST] [-chip-set LIST]", evalAbout)
	netPath := c.String("net", "", "the network (net.json)")
	ckptPath := c.String("ckpt", "", "the network of the checkpoint `FILE.dlab` (the final one of its run)")
	dataName := c.String("data", "", "the `NAME` of the samples: yinyang:train|validation|test, xor, circles, spirals or csv:PATH (default yinyang:test for -net, the checkpoint's test split for -ckpt)")
	spikesPath := c.String("spikes", "", "write all spike times to `OUT.json`")
	chipSeed := c.Uint64("chip-seed", 0, "run on the chip instance drawn from this seed instead of the ideal simulator (or the checkpoint's chip instance)")
	chipModel := c.String("chip", "chip", "the chip model for -chip-seed: `chip` (the authors' noise model) or chip-realistic")
	chipWithout := c.String("chip-without", "", "run on the chip with these comma-separated effects switched off (as train's)")
	chipSet := c.String("chip-set", "", "run on the chip with these knob=value settings (as train's), e.g. threshold-trial-std=0.1 for a noisier chip")
	if code, ok := c.parse(args); !ok {
		return code
	}
	onChip := c.isSet("chip-seed") || c.isSet("chip") || *chipWithout != "" || *chipSet != ""
	if onChip && *chipModel != run.Chip && *chipModel != run.ChipRealistic {
		return c.usageErr("-chip %q: want chip or chip-realistic", *chipModel)
	}
	tweak := func(cfg chip.Config) (chip.Config, error) { return tweakConfig(cfg, *chipWithout, *chipSet) }
	if _, err := tweak(chip.DefaultConfig()); err != nil {
		return c.usageErr("%v", err)
	}
	switch {
	case *netPath != "" && *ckptPath != "":
		return c.usageErr("-net and -ckpt are mutually exclusive")
	case *netPath == "" && *ckptPath == "":
		return c.usageErr("-net FILE.json or -ckpt FILE.dlab is required")
	}
	var src dataSource
	if *dataName != "" || *netPath != "" {
		var err error
		if src, err = parseData(cmp.Or(*dataName, "yinyang:test")); err != nil {
			return c.usageErr("%v", err)
		}
	}
	if *spikesPath != "" {
		if err := checkDir(*spikesPath); err != nil {
			return c.fail(err)
		}
	}

	var (
		m      *delgrad.Model
		coding dataset.Coding
		pts    []dataset.Point
		source = *netPath
		err    error
	)
	var sub delgrad.Substrate = &delgrad.Ideal{}
	// A checkpoint's protocol may evaluate in other runs (EvalBatches).
	trial := delgrad.EvalTrial
	if *netPath != "" {
		if m, coding, err = loadNet(*netPath); err != nil {
			return c.fail(err)
		}
		if pts, err = src.points(); err != nil {
			return c.fail(err)
		}
		if onChip {
			s, err := run.ParseSubstrate(*chipModel)
			cfg := s.Chip
			if err == nil {
				cfg, err = tweak(cfg)
			}
			if err == nil {
				sub, err = chip.NewSubstrate(cfg, *chipSeed)
			}
			if err != nil {
				return c.fail(err)
			}
		}
	} else {
		source = *ckptPath
		f, err := readCheckpoint(*ckptPath)
		if err != nil {
			return c.fail(err)
		}
		var fcfg delgrad.Config
		if fcfg, m, coding, err = f.model(); err != nil {
			return c.fail(err)
		}
		trial = fcfg.EvalTrial
		if src.name == "" {
			spec, _ := f.Dataset()
			data, err := dataset.Generate(spec)
			if err != nil {
				return c.fail(fmt.Errorf("%s: data set: %w", *ckptPath, err))
			}
			src.name, pts = spec.Name+" test split of "+*ckptPath, data.Test
		} else if pts, err = src.points(); err != nil {
			return c.fail(err)
		}
		if sub, err = ckptSubstrate(f, onChip, c.isSet("chip"), *chipModel, c.isSet("chip-seed"), *chipSeed, tweak); err != nil {
			return c.fail(err)
		}
	}
	samples, err := codeSamples(m, coding, pts)
	if err != nil {
		return c.fail(fmt.Errorf("%s on %s: %w", source, src.name, err))
	}
	delgrad.TellInputLayout(sub, m)
	if err := sub.Prepare(m.Net); err != nil {
		return c.fail(fmt.Errorf("%s: %w", source, err))
	}

	var rec *spikeRecord
	if *spikesPath != "" {
		rec = newSpikeRecord(m.Net, len(samples))
	}
	right := 0
	run.Forward(sub, m, samples, trial, func(j int, ws *sim.Workspace) {
		p := delgrad.Predict(ws.Output())
		if p == samples[j].Label {
			right++
		}
		if rec != nil {
			rec.add(ws, samples[j].Label, p)
		}
	})
	if rec != nil {
		if err := writeFile(e, *spikesPath, rec.writeJSON); err != nil {
			return c.fail(err)
		}
	}
	fmt.Fprintf(e.stdout, "accuracy %.4f (%d/%d)\n", float64(right)/float64(len(samples)), right, len(samples))
	return exitOK
}

// ckptSubstrate is the engine that evaluates the network of checkpoint f:
// its own chip instance or the ideal simulator, unless the command line
// asks for a chip (onChip): the model named by -chip (if set) or else the
// file's (or the default chip), with the instance of -chip-seed (if set)
// or else the file's, changed by tweak (-chip-without, -chip-set).
func ckptSubstrate(f *dlab, onChip, modelSet bool, model string, seedSet bool, seed uint64, tweak func(chip.Config) (chip.Config, error)) (delgrad.Substrate, error) {
	if !onChip {
		return f.substrate()
	}
	var cfg chip.Config
	switch {
	case modelSet || f.Chip == nil:
		s, err := run.ParseSubstrate(model)
		if err != nil {
			return nil, err
		}
		cfg = s.Chip
	default:
		cfg = f.Chip.ChipConfig()
	}
	if !seedSet && f.Chip != nil {
		seed = f.Chip.Seed
	}
	cfg, err := tweak(cfg)
	if err != nil {
		return nil, err
	}
	sub, err := chip.NewSubstrate(cfg, seed)
	if err != nil {
		return nil, err
	}
	return sub, nil
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
