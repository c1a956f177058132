package run

import "delaylab/checkpoint"

// ContextError says where an error of a package below happened ("data
// set", "chip", "recipe NAME"). It keeps the error for errors.Is and As,
// and its Reason puts the context before the inner error's Reason, so a
// person reads "data set: csv line 3: …" without any package's name.
type ContextError struct {
	Context string
	Err     error
}

func (e *ContextError) Error() string  { return e.Context + ": " + e.Err.Error() }
func (e *ContextError) Reason() string { return e.Context + ": " + checkpoint.Reason(e.Err) }
func (e *ContextError) Unwrap() error  { return e.Err }
