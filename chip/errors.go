package chip

import (
	"errors"
	"fmt"

	"delaylab/sim"
)

// ErrDelayKind is matched (errors.Is) by a DelayKindError.
var ErrDelayKind = errors.New("chip: delay kind not available")

// DelayKindError reports a layer asking for delays the chip does not have:
// only axonal delays exist, as delay elements (§9).
type DelayKindError struct {
	Layer  int // index of the layer in sim.Network.Layers
	Layers int // number of layers of the network
	Kind   sim.DelayKind
}

func (e *DelayKindError) Error() string {
	return fmt.Sprintf("chip: %s asks for %s delays, but the chip only has axonal delays (delay elements)",
		LayerName(e.Layer, e.Layers), e.Kind)
}

// Is makes errors.Is(err, ErrDelayKind) true.
func (e *DelayKindError) Is(target error) bool { return target == ErrDelayKind }

// LayerName names layer l of a network of n layers by the connection it
// holds, e.g. "layer 1 (hidden layer 1 → output layer)".
func LayerName(l, n int) string {
	from, to := "inputs", "output layer"
	if l > 0 {
		from = fmt.Sprintf("hidden layer %d", l)
	}
	if l < n-1 {
		to = fmt.Sprintf("hidden layer %d", l+1)
	}
	return fmt.Sprintf("layer %d (%s → %s)", l, from, to)
}

// ErrCapacity reports a network that does not fit on the chip.
var ErrCapacity = errors.New("chip: network does not fit")
