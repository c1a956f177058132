package chip

import (
	"sync"
	"sync/atomic"

	"delaylab/sim"
)

// Substrate runs a network on one chip Instance. It satisfies delgrad's
// Substrate interface: Prepare maps the (full-precision, shadow) network
// onto the chip — quantised weights, gains, delay elements, mismatched
// neurons — without touching it; Forward runs one sample and leaves only
// recorded spike times in the workspace. After Prepare, Forward, Run and
// the accessors are safe for concurrent use; Prepare is not safe to call
// concurrently with them.
type Substrate struct {
	inst *Instance
	cfg  Config

	prepared bool
	net      sim.Network     // the realised network; Delays are the elements' nominal delays
	kinds    []sim.DelayKind // the delay kinds the network asked for
	neurons  [][]sim.Neuron  // fixed-pattern neuron parameters per layer
	nominal  bool            // every neuron is the network's nominal neuron
	first    []int           // first circuit of each layer
	elem     [][]int32       // delay element of each presynaptic row per layer, −1: none
	nNeurons int
	nElem    int // element slots
	circ     []Circuit
	offsets  []float64

	// feature is the input feature each input row carries (nil: tiled
	// copies, row r carries feature r mod features); see SetInputFeatures.
	feature []int

	pool sync.Pool // *scratch

	patterns, spikes, traceBytes atomic.Int64
}

// Substrate returns a fresh substrate on this chip; call Prepare before
// running anything.
func (in *Instance) Substrate() *Substrate {
	return &Substrate{inst: in, cfg: in.cfg}
}

// NewSubstrate draws the chip from seed and returns a substrate on it.
func NewSubstrate(cfg Config, seed uint64) (*Substrate, error) {
	in, err := NewInstance(cfg, seed)
	if err != nil {
		return nil, err
	}
	return in.Substrate(), nil
}

// Instance returns the chip the substrate runs on.
func (s *Substrate) Instance() *Instance { return s.inst }

// Prepare maps n onto the chip. It copies what it needs: n is never
// modified, and the trainer's full-precision weights stay its shadow
// weights; calling Prepare after every optimiser step re-quantises them.
// On error the previously prepared network stays in place.
func (s *Substrate) Prepare(n *sim.Network) error {
	if err := n.Validate(); err != nil {
		return err
	}
	c := &s.cfg
	L := len(n.Layers)
	for l, layer := range n.Layers {
		if layer.Delay != sim.DelayNone && layer.Delay != sim.DelayAxonal {
			return &DelayKindError{Layer: l, Layers: L, Kind: layer.Delay}
		}
	}
	if n.Inputs%c.InputCopies != 0 {
		return newError(ErrCapacity, "the network has %d input rows, not a multiple of InputCopies = %d", n.Inputs, c.InputCopies)
	}
	// Element slots: one per presynaptic row of every axonal layer, so
	// that an element's index (and fixed pattern) does not depend on
	// whether the input copies share theirs; shared copies use the slot of
	// their first copy.
	share := s.sharedInputElements(n)
	neurons, elems, slots := 0, 0, 0
	for l, layer := range n.Layers {
		neurons += layer.Size
		if layer.Delay == sim.DelayAxonal {
			slots += n.PreSize(l)
			if l == 0 && share {
				elems += n.Inputs / c.InputCopies
			} else {
				elems += n.PreSize(l)
			}
		}
	}
	if need := neurons + 2*elems; c.Circuits > 0 && need > c.Circuits {
		return newError(ErrCapacity, "%d neurons and %d delay elements (2 circuits each) need %d neuron circuits, the chip has %d",
			neurons, elems, need, c.Circuits)
	}

	if len(s.circ) != neurons {
		s.circ = s.inst.Circuits(s.circ, neurons)
	}
	if len(s.offsets) != slots {
		s.offsets = s.inst.ElementOffsets(s.offsets, slots)
	}
	s.nNeurons, s.nElem = neurons, slots
	s.net.Neuron, s.net.Inputs = n.Neuron, n.Inputs
	s.net.Layers = grow(s.net.Layers, L)
	s.kinds = grow(s.kinds, L)
	s.neurons = grow(s.neurons, L)
	s.first = grow(s.first, L)
	s.elem = grow(s.elem, L)
	circuit, elem := 0, 0
	s.nominal = true
	for l := range n.Layers {
		src, dst := &n.Layers[l], &s.net.Layers[l]
		nPre := n.PreSize(l)
		s.kinds[l] = src.Delay
		s.first[l] = circuit
		dst.Size = src.Size
		dst.Delay = sim.DelayAxonal // none = axonal with zero delay, which carries spike jitter
		dst.BiasTimes = append(dst.BiasTimes[:0], src.BiasTimes...)
		dst.Weights = grow(dst.Weights, len(src.Weights))
		for i, w := range src.Weights {
			q := c.Quantise(w)
			p := &s.circ[circuit+i%src.Size]
			if q > 0 {
				q *= p.GainExc
			} else if q < 0 {
				q *= p.GainInh
			}
			dst.Weights[i] = q
		}
		dst.Delays = grow(dst.Delays, nPre)
		s.elem[l] = grow(s.elem[l], nPre)
		if src.Delay == sim.DelayAxonal {
			feats := nPre
			if l == 0 && share {
				feats = nPre / c.InputCopies
			}
			for i := range nPre {
				e := elem + i%feats
				if l == 0 && share {
					e = elem + s.featureOf(i, feats)
				}
				s.elem[l][i] = int32(e)
				dst.Delays[i] = c.ElementDelay(src.Delays[i], s.offsets[e])
			}
			elem += nPre
		} else {
			clear(dst.Delays)
			for i := range s.elem[l] {
				s.elem[l][i] = -1
			}
		}
		s.neurons[l] = grow(s.neurons[l], src.Size)
		for k := range src.Size {
			p := &s.circ[circuit+k]
			nu := n.Neuron
			nu.TauMem *= p.TauMem
			nu.TauSyn *= p.TauSyn
			nu.Threshold += p.ThresholdOffset
			s.neurons[l][k] = nu
			s.nominal = s.nominal && nu == n.Neuron
		}
		circuit += src.Size
	}
	s.prepared = true
	return nil
}

// sharedInputElements reports whether the copies of each input feature ask
// for the same axonal delay, so that one delay element can serve them all
// (delgrad's TieInputDelays; one axonal delay per input feature in
// chip-yinyang-wa, docs/science.md §6).
func (s *Substrate) sharedInputElements(n *sim.Network) bool {
	copies := s.cfg.InputCopies
	if copies == 1 || n.Layers[0].Delay != sim.DelayAxonal {
		return false
	}
	d := n.Layers[0].Delays
	f := n.Inputs / copies
	first := make([]int, f) // first row of each feature, +1
	for r := range n.Inputs {
		k := s.featureOf(r, f)
		if first[k] == 0 {
			first[k] = r + 1
		} else if d[r] != d[first[k]-1] {
			return false
		}
	}
	return true
}

// featureOf is the input feature of row r among f features.
func (s *Substrate) featureOf(r, f int) int {
	if r < len(s.feature) {
		return s.feature[r]
	}
	return r % f
}

// SetInputFeatures tells the chip which input feature each input row
// carries (feature[r] for row r, each in [0, rows/InputCopies)), for layouts
// other than tiled copies (delgrad's InterleavedCopies): copies of one
// feature can share a delay element, rows of different features cannot.
// Call it before Prepare; nil restores the tiled layout.
func (s *Substrate) SetInputFeatures(feature []int) {
	s.feature = append(s.feature[:0:0], feature...)
}

// Network returns a copy of the network as the chip realises it: quantised
// weights times each neuron's gain, and for axonal layers the delays the
// elements produce (grid, range and offset error; no trial jitter). The
// delay kinds are those asked for. Nil before Prepare.
func (s *Substrate) Network() *sim.Network {
	if !s.prepared {
		return nil
	}
	c := s.net.Clone()
	for l := range c.Layers {
		c.Layers[l].Delay = s.kinds[l]
		if s.kinds[l] == sim.DelayNone {
			c.Layers[l].Delays = nil
		}
	}
	return c
}

// Neurons returns a copy of the per-neuron parameters the chip runs with
// (nominal neuron with this chip's fixed pattern, before per-batch noise),
// indexed [layer][neuron]. Nil before Prepare.
func (s *Substrate) Neurons() [][]sim.Neuron {
	if !s.prepared {
		return nil
	}
	out := make([][]sim.Neuron, len(s.neurons))
	for l := range out {
		out[l] = append([]sim.Neuron(nil), s.neurons[l]...)
	}
	return out
}

// IO returns the observations of every forward pass so far.
func (s *Substrate) IO() IOStats {
	sp := s.spikes.Load()
	return IOStats{Patterns: s.patterns.Load(), Spikes: sp, SpikeBytes: sp * EventBytes, TraceBytes: s.traceBytes.Load()}
}
