package delgrad

import (
	"math"
	"strconv"
	"strings"
)

// LossKind names a loss on output spike times.
type LossKind uint8

const (
	// LossSIMSE is DelGrad's shift-invariant MSE:
	// L = ½ Σ_k ((t_k − t_n*) − Δt·[k ≠ n*])².
	LossSIMSE LossKind = iota
	// LossTTFS is Fast&Deep's time-to-first-spike cross-entropy with an
	// early-firing term: L = log Σ_k e^{−t_k/τ0} + t_n*/τ0 + α e^{t_n*/τ1}.
	LossTTFS
	// LossMSE pulls the label neuron to TCorrect and the others to TWrong.
	LossMSE
)

// SilentLoss replaces a sample's loss when it is infinite or the label
// neuron is silent (docs/science.md §5); such a sample has no gradient through
// the label neuron.
const SilentLoss = 100

// Loss is a loss with its parameters.
type Loss struct {
	Kind LossKind
	// DeltaT is the target lead of the label neuron (SI-MSE), in τs.
	DeltaT float64
	// Tau0, Tau1, Alpha parametrise TTFS.
	Tau0, Tau1, Alpha float64
	// TCorrect, TWrong are MSE's target times.
	TCorrect, TWrong float64
}

// String is the CLI form: simse:0.2, ttfs:0.2:0.005:1, mse:1:2.
func (l Loss) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch l.Kind {
	case LossTTFS:
		return "ttfs:" + f(l.Tau0) + ":" + f(l.Alpha) + ":" + f(l.Tau1)
	case LossMSE:
		return "mse:" + f(l.TCorrect) + ":" + f(l.TWrong)
	}
	return "simse:" + f(l.DeltaT)
}

// ParseLoss reads the CLI form of a loss.
func ParseLoss(s string) (Loss, error) {
	parts := strings.Split(s, ":")
	nums := make([]float64, len(parts)-1)
	for i, p := range parts[1:] {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return Loss{}, newError(ErrName, "loss %q: %q is not a finite number", s, p)
		}
		nums[i] = v
	}
	bad := func(want string) (Loss, error) {
		return Loss{}, newError(ErrName, "loss %q: want %s", s, want)
	}
	switch parts[0] {
	case "simse":
		if len(nums) != 1 {
			return bad("simse:DT")
		}
		return Loss{Kind: LossSIMSE, DeltaT: nums[0]}, nil
	case "ttfs":
		if len(nums) != 3 || !(nums[0] > 0) || !(nums[2] > 0) {
			return bad("ttfs:TAU0:ALPHA:TAU1 with positive time constants")
		}
		return Loss{Kind: LossTTFS, Tau0: nums[0], Alpha: nums[1], Tau1: nums[2]}, nil
	case "mse":
		if len(nums) != 2 {
			return bad("mse:TCORRECT:TWRONG")
		}
		return Loss{Kind: LossMSE, TCorrect: nums[0], TWrong: nums[1]}, nil
	}
	return bad("simse:DT, ttfs:TAU0:ALPHA:TAU1 or mse:TCORRECT:TWRONG")
}

// Eval returns the loss of one sample with output times t and label, and
// writes ∂L/∂t_k into grad (len(t)). Silent neurons other than the label
// contribute neither loss nor gradient: being "infinitely late" they
// already do what the losses ask of wrong neurons, and the value stays the
// function the gradient belongs to (the reference instead reports 100 for
// such samples). A silent label neuron gives SilentLoss and no gradient.
// NaN never reaches grad.
func (l Loss) Eval(t []float64, label int, grad []float64) float64 {
	clear(grad)
	tn := t[label]
	if math.IsInf(tn, 1) {
		return SilentLoss
	}
	var L float64
	switch l.Kind {
	case LossSIMSE:
		for k, tk := range t {
			if k == label {
				continue
			}
			if math.IsInf(tk, 1) {
				continue
			}
			d := tk - tn - l.DeltaT
			L += 0.5 * d * d
			grad[k] += d
			grad[label] -= d
		}
	case LossTTFS:
		// log-sum-exp of −t_k/τ0, shifted by the earliest output.
		m := math.Inf(1)
		for _, tk := range t {
			m = math.Min(m, tk)
		}
		var sum float64
		for _, tk := range t {
			sum += math.Exp(-(tk - m) / l.Tau0)
		}
		early := l.Alpha * math.Exp(tn/l.Tau1)
		L = math.Log(sum) - m/l.Tau0 + tn/l.Tau0 + early
		for k, tk := range t {
			grad[k] = -math.Exp(-(tk-m)/l.Tau0) / sum / l.Tau0
		}
		grad[label] += 1/l.Tau0 + early/l.Tau1
	case LossMSE:
		for k, tk := range t {
			target := l.TWrong
			if k == label {
				target = l.TCorrect
			}
			if math.IsInf(tk, 1) {
				continue
			}
			d := tk - target
			L += 0.5 * d * d
			grad[k] = d
		}
	}
	for k, v := range grad {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			grad[k] = 0
		}
	}
	if math.IsInf(L, 0) || math.IsNaN(L) {
		return SilentLoss
	}
	return L
}

// Predict is the class of the first output to fire, or −1 if all are
// silent (which counts as wrong).
func Predict(t []float64) int {
	best, bt := -1, math.Inf(1)
	for k, tk := range t {
		if tk < bt {
			best, bt = k, tk
		}
	}
	return best
}

// Describe names the loss for people, with its settings, e.g.
// "Shift-invariant MSE, Δt = 0.3" (DelGrad's loss).
func (l Loss) Describe() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	switch l.Kind {
	case LossTTFS:
		return "TTFS cross-entropy, τ0 = " + f(l.Tau0) + ", α = " + f(l.Alpha) + ", τ1 = " + f(l.Tau1)
	case LossMSE:
		return "MSE to target times " + f(l.TCorrect) + " / " + f(l.TWrong)
	}
	return "Shift-invariant MSE, Δt = " + f(l.DeltaT)
}
