package sim

import (
	"errors"
	"fmt"
)

// Kinds of error, for errors.Is. Every error this package returns is an
// *Error whose Kind is one of them.
var (
	// ErrShape reports a network whose slices do not fit its sizes.
	ErrShape = errors.New("sim: network shape mismatch")
	// ErrNeuron reports neuron parameters that make the model meaningless.
	ErrNeuron = errors.New("sim: invalid neuron")
	// ErrValue reports a parameter that is NaN, infinite or out of range.
	ErrValue = errors.New("sim: invalid value")
	// ErrName reports a name (of a delay kind) this package does not know.
	ErrName = errors.New("sim: unknown name")
)

// Error is an error of this package. Reason says what is wrong without
// the package's name, so a page or a command line can show it to a
// person as it is; Error adds the name for logs.
type Error struct {
	Kind error // one of the Err… values above
	Msg  string
}

func (e *Error) Error() string  { return "sim: " + e.Msg }
func (e *Error) Reason() string { return e.Msg }
func (e *Error) Unwrap() error  { return e.Kind }

// newError builds an *Error of kind; a shape or neuron error starts with
// the kind's own words ("network shape mismatch: …").
func newError(kind error, format string, a ...any) error {
	msg := fmt.Sprintf(format, a...)
	switch kind {
	case ErrShape:
		msg = "network shape mismatch: " + msg
	case ErrNeuron:
		msg = "invalid neuron: " + msg
	}
	return &Error{Kind: kind, Msg: msg}
}

// ShapeError is the *Error of kind ErrShape, for packages above (delgrad)
// that check a network's shape against more than sim knows.
func ShapeError(format string, a ...any) error { return newError(ErrShape, format, a...) }
