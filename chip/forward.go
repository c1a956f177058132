package chip

import (
	"math"

	"delaylab/sim"
)

// scratch is one goroutine's per-sample state.
type scratch struct {
	net     sim.Network
	neurons [][]sim.Neuron
	jitter  []float64 // spike jitter per circuit
	djit    []float64 // delay jitter per element
	drop    []bool    // dropped spikes per element
	st      stream
}

func (s *Substrate) scratch() *scratch {
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	L := len(s.net.Layers)
	sc.net.Neuron, sc.net.Inputs = s.net.Neuron, s.net.Inputs
	sc.net.Layers = grow(sc.net.Layers, L)
	sc.neurons = grow(sc.neurons, L)
	for l := range L {
		src, dst := &s.net.Layers[l], &sc.net.Layers[l]
		dst.Size, dst.Weights, dst.Delay, dst.BiasTimes = src.Size, src.Weights, src.Delay, src.BiasTimes
		dst.Delays = grow(dst.Delays, len(src.Delays))
		sc.neurons[l] = append(sc.neurons[l][:0], s.neurons[l]...)
	}
	sc.jitter = grow(sc.jitter, s.nNeurons)
	sc.djit = grow(sc.djit, s.nElem)
	sc.drop = grow(sc.drop, s.nElem)
	return sc
}

// Forward runs one sample (input row times, τ) on the chip and leaves in
// ws what the chip measures: ws.Times holds the input times and the
// recorded spike times of every neuron layer (+Inf: no spike in the
// window); ws.Slopes and ws.Causal are zero, since no membrane is read.
// The noise of the trial is a function of the chip seed and trial only.
// It panics if the substrate was never prepared.
func (s *Substrate) Forward(inputs []float64, ws *sim.Workspace, trial sim.Trial) {
	if !s.prepared {
		panic("chip: Forward before Prepare")
	}
	sc := s.scratch()
	defer s.pool.Put(sc)
	c := &s.cfg
	seed := s.inst.seed
	eval := uint64(0)
	if trial.Eval {
		eval = 1
	}

	// Per-batch threshold noise, then keep ϑ above the leak.
	if c.ThresholdTrialStd > 0 {
		sc.st.start(seed, tagThresholdTrial, trial.Batch, eval)
		for l := range sc.neurons {
			for k := range sc.neurons[l] {
				sc.neurons[l][k].Threshold += c.ThresholdTrialStd * sc.st.norm()
			}
		}
	}
	floor := 0.01 * (s.net.Neuron.Threshold - s.net.Neuron.Leak)
	for l := range sc.neurons {
		for k := range sc.neurons[l] {
			nu := &sc.neurons[l][k]
			nu.Threshold = math.Max(nu.Threshold, nu.Leak+floor)
		}
	}

	// Per-sample spike jitter and delay element noise.
	fill(sc.jitter, &sc.st, c.SpikeJitter, seed, tagSpikeJitter, trial.Batch, trial.Sample, eval)
	fill(sc.djit, &sc.st, c.DelayJitter, seed, tagDelayJitter, trial.Batch, trial.Sample, eval)
	clear(sc.drop)
	if c.DelayDrop > 0 {
		sc.st.start(seed, tagDelayDrop, trial.Batch, trial.Sample, eval)
		for e := range sc.drop {
			sc.drop[e] = sc.st.uniform() < c.DelayDrop
		}
	}

	// A spike's jitter moves it for every target: add it to the arrival
	// (the axonal delay) of the layer above and to the recorded time.
	for l := range sc.net.Layers {
		d := sc.net.Layers[l].Delays
		for i, base := range s.net.Layers[l].Delays {
			if e := s.elem[l][i]; e >= 0 {
				if sc.drop[e] {
					d[i] = math.Inf(1)
					continue
				}
				base += sc.djit[e]
			}
			if l > 0 {
				base += sc.jitter[s.first[l-1]+i]
			}
			d[i] = base
		}
	}

	if s.nominal && c.ThresholdTrialStd == 0 {
		// The simulator's shared-factor path for identical neurons.
		ws.Forward(&sc.net, inputs)
	} else {
		ws.ForwardNeurons(&sc.net, inputs, sc.neurons)
	}

	grid := c.TimestampGrid / c.TauMicros
	spikes := 0
	for l := range sc.net.Layers {
		times := ws.Times[l+1]
		for k, T := range times {
			if T < math.Inf(1) {
				T += sc.jitter[s.first[l]+k]
				switch {
				case T > c.Window:
					T = math.Inf(1)
				case grid > 0:
					T = math.RoundToEven(T/grid) * grid
				}
			}
			if T < math.Inf(1) {
				spikes++
			}
			times[k] = T
		}
		clear(ws.Slopes[l])
		clear(ws.Causal[l])
	}
	io := c.patternIO(spikes, s.nNeurons)
	s.patterns.Add(1)
	s.spikes.Add(io.Spikes)
	s.traceBytes.Add(io.TraceBytes)
}

// fill sets dst to std·N(0, 1) draws of the stream keyed by keys, or to 0.
func fill(dst []float64, st *stream, std float64, seed uint64, keys ...uint64) {
	if std == 0 {
		clear(dst)
		return
	}
	st.start(seed, keys...)
	for i := range dst {
		dst[i] = std * st.norm()
	}
}

// Run runs a batch of samples (input row times, τ) on the chip, sample j as
// trial.Sample+j of trial.Batch, and returns the recorded spike times
// [sample][layer][neuron] of every neuron layer, with the observations
// they took.
func (s *Substrate) Run(inputs [][]float64, trial sim.Trial) ([][][]float64, IOStats) {
	if !s.prepared {
		panic("chip: Run before Prepare")
	}
	ws := sim.NewWorkspace(&s.net)
	out := make([][][]float64, len(inputs))
	var io IOStats
	for j, in := range inputs {
		t := trial
		t.Sample += uint64(j)
		s.Forward(in, ws, t)
		out[j] = make([][]float64, len(s.net.Layers))
		spikes := 0
		for l := range out[j] {
			out[j][l] = append([]float64(nil), ws.Times[l+1]...)
			for _, T := range out[j][l] {
				if T < math.Inf(1) {
					spikes++
				}
			}
		}
		io = io.Add(s.cfg.patternIO(spikes, s.nNeurons))
	}
	return out, io
}
