package dataset

import (
	"errors"
	"fmt"
)

// ErrSpec is the kind (errors.Is) of every *Error: a data set name, size,
// noise or point list this package cannot make data from. Malformed CSV
// input is a *CSVError instead.
var ErrSpec = errors.New("dataset: invalid data set")

// Error is an error of this package. Reason says what is wrong without
// the package's name, for the page and the command line; Error adds the
// name for logs.
type Error struct{ Msg string }

func (e *Error) Error() string  { return "dataset: " + e.Msg }
func (e *Error) Reason() string { return e.Msg }
func (e *Error) Unwrap() error  { return ErrSpec }

func newError(format string, a ...any) error { return &Error{Msg: fmt.Sprintf(format, a...)} }
