package app

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"delaylab/delgrad"
	"delaylab/sim"
)

// The gradient check: the exact gradient (delgrad's backward pass) of the
// mean loss over a batch, compared with central finite differences for a
// few parameters drawn at random. It runs on the ideal simulator with the
// model's nominal parameters, whatever the substrate: it checks the
// mathematics, not the chip.

// GradCheckH is the finite-difference step.
const GradCheckH = 1e-6

// GradCheckBatch is the number of training samples in the checked loss.
const GradCheckBatch = 16

// gradFloor is the smallest gradient magnitude checked: below it, rounding
// in the finite difference (about ε·L/h ≈ 1e-10) would dominate the
// relative error.
const gradFloor = 1e-4

// GradRow is one checked parameter.
type GradRow struct {
	Param  string // e.g. "weight in 2 → h 17", "delay h 4 → out 1"
	Delay  bool   // a delay (else a weight)
	Exact  float64
	FD     float64 // (L(p+h) − L(p−h)) / 2h
	RelErr float64 // |Exact − FD| / max(|Exact|, |FD|)
}

// GradReport is the result of a gradient check.
type GradReport struct {
	Rows      []GradRow
	Batch     int
	H         float64
	Loss      float64 // the mean loss over the batch
	MaxRelErr float64
	// Skipped counts parameters drawn but not checked: their gradient was
	// below the floor, or a step of h changed which inputs cause a spike
	// (a kink, where the loss is not differentiable).
	Skipped int
}

// GradCheck checks n parameters (weights and, if the model has them,
// delays), drawn with seed. The model is not changed.
func (s *Session) GradCheck(n int, seed uint64) (GradReport, error) {
	m := s.tr.Model()
	net := m.Net.Clone()
	loss := s.tr.Config().Loss
	rng := rand.New(rand.NewPCG(seed, 0x67726164)) // "grad"
	train := s.data.Train
	batch := make([]delgrad.Sample, min(GradCheckBatch, len(train)))
	for i, j := range rng.Perm(len(train))[:len(batch)] {
		batch[i] = train[j]
	}
	inputs := make([][]float64, len(batch))
	for i, smp := range batch {
		inputs[i] = m.InputTimes(nil, smp.Features)
	}
	ws := sim.NewWorkspace(net)
	dOut := make([]float64, net.Outputs())
	// eval returns the mean loss and the causal-set sizes of every neuron.
	eval := func(sig []int32) (float64, []int32) {
		sig = sig[:0]
		L := 0.0
		for i, in := range inputs {
			ws.Forward(net, in)
			L += loss.Eval(ws.Output(), batch[i].Label, dOut)
			for _, c := range ws.Causal {
				sig = append(sig, c...)
			}
		}
		return L / float64(len(inputs)), sig
	}

	// The exact gradient.
	g := delgrad.NewGrads(net)
	bp := delgrad.NewBackprop(net)
	for i, in := range inputs {
		ws.Forward(net, in)
		loss.Eval(ws.Output(), batch[i].Label, dOut)
		bp.Backward(net, ws, dOut, g, 0)
	}
	g.Scale(1 / float64(len(inputs)))
	L0, sig0 := eval(nil)

	type cand struct {
		delay bool
		l, i  int
	}
	var weights, delays []cand
	for l := range net.Layers {
		for i := range net.Layers[l].Weights {
			weights = append(weights, cand{false, l, i})
		}
		for i := range net.Layers[l].Delays {
			delays = append(delays, cand{true, l, i})
		}
	}
	rng.Shuffle(len(weights), func(i, j int) { weights[i], weights[j] = weights[j], weights[i] })
	rng.Shuffle(len(delays), func(i, j int) { delays[i], delays[j] = delays[j], delays[i] })
	wantDelays := 0
	if len(delays) > 0 {
		wantDelays = n / 3
	}
	rep := GradReport{Batch: len(inputs), H: GradCheckH, Loss: L0}
	var sig []int32
	check := func(c cand) bool {
		L := &net.Layers[c.l]
		p, exact := &L.Weights[c.i], g.W[c.l][c.i]
		if c.delay {
			p, exact = &L.Delays[c.i], g.D[c.l][c.i]
		}
		if math.Abs(exact) < gradFloor {
			rep.Skipped++
			return false
		}
		old := *p
		*p = old + GradCheckH
		up, sg := eval(sig)
		same := slices.Equal(sg, sig0)
		*p = old - GradCheckH
		down, sg := eval(sg)
		same = same && slices.Equal(sg, sig0)
		sig = sg
		*p = old
		if !same {
			rep.Skipped++
			return false
		}
		fd := (up - down) / (2 * GradCheckH)
		rel := math.Abs(exact-fd) / math.Max(math.Abs(exact), math.Abs(fd))
		rep.Rows = append(rep.Rows, GradRow{Param: paramName(m.Net, c.delay, c.l, c.i), Delay: c.delay, Exact: exact, FD: fd, RelErr: rel})
		rep.MaxRelErr = math.Max(rep.MaxRelErr, rel)
		return true
	}
	take := func(cs []cand, want int) {
		got := 0
		for _, c := range cs {
			if got == want {
				return
			}
			if check(c) {
				got++
			}
		}
	}
	take(delays, wantDelays)
	take(weights, n-len(rep.Rows))
	if len(rep.Rows) == 0 {
		return rep, errors.New("gradient check: every parameter drawn has a vanishing gradient on this batch; train a little and try again")
	}
	return rep, nil
}

// paramName names weight or delay i of layer l for the table.
func paramName(n *sim.Network, delay bool, l, i int) string {
	L := &n.Layers[l]
	nPre := n.PreSize(l)
	layers := len(n.Layers)
	unit := func(col, k int) string {
		switch {
		case col == 0:
			return fmt.Sprintf("in %d", k)
		case col == layers:
			return fmt.Sprintf("out %d", k)
		case layers > 2:
			return fmt.Sprintf("h%d %d", col, k)
		}
		return fmt.Sprintf("h %d", k)
	}
	pre := func(row int) string {
		if row >= nPre {
			return fmt.Sprintf("bias %d", row-nPre)
		}
		return unit(l, row)
	}
	if !delay {
		return fmt.Sprintf("weight %s → %s", pre(i/L.Size), unit(l+1, i%L.Size))
	}
	switch L.Delay {
	case sim.DelayAxonal:
		return fmt.Sprintf("delay %s → (all)", pre(i))
	case sim.DelayDendritic:
		return fmt.Sprintf("delay (all) → %s", unit(l+1, i))
	}
	return fmt.Sprintf("delay %s → %s", pre(i/L.Size), unit(l+1, i%L.Size))
}
