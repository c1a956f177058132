package sim

import "fmt"

// DelayKind says where a layer's transmission delays sit and so how many
// parameters they take (docs/science.md §3).
type DelayKind uint8

const (
	// DelayNone: arrivals are the presynaptic spike times.
	DelayNone DelayKind = iota
	// DelayAxonal: one delay per presynaptic unit, shared by all its targets.
	DelayAxonal
	// DelayDendritic: one delay per neuron, shared by all its inputs
	// (bias spikes included, so shifting the neuron's inputs shifts its spike).
	DelayDendritic
	// DelaySynaptic: one delay per synapse.
	DelaySynaptic
)

var delayNames = [...]string{"none", "axonal", "dendritic", "synaptic"}

func (k DelayKind) String() string {
	if int(k) < len(delayNames) {
		return delayNames[k]
	}
	return fmt.Sprintf("DelayKind(%d)", k)
}

// ParseDelayKind is the inverse of String.
func ParseDelayKind(s string) (DelayKind, error) {
	for i, n := range delayNames {
		if n == s {
			return DelayKind(i), nil
		}
	}
	return 0, newError(ErrName, "unknown delay kind %q (want none, axonal, dendritic or synaptic)", s)
}

// Count is the number of delay parameters of a layer with nPre presynaptic
// units (bias spikes excluded) and nPost neurons.
func (k DelayKind) Count(nPre, nPost int) int {
	switch k {
	case DelayAxonal:
		return nPre
	case DelayDendritic:
		return nPost
	case DelaySynaptic:
		return nPre * nPost
	}
	return 0
}

// Of returns the delay from presynaptic row i to neuron k of a layer with
// nPost neurons. Bias rows (i ≥ nPre) are only delayed dendritically.
func (k DelayKind) Of(d []float64, i, post, nPre, nPost int) float64 {
	switch k {
	case DelayAxonal:
		if i < nPre {
			return d[i]
		}
	case DelayDendritic:
		return d[post]
	case DelaySynaptic:
		if i < nPre {
			return d[i*nPost+post]
		}
	}
	return 0
}
