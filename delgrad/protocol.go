package delgrad

import (
	"fmt"
	"strings"
)

// Convention is one way in which the DelGrad authors' training code
// (JulianGoeltz/fastAndDeep) trains differently from DelayLab's own
// protocol. Each can be switched on alone, so that an ablation can tell
// which of them changes a result.
type Convention uint8

// The conventions, each as the authors' code does it.
const (
	// SilentSamples: a sample with any silent output gets the loss 100 and
	// no gradient at all (their loss is infinite then and is replaced by a
	// constant). Ours skips only the silent outputs' terms.
	SilentSamples Convention = iota
	// NominalThreshold: the backward pass divides by the membrane slope of
	// the *nominal* neuron (threshold without the chip's offset and trial
	// noise) at its own crossing, for the causal set of the recorded spike
	// time; their Lambert-W gradient formula takes the threshold from the
	// configuration. It adds their ε = 1e-6 to the sums a1 and b. Ours
	// divides by the slope of the membrane at the recorded spike time,
	// which does not depend on the threshold. Defined for τm = τs (the
	// chip's neurons).
	NominalThreshold
	// GradientCap: a (sample, neuron) pair whose largest entry of its
	// share of the batch-mean weight gradient exceeds 0.2 contributes no
	// weight gradient (their max_dw_norm, set in every one of their
	// configs; with their mean loss a sample's share is its own gradient
	// divided by the batch size). Ours: no cap unless the recipe sets
	// MaxDWNorm.
	GradientCap
	// ClipShadowWeights: after every step the full-precision weights are
	// clipped to ±2.1 (their clip_weights_max, the chip's largest weight
	// 63/30). Ours clips only the weights the chip receives, so the
	// optimiser's weights may wander beyond what the chip can realise.
	ClipShadowWeights
	// EvalBatches: evaluation runs the split in batches of 200 with one
	// per-batch noise draw each (their batch_size_eval). Ours: runs of 40.
	EvalBatches
	// InterleavedCopies: the copies of an input feature sit next to each
	// other (rows x,x,x,x,x,y,…, their Multiplex layer) while tied input
	// delays still tile (d0,d1,d2,d3,d0,…, their presyn_sharing_factor), so
	// the five copies of one feature carry different delays. Ours tiles
	// both, so the copies of a feature share one delay. Only their
	// chip-aware simulation does this; on the chip their data set tiles.
	InterleavedCopies
	numConventions
)

var conventionNames = [numConventions]string{
	"silent-samples", "nominal-threshold", "gradient-cap", "clip-shadow-weights",
	"eval-batches", "interleaved-copies",
}

var conventionSummaries = [numConventions]string{
	"a sample with any silent output gets loss 100 and no gradient (ours: only the silent outputs' terms drop out)",
	"the backward pass divides by the nominal neuron's slope at its own threshold crossing, with eps 1e-6 (ours: the slope at the recorded spike); tau_mem = tau_syn only",
	"a (sample, neuron) whose share of the batch-mean weight gradient exceeds 0.2 in some entry gives no weight gradient (ours: no cap)",
	"the optimiser's full-precision weights are clipped to +-2.1 after every step (ours: only the chip's copy is)",
	"evaluation in batches of 200 with one chip noise draw each (ours: runs of 40)",
	"input copies sit in place (x,x,x,x,x,y,...) while tied delays tile, so a feature's copies carry different delays (ours: copies and delays both tile)",
}

// Summary is one line on what the convention does, against ours.
func (c Convention) Summary() string {
	if c < numConventions {
		return conventionSummaries[c]
	}
	return ""
}

// The authors' values behind the conventions.
const (
	// authorsEps is added to the backward pass's sums a1 and b.
	authorsEps = 1e-6
	// authorsDWCap is their max_dw_norm.
	authorsDWCap = 0.2
	// AuthorsWeightClip is their clip_weights_max (63/30).
	AuthorsWeightClip = 2.1
	// authorsEvalBatch is their batch_size_eval.
	authorsEvalBatch = 200
)

func (c Convention) String() string {
	if c < numConventions {
		return conventionNames[c]
	}
	return fmt.Sprintf("Convention(%d)", c)
}

// Conventions lists every convention in order.
func Conventions() []Convention {
	out := make([]Convention, numConventions)
	for i := range out {
		out[i] = Convention(i)
	}
	return out
}

// Protocol is a set of conventions: the zero value is DelayLab's own
// protocol, AuthorsProtocol all of the authors' conventions.
type Protocol uint32

// AuthorsProtocol follows every convention of the authors' code.
const AuthorsProtocol Protocol = 1<<numConventions - 1

// Has reports whether p follows convention c.
func (p Protocol) Has(c Convention) bool { return p&(1<<c) != 0 }

// With returns p with the conventions added.
func (p Protocol) With(cs ...Convention) Protocol {
	for _, c := range cs {
		p |= 1 << c
	}
	return p
}

// Without returns p with the conventions removed.
func (p Protocol) Without(cs ...Convention) Protocol {
	for _, c := range cs {
		p &^= 1 << c
	}
	return p
}

// String is the protocol's canonical name: "ours", "authors", or the
// conventions joined by "+" (e.g. "ours+gradient-cap").
func (p Protocol) String() string {
	switch p & AuthorsProtocol {
	case 0:
		return "ours"
	case AuthorsProtocol:
		return "authors"
	}
	var names []string
	for _, c := range Conventions() {
		if p.Has(c) {
			names = append(names, c.String())
		}
	}
	return "ours+" + strings.Join(names, "+")
}

// ParseProtocol reads "ours", "authors", "ours+CONV+…" or
// "authors-CONV-…" (the authors' protocol without some conventions).
func ParseProtocol(s string) (Protocol, error) {
	var p Protocol
	var parts []string
	add := true
	switch {
	case s == "ours" || s == "":
		return 0, nil
	case s == "authors":
		return AuthorsProtocol, nil
	case strings.HasPrefix(s, "ours+") && len(s) > len("ours+"):
		parts = strings.Split(strings.TrimPrefix(s, "ours+"), "+")
	case strings.HasPrefix(s, "authors-") && len(s) > len("authors-"):
		p, add = AuthorsProtocol, false
		parts = splitConventions(strings.TrimPrefix(s, "authors-"))
	default:
		return 0, newError(ErrName, "protocol %q: want ours, authors, ours+CONVENTION… or authors-CONVENTION… (conventions: %s)", s, conventionList())
	}
	for _, name := range parts {
		c, err := ParseConvention(name)
		if err != nil {
			return 0, newError(ErrName, "protocol %q: %s", s, err.(*Error).Msg)
		}
		if add {
			p = p.With(c)
		} else {
			p = p.Without(c)
		}
	}
	return p, nil
}

// splitConventions splits "a-b-c" into convention names, which contain
// dashes themselves: it takes the longest known name at each point.
func splitConventions(s string) []string {
	var out []string
	for s != "" {
		best := ""
		for _, n := range conventionNames {
			if (s == n || strings.HasPrefix(s, n+"-")) && len(n) > len(best) {
				best = n
			}
		}
		if best == "" {
			return append(out, s) // reported as unknown by the caller
		}
		out = append(out, best)
		s = strings.TrimPrefix(strings.TrimPrefix(s, best), "-")
	}
	return out
}

// ParseConvention reads one convention's name.
func ParseConvention(name string) (Convention, error) {
	for i, n := range conventionNames {
		if n == name {
			return Convention(i), nil
		}
	}
	return 0, newError(ErrName, "unknown convention %q (have %s)", name, conventionList())
}

// ParseConventions reads a comma-separated list of convention names.
func ParseConventions(list string) ([]Convention, error) {
	var out []Convention
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		c, err := ParseConvention(name)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func conventionList() string { return strings.Join(conventionNames[:], ", ") }

// dwCap is the per-(sample, neuron) weight-gradient cap the run uses in
// a mini-batch of n samples, on the sample's own gradient δ_k·∂T_k/∂w (the
// units of Backward). Their max_dw_norm applies to the sample's share of
// the gradient of the batch's *mean* loss, which is that divided by n, so
// their 0.2 is 0.2·n here; the recipe's MaxDWNorm applies to the sample's
// own gradient. The tighter of the two wins.
func (c *Config) dwCap(n int) float64 {
	if !c.Protocol.Has(GradientCap) {
		return c.MaxDWNorm
	}
	authors := authorsDWCap * float64(n)
	if c.MaxDWNorm > 0 && c.MaxDWNorm < authors {
		return c.MaxDWNorm
	}
	return authors
}

// EvalRunSize is how many evaluation samples share one per-batch noise
// draw of a chip (EvalRun, or the authors' evaluation batch).
func (c *Config) EvalRunSize() int {
	if c.Protocol.Has(EvalBatches) {
		return authorsEvalBatch
	}
	return EvalRun
}

// EvalTrial is the trial of the j-th sample of an evaluation keyed by key
// under this recipe's protocol (see the package function EvalTrial).
func (c *Config) EvalTrial(key uint64, j int) Trial {
	return evalTrialRun(key, j, c.EvalRunSize())
}
