package sim

import (
	"math"
)

// Neuron holds the parameters shared by the neurons of a network.
type Neuron struct {
	TauSyn    float64 // τs: synaptic time constant, in model time units (1 by convention)
	TauMem    float64 // τm: membrane time constant, in model time units
	Threshold float64 // ϑ: firing threshold, in model voltage units
	Leak      float64 // E_l: leak (resting) potential, in model voltage units
	C         float64 // membrane capacitance, in model capacitance units (1 by convention)
}

// DefaultNeuron is DelGrad's simulation neuron: τs = 1, τm = 2τs, ϑ = 1.
func DefaultNeuron() Neuron {
	return Neuron{TauSyn: 1, TauMem: 2, Threshold: 1, Leak: 0, C: 1}
}

// Regime names the solver a neuron's time constants call for.
type Regime uint8

const (
	// RegimeEqual is τm = τs, solved with Lambert W.
	RegimeEqual Regime = iota
	// RegimeDouble is τm = 2τs, solved as a quadratic.
	RegimeDouble
	// RegimeGeneral is any other ratio, solved numerically.
	RegimeGeneral
)

func (r Regime) String() string {
	switch r {
	case RegimeEqual:
		return "tau_mem=tau_syn"
	case RegimeDouble:
		return "tau_mem=2tau_syn"
	default:
		return "general"
	}
}

// Regime reports which solver applies. Only exact ratios select a closed
// form: a nearly equal ratio is a different neuron and gets the numeric root.
func (n Neuron) Regime() Regime {
	switch {
	case n.TauMem == n.TauSyn:
		return RegimeEqual
	case n.TauMem == 2*n.TauSyn:
		return RegimeDouble
	default:
		return RegimeGeneral
	}
}

// Validate reports the first parameter that makes the model meaningless.
func (n Neuron) Validate() error {
	check := func(name string, v float64) error {
		if !(v > 0) || math.IsInf(v, 0) {
			return newError(ErrNeuron, "%s = %v must be positive and finite", name, v)
		}
		return nil
	}
	for _, p := range []struct {
		name string
		v    float64
	}{{"tau_syn", n.TauSyn}, {"tau_mem", n.TauMem}, {"capacitance", n.C}} {
		if err := check(p.name, p.v); err != nil {
			return err
		}
	}
	if math.IsNaN(n.Leak) || math.IsInf(n.Leak, 0) {
		return newError(ErrNeuron, "leak = %v must be finite", n.Leak)
	}
	if err := check("threshold - leak", n.Threshold-n.Leak); err != nil {
		return err
	}
	return nil
}

// Kernel returns the postsynaptic potential κ(s) of a unit weight s time
// units after its arrival, and its slope κ'(s). Both are 0 for s ≤ 0.
//
// The general form τmτs/(C(τm−τs))·(e^{−s/τm} − e^{−s/τs}) is evaluated as
// e^{−s/τs}·expm1(s·δ)/(δC) with δ = 1/τs − 1/τm, which stays accurate when
// τm is close to τs and tends to s·e^{−s/τs}/C as δ → 0.
func (n Neuron) Kernel(s float64) (k, dk float64) {
	if !(s > 0) {
		return 0, 0
	}
	if n.TauMem == 2*n.TauSyn {
		// One exponential: e^{−s/τs} = (e^{−s/τm})², κ = 2τs(e^{−s/τm} − e^{−s/τs})/C.
		em := exp(-s / n.TauMem)
		es := em * em
		return 2 * n.TauSyn * (em - es) / n.C, (2*es - em) / n.C
	}
	es := exp(-s / n.TauSyn)
	if n.TauMem == n.TauSyn {
		return s * es / n.C, es * (1 - s/n.TauSyn) / n.C
	}
	delta := 1/n.TauSyn - 1/n.TauMem
	em := es * exp(s*delta) // e^{−s/τm}
	k = es * math.Expm1(s*delta) / (delta * n.C)
	// κ' = (e^{−s/τs}/τs − e^{−s/τm}/τm)/(δC); written via κ to avoid cancellation:
	// κ' = e^{−s/τm}/C − κ/τs.
	dk = em/n.C - k/n.TauSyn
	return k, dk
}

// Kernels evaluates the kernel of one neuron model at many offsets.
type Kernels struct {
	n      Neuron
	double bool // τm = 2τs
	ts2    float64
	tm, c  divisor
}

// Kernels prepares the kernel's evaluation at many offsets (Kernels.Eval).
func (n Neuron) Kernels() Kernels {
	return Kernels{n: n, double: n.TauMem == 2*n.TauSyn, ts2: 2 * n.TauSyn, tm: newDivisor(n.TauMem), c: newDivisor(n.C)}
}

// Eval writes Kernel(s[j]) into k[j] and dk[j] for every offset s[j] (k
// and dk at least as long as s), with the same arithmetic. The backward
// pass wants the kernels of all of a neuron's causal inputs: Kernel is too
// large to inline, and one call per neuron that tests the time-constant
// ratio once, rather than a call and a test per input, is part of what
// cut the backward pass of yinyang-h30-ws by 40 % of its instructions
// (with delgrad's branch-free gathering of those inputs).
func (kz *Kernels) Eval(s, k, dk []float64) {
	k, dk = k[:len(s)], dk[:len(s)]
	if !kz.double {
		for j, v := range s {
			k[j], dk[j] = kz.n.Kernel(v)
		}
		return
	}
	// Kernel's τm = 2τs branch, dividing by τm and C as divisors do, with
	// the exponentials taken in one call (exps). Whether τm and C are
	// powers of two (a multiplication by the inverse is then the
	// division) is tested once per call, not per offset as divisor.of
	// would: Go does not move such a test out of a loop, and under
	// WebAssembly the loops without it take a training batch of
	// yinyang-h30-ws 1.2 % fewer instructions (0.9 % natively).
	ts2, tm, c := kz.ts2, kz.tm, kz.c
	if tm.pow2 {
		for j, v := range s {
			k[j] = -v * tm.inv
		}
	} else {
		for j, v := range s {
			k[j] = -v / tm.d
		}
	}
	exps(k)
	if c.pow2 {
		for j, v := range s {
			em := k[j]
			es := em * em
			k[j], dk[j] = ts2*(em-es)*c.inv, (2*es-em)*c.inv
			if !(v > 0) {
				k[j], dk[j] = 0, 0
			}
		}
		return
	}
	for j, v := range s {
		em := k[j]
		es := em * em
		k[j], dk[j] = ts2*(em-es)/c.d, (2*es-em)/c.d
		if !(v > 0) {
			k[j], dk[j] = 0, 0
		}
	}
}
