package delgrad

import (
	"errors"
	"fmt"
)

// Kinds of error, for errors.Is. Every error this package makes is an
// *Error whose Kind is one of them (or sim.ErrShape, for a model whose
// delay parameters do not fit its network); errors of sim pass through
// unchanged.
var (
	// ErrConfig reports a recipe setting that cannot work.
	ErrConfig = errors.New("delgrad: invalid config")
	// ErrName reports a name (loss, preset, protocol, convention) this
	// package does not know or cannot read.
	ErrName = errors.New("delgrad: unknown name")
	// ErrModel reports model parameters that do not make a network.
	ErrModel = errors.New("delgrad: invalid model")
	// ErrSamples reports training data the model cannot take.
	ErrSamples = errors.New("delgrad: unusable samples")
	// ErrState reports a saved training state that does not fit the run.
	ErrState = errors.New("delgrad: state does not fit")
)

// Error is an error of this package. Reason says what is wrong without
// the package's name, so the page and the command line show it as it is;
// Error adds the name (and "config: " for a recipe setting) for logs.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string {
	if e.Kind == ErrConfig {
		return "delgrad: config: " + e.Msg
	}
	return "delgrad: " + e.Msg
}
func (e *Error) Reason() string { return e.Msg }
func (e *Error) Unwrap() error  { return e.Kind }

func newError(kind error, format string, a ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, a...)}
}
