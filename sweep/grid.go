package sweep

import (
	"fmt"
	"strconv"
	"strings"

	"delaylab/delgrad"
	"delaylab/run"
	"delaylab/sim"
)

// Run is one cell of the grid.
type Run struct {
	Substrate string // "ideal", "chip" or "chip-realistic"
	Hidden    int
	Delay     sim.DelayKind
	Seed      uint64
	// Protocol is the training protocol (delgrad.ParseProtocol form; ""
	// and "ours": DelayLab's own).
	Protocol string
}

// protocolTag is "" for DelayLab's protocol, else "+" and its name, so
// that keys and file names of runs under our protocol stay as they were.
func (r Run) protocolTag() string {
	if r.Protocol == "" || r.Protocol == "ours" {
		return ""
	}
	return "+" + r.Protocol
}

// Key identifies a run in the CSV, to skip it when resuming.
func (r Run) Key() string {
	return fmt.Sprintf("%s%s/h%d/%s/s%d", r.Substrate, r.protocolTag(), r.Hidden, r.Delay, r.Seed)
}

// Grid is the set of runs of a sweep.
type Grid struct {
	Substrate string
	Hidden    []int
	Delays    []sim.DelayKind
	Seeds     int
	Epochs    int    // 0: the preset's
	Protocol  string // training protocol of every run ("" or "ours": DelayLab's)
}

// Runs lists the grid in a stable order: seeds innermost, so that partial
// sweeps cover every configuration early.
func (g Grid) Runs() []Run {
	var out []Run
	for s := range g.Seeds {
		for _, h := range g.Hidden {
			for _, d := range g.Delays {
				out = append(out, Run{Substrate: g.Substrate, Hidden: h, Delay: d, Seed: uint64(s), Protocol: g.Protocol})
			}
		}
	}
	return out
}

// Config is the training recipe of a run: the reference preset for its
// delay kind (dendritic borrows the synaptic recipe, which has no
// reference of its own) with the hidden size replaced.
func Config(r Run, epochs int) (delgrad.Config, error) {
	var name string
	sub, err := run.ParseSubstrate(r.Substrate)
	if err != nil {
		return delgrad.Config{}, fmt.Errorf("sweep: %w", err)
	}
	switch sub.Name {
	case run.Ideal:
		name = map[sim.DelayKind]string{
			sim.DelayNone: "yinyang-h30-w", sim.DelayAxonal: "yinyang-h30-wa",
			sim.DelayDendritic: "yinyang-h30-ws", sim.DelaySynaptic: "yinyang-h30-ws",
		}[r.Delay]
	case run.Chip, run.ChipRealistic:
		prefix := "chip-yinyang-"
		if sub.Realistic() {
			prefix = "chip-yinyang-realistic-"
		}
		switch r.Delay {
		case sim.DelayNone:
			name = prefix + "w"
		case sim.DelayAxonal:
			name = prefix + "wa"
		default:
			return delgrad.Config{}, fmt.Errorf("sweep: the chip has only axonal delays, not %s", r.Delay)
		}
	default:
		return delgrad.Config{}, fmt.Errorf("sweep: substrate %q has no recipes (want ideal, chip or chip-realistic)", r.Substrate)
	}
	cfg, err := delgrad.Preset(name)
	if err != nil {
		return cfg, err
	}
	cfg.Hidden = []int{r.Hidden}
	for l := range cfg.Delays {
		cfg.Delays[l] = r.Delay
	}
	cfg.Seed = r.Seed
	if epochs > 0 {
		cfg.Epochs = epochs
	}
	if cfg.Protocol, err = delgrad.ParseProtocol(r.Protocol); err != nil {
		return cfg, fmt.Errorf("sweep: %w", err)
	}
	return cfg, cfg.Validate()
}

// ParseInts reads "5,10,15".
func ParseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v <= 0 || v > 10000 {
			return nil, fmt.Errorf("sweep: %q is not a size in 1..10000", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// ParseDelays reads "none,synaptic".
func ParseDelays(s string) ([]sim.DelayKind, error) {
	var out []sim.DelayKind
	for _, f := range strings.Split(s, ",") {
		k, err := sim.ParseDelayKind(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}
