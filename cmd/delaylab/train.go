package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"time"

	"delaylab/checkpoint"
	"delaylab/checkpoint/netjson"
	"delaylab/dataset"
	"delaylab/delgrad"
)

const trainAbout = `Trains a preset on its data set (the reference splits), validating after
every epoch, then prints the test accuracy as the last line:

  test accuracy 0.9820 (982/1000)

On a terminal a progress bar shows the run; otherwise each epoch prints one
line. samples/s counts training samples per second of wall-clock time. The
-log CSV has the columns epoch,train_loss,train_acc,val_loss,val_acc,
lr_scale,bumps,seconds (seconds since training started).

-o writes the run as a .dlab checkpoint when training ends: the recipe, the
network, the optimiser and shuffling state, the best network, the history,
the data set and the chip instance. -resume FILE.dlab continues such a run
where it stopped, on the file's data set and chip instance, bit for bit as
if it had never stopped. With -resume, -epochs N trains N more epochs (an
epoch left unfinished counts as the first); without -epochs the run goes on
to the total of its recipe. A resumed run is written back to its file
unless -o names another. Checkpoints are written to a temporary file that
then replaces the old one, so a failed or interrupted write never leaves a
broken file.

On Ctrl-C training stops, and the checkpoint (-o, or the -resume file) and
-net-out still receive the run as it is; -resume continues it.`

func cmdTrain(e *env, args []string) int {
	c := newCmd(e, "train", "-preset NAME | -resume FILE.dlab [-epochs N] [-seed N] [-chip-seed N] [-chip-without LIST] [-chip-set LIST] [-protocol NAME] [-workers N] [-o FILE.dlab] [-net-out FILE.json] [-log FILE.csv] [-select final|best-val]", trainAbout)
	preset := c.String("preset", "", "the recipe to train (see 'delaylab presets')")
	resume := c.String("resume", "", "continue the run saved in `FILE.dlab` (and write it back there unless -o is given)")
	seed := c.Uint64("seed", 0, "seed of the initial parameters and the shuffling (default the preset's; not with -resume)")
	epochs := c.Int("epochs", 0, "epochs to train (default the preset's); with -resume, how many more to train (default: up to the recipe's total)")
	workers := c.Int("workers", delgrad.DefaultWorkers(), "goroutines per mini-batch (results do not depend on it)")
	chipSeed := c.Uint64("chip-seed", 0, "seed of the chip's fixed-pattern mismatch (chip presets; not with -resume, which keeps the file's chip)")
	chipWithout := c.String("chip-without", "", "chip presets: switch off these comma-separated effects (e.g. threshold-trial,delay-jitter; a wrong name lists them), for ablations")
	chipSet := c.String("chip-set", "", "chip presets: comma-separated knob=value settings applied after -chip-without (e.g. threshold-trial-std=0.08); a bad name lists the knobs")
	protocol := c.String("protocol", "ours", "training conventions: `ours`, authors (the DelGrad authors' code), ours+CONV… or authors-CONV… (see 'delaylab protocols')")
	out := c.String("o", "", "write the run as a checkpoint to `FILE.dlab` when training ends or is interrupted")
	netOut := c.String("net-out", "", "write the trained network to `FILE.json` (net.json interchange)")
	logPath := c.String("log", "", "write per-epoch metrics to `FILE.csv`")
	selectNet := c.String("select", "final", "which network to test and write: `final` (after the last epoch) or best-val (the epoch with the best validation accuracy)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	switch {
	case *preset != "" && *resume != "":
		return c.usageErr("-preset and -resume are mutually exclusive: a checkpoint carries its recipe")
	case *preset == "" && *resume == "":
		return c.usageErr("-preset is required (or -resume FILE.dlab)")
	}
	if *resume != "" {
		for _, name := range []string{"seed", "chip-seed", "chip-without", "chip-set", "protocol"} {
			if c.isSet(name) {
				return c.usageErr("-%s cannot be used with -resume: the run keeps the seeds and the chip model of its checkpoint", name)
			}
		}
	}
	if c.isSet("epochs") && *epochs < 0 {
		return c.usageErr("-epochs %d is negative", *epochs)
	}
	if *workers < 1 {
		return c.usageErr("-workers %d: want at least 1", *workers)
	}
	if *selectNet != "final" && *selectNet != "best-val" {
		return c.usageErr("-select %q: want final or best-val", *selectNet)
	}
	if *out == "-" {
		return c.usageErr(errStdoutCheckpoint)
	}

	// The run: a preset, or a checkpoint to resume.
	var (
		cfg       delgrad.Config
		from      *dlab
		spec      dataset.Spec
		coding    dataset.Coding
		chipState *checkpoint.ChipState
		name      string
		savePath  = *out
		err       error
	)
	if *resume != "" {
		if from, err = readCheckpoint(*resume); err != nil {
			return c.fail(err)
		}
		spec, coding = from.Dataset()
		chipState, name = from.Chip, from.Meta.Name
		if savePath == "" {
			savePath = *resume
		}
	} else {
		if cfg, err = delgrad.Preset(*preset); err != nil {
			return c.usageErr("%v", err)
		}
		if c.isSet("seed") {
			cfg.Seed = *seed
		}
		if c.isSet("epochs") {
			cfg.Epochs = *epochs
		}
		if cfg.Protocol, err = delgrad.ParseProtocol(*protocol); err != nil {
			return c.usageErr("-protocol: %v", err)
		}
		if err := cfg.Validate(); err != nil {
			return c.usageErr("-protocol %s: %v", *protocol, err)
		}
		if chipState, err = chipStateFor(cfg, *chipSeed); err != nil {
			return c.fail(err)
		}
		if *chipWithout != "" || *chipSet != "" {
			if chipState == nil {
				return c.usageErr("-chip-without and -chip-set need a chip preset; %s runs on the ideal simulator", cfg.Name)
			}
			if err := tweakChip(chipState, *chipWithout, *chipSet); err != nil {
				return c.usageErr("%v", err)
			}
		}
		spec, coding, name = dataset.DefaultSpec(cfg.Dataset), dataset.DefaultCoding(), cfg.Name
	}

	// Everything that can fail fails before training starts.
	var save func(*delgrad.Trainer) error
	if savePath != "" {
		if save, err = checkpointWriter(savePath, name, spec, coding, chipState); err != nil {
			return c.fail(err)
		}
	}
	if *netOut != "" {
		if err := checkDir(*netOut); err != nil {
			return c.fail(err)
		}
	}
	var sub delgrad.Substrate = &delgrad.Ideal{}
	if chipState != nil {
		cs, err := chipState.NewSubstrate()
		if err != nil {
			return c.fail(err)
		}
		sub = cs
	}
	data, err := dataset.Generate(spec)
	if err != nil {
		return c.fail(err)
	}
	train, val, test := code(data.Train, coding), code(data.Validation, coding), code(data.Test, coding)
	var tr *delgrad.Trainer
	if from != nil {
		if tr, err = from.Resume(train, val, sub); err != nil {
			return c.fail(fmt.Errorf("%s: %w", *resume, err))
		}
		if c.isSet("epochs") {
			tr.SetEpochs(tr.Progress().Epochs + *epochs)
		}
		cfg = tr.Config()
	} else if tr, err = delgrad.NewTrainer(cfg, train, val, sub); err != nil {
		return c.fail(err)
	}
	tr.SetWorkers(*workers)
	var log *epochLog
	if *logPath != "" {
		if log, err = newEpochLog(*logPath); err != nil {
			return c.fail(err)
		}
		defer log.close()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	nw, nd := tr.Model().ParamCount()
	if from == nil {
		fmt.Fprintf(e.stdout, "preset %s: %d weights, %d delay parameters; %d/%d/%d samples; %d epochs; seed %d; %d workers\n",
			cfg.Name, nw, nd, len(train), len(val), len(test), cfg.Epochs, cfg.Seed, tr.Workers())
	} else {
		underway := ""
		if tr.Progress().UnderWay() {
			underway = fmt.Sprintf(" (epoch %d under way)", tr.Progress().Epochs+1)
		}
		fmt.Fprintf(e.stdout, "resume %s from %s: %d weights, %d delay parameters; %d/%d/%d samples; %d of %d epochs done%s; %d workers\n",
			cfg.Name, *resume, nw, nd, len(train), len(val), len(test), tr.Progress().Epochs, cfg.Epochs, underway, tr.Workers())
		if tr.Done() {
			fmt.Fprintf(e.stdout, "nothing to train: the recipe's %d epochs are done (-epochs N trains N more)\n", cfg.Epochs)
		}
	}
	prog := newProgress(e, cfg.Epochs, len(train), len(val))
	prog.resumeAt(tr)
	epochStart := time.Now()
	interrupted := false
	reported := len(tr.History())
	for !tr.Done() {
		if ctx.Err() != nil {
			interrupted = true
			break
		}
		tr.Step(min(cfg.Batch, untilEpochEnd(tr)))
		for ; reported < len(tr.History()); reported++ {
			ep := tr.History()[reported]
			now := time.Now()
			prog.epoch(tr, ep, now.Sub(epochStart))
			epochStart = now
			if log != nil {
				if err := log.write(ep, now.Sub(prog.start)); err != nil {
					prog.finish()
					return c.fail(err)
				}
			}
		}
		prog.tick(tr)
	}
	prog.finish()

	chosen := tr.Model()
	if best, bestEpoch := tr.Best(); *selectNet == "best-val" && best != nil {
		_, facc := tr.Evaluate(test)
		fmt.Fprintf(e.stdout, "final network (epoch %d): test accuracy %.4f (%d/%d)\n", tr.Progress().Epochs, facc, int(math.Round(facc*float64(len(test)))), len(test))
		fmt.Fprintf(e.stdout, "selected the network of epoch %d (best validation accuracy %.4f)\n", bestEpoch, tr.History()[bestEpoch-1].ValAcc)
		chosen = best
	}
	// The checkpoint first: it holds the whole run.
	if save != nil {
		if err := save(tr); err != nil {
			return c.fail(err)
		}
	}
	if *netOut != "" {
		err := writeFile(e, *netOut, func(w io.Writer) error { return netjson.Encode(w, chosen, coding) })
		if err != nil {
			return c.fail(err)
		}
	}
	if interrupted {
		msg := fmt.Sprintf("interrupted after %d of %d epochs", tr.Progress().Epochs, cfg.Epochs)
		if save != nil {
			msg += fmt.Sprintf("; saved to %s (continue with -resume %s)", savePath, savePath)
		}
		return c.fail(errors.New(msg))
	}
	_, acc := tr.EvaluateModel(chosen, test)
	right := int(math.Round(acc * float64(len(test))))
	fmt.Fprintf(e.stdout, "test accuracy %.4f (%d/%d)\n", acc, right, len(test))
	return exitOK
}

// untilEpochEnd is the work (samples) left in the epoch in progress, so
// that a step never asks for more than the epoch has left.
func untilEpochEnd(tr *delgrad.Trainer) int { return tr.Progress().LeftInEpoch() }

// code turns points into input spike times.
func code(pts []dataset.Point, c dataset.Coding) []delgrad.Sample {
	return delgrad.MakeSamples(c.EncodeAll(pts))
}

// checkpointWriter returns the function that writes a checkpoint of a
// trainer to path, with the data set and coding it trains on, its chip
// model (nil: the ideal simulator) and the run's name; or why path cannot
// be written.
func checkpointWriter(path, name string, data dataset.Spec, coding dataset.Coding, chipState *checkpoint.ChipState) (func(*delgrad.Trainer) error, error) {
	if err := checkDir(path); err != nil {
		return nil, err
	}
	return func(tr *delgrad.Trainer) error {
		f := checkpoint.FromTrainer(tr, data, coding, newMeta(name))
		f.Chip = chipState
		return writeCheckpoint(path, f)
	}, nil
}

// epochLog is the -log CSV file, flushed after every epoch so that a long
// run can be watched.
type epochLog struct {
	f *os.File
}

func newEpochLog(path string) (*epochLog, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(f, "epoch,train_loss,train_acc,val_loss,val_acc,lr_scale,bumps,seconds\n"); err != nil {
		f.Close()
		return nil, err
	}
	return &epochLog{f: f}, nil
}

func (l *epochLog) write(ep delgrad.Epoch, since time.Duration) error {
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	_, err := fmt.Fprintf(l.f, "%d,%s,%s,%s,%s,%s,%d,%.3f\n", ep.Epoch, g(ep.TrainLoss), g(ep.TrainAcc),
		g(ep.ValLoss), g(ep.ValAcc), g(ep.LRScale), ep.Bumps, since.Seconds())
	return err
}

func (l *epochLog) close() { l.f.Close() }
