package chip

import (
	"errors"
	"fmt"

	"delaylab/sim"
)

// Kinds of error, for errors.Is. Every error this package makes is an
// *Error or a *DelayKindError.
var (
	// ErrConfig reports an unusable configuration (a knob, an effect).
	ErrConfig = errors.New("chip: invalid config")
	// ErrCapacity reports a network that does not fit on the chip.
	ErrCapacity = errors.New("chip: network does not fit")
	// ErrDelayKind is matched by a DelayKindError.
	ErrDelayKind = errors.New("chip: delay kind not available")
)

// Error is an error of this package. Reason says what is wrong without
// the package's name, so the page and the command line show it as it is;
// Error adds the name for logs. A configuration or capacity error starts
// with its kind's words ("invalid config: …").
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string  { return "chip: " + e.Msg }
func (e *Error) Reason() string { return e.Msg }
func (e *Error) Unwrap() error  { return e.Kind }

func newError(kind error, format string, a ...any) error {
	msg := fmt.Sprintf(format, a...)
	switch kind {
	case ErrConfig:
		msg = "invalid config: " + msg
	case ErrCapacity:
		msg = "network does not fit: " + msg
	}
	return &Error{Kind: kind, Msg: msg}
}

// DelayKindError reports a layer asking for delays the chip does not have:
// only axonal delays exist, as delay elements (§9).
type DelayKindError struct {
	Layer  int // index of the layer in sim.Network.Layers
	Layers int // number of layers of the network
	Kind   sim.DelayKind
}

func (e *DelayKindError) Error() string { return "chip: " + e.Reason() }

// Reason is the message without the package's name.
func (e *DelayKindError) Reason() string {
	return fmt.Sprintf("%s asks for %s delays, but the chip only has axonal delays (delay elements)",
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
