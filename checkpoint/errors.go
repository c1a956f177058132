package checkpoint

import (
	"errors"
	"fmt"
	"math"
)

// Errors that carry no data. Decode and ParseShareFragment wrap them with
// detail, so test for them with errors.Is.
var (
	// ErrEmpty reports input with no bytes at all.
	ErrEmpty = errors.New("checkpoint: empty input")
	// ErrNotCheckpoint reports input that does not start with the .dlab
	// signature.
	ErrNotCheckpoint = errors.New(`checkpoint: not a DelayLab checkpoint (no "DLAB" magic)`)
	// ErrTruncated reports input that ends before the data it announces.
	ErrTruncated = errors.New("checkpoint: truncated data")
	// ErrTooLarge reports input longer than MaxFileSize (files) or
	// MaxShareLen (share links).
	ErrTooLarge = errors.New("checkpoint: input too large")
)

// VersionError reports a format version this build cannot read: newer than
// Version, or not a version at all (0 or negative).
type VersionError struct {
	Got, Max int
}

func (e *VersionError) Error() string { return "checkpoint: " + e.Reason() }

// Reason is the message without the package's name (so for every error
// type of this package).
func (e *VersionError) Reason() string {
	if e.Got > e.Max {
		return fmt.Sprintf("file version %d is newer than this build (reads up to %d)", e.Got, e.Max)
	}
	return fmt.Sprintf("invalid file version %d (this build reads 1 to %d)", e.Got, e.Max)
}

// FormatError reports data that is well framed but wrong: a field of the
// wrong type, an unknown name where the format lists the valid ones, or a
// setting that cannot work. Path names the field, like "config.loss.kind".
type FormatError struct {
	Path string
	Msg  string
	Err  error // the error of sim, delgrad or chip behind Msg, if any
}

func (e *FormatError) Unwrap() error { return e.Err }

func (e *FormatError) Error() string { return "checkpoint: " + e.Reason() }

func (e *FormatError) Reason() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// ShapeError reports a size that does not fit the architecture: a slice
// of the wrong length (What is then "len(...)") or a layer size that
// differs between the recipe and the model.
type ShapeError struct {
	What      string // e.g. "len(model.layers[1].weights)", "config.hidden[0]"
	Got, Want int
}

func (e *ShapeError) Error() string { return "checkpoint: " + e.Reason() }

func (e *ShapeError) Reason() string {
	return fmt.Sprintf("shape mismatch: %s is %d, want %d", e.What, e.Got, e.Want)
}

// ValueError reports a number that is NaN or infinite where only finite
// numbers make sense (all parameters, settings and metrics).
type ValueError struct {
	Path  string // e.g. "model.layers[0].weights[17]"
	Value float64
}

func (e *ValueError) Error() string { return "checkpoint: " + e.Reason() }

func (e *ValueError) Reason() string {
	return fmt.Sprintf("%s is %v, want a finite number", e.Path, e.Value)
}

// LimitError reports a size beyond what this package accepts: a layer of
// more than MaxNeurons neurons, more than MaxPoints points, an array longer
// than the format allows. Got is −1 when the size is not known.
type LimitError struct {
	What     string
	Got, Max int
}

func (e *LimitError) Error() string { return "checkpoint: " + e.Reason() }

func (e *LimitError) Reason() string {
	if e.Got < 0 {
		return fmt.Sprintf("%s exceeds the limit of %d", e.What, e.Max)
	}
	return fmt.Sprintf("%s is %d, more than the limit of %d", e.What, e.Got, e.Max)
}

// checkFinite returns a *ValueError if v is NaN or infinite.
func checkFinite(path string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return &ValueError{Path: path, Value: v}
	}
	return nil
}

// checkAllFinite checks every element of vs.
func checkAllFinite(path string, vs []float64) error {
	for i, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return &ValueError{Path: fmt.Sprintf("%s[%d]", path, i), Value: v}
		}
	}
	return nil
}

// DataError is input that is damaged in a way a sentinel names: Kind is
// ErrTruncated or ErrTooLarge (errors.Is matches it), Detail says where or
// by how much, for a message to the user.
type DataError struct {
	Kind   error
	Detail string
}

func (e *DataError) Error() string  { return e.Kind.Error() + ": " + e.Detail }
func (e *DataError) Reason() string { return dataKindWords[e.Kind] + ": " + e.Detail }

// dataKindWords are the sentinels' messages without the package's name.
var dataKindWords = map[error]string{ErrTruncated: "truncated data", ErrTooLarge: "input too large"}

func (e *DataError) Unwrap() error { return e.Kind }

// dataError is a *DataError with a formatted detail.
func dataError(kind error, format string, a ...any) error {
	return &DataError{Kind: kind, Detail: fmt.Sprintf(format, a...)}
}

// Reasoned is an error that can say what is wrong without its package's
// name: every error type of sim, delgrad, chip, dataset and this package,
// and the context wrappers of run.
type Reasoned interface {
	error
	Reason() string
}

// Reason is err's message for a person: the Reason of the outermost
// Reasoned error in err's chain, or err's own text when there is none.
// Wrap errors of these packages only in Reasoned wrappers, so that the
// context is not lost here.
func Reason(err error) string {
	var r Reasoned
	if errors.As(err, &r) {
		return r.Reason()
	}
	return err.Error()
}
