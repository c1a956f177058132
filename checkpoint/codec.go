package checkpoint

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tinylib/msgp/msgp"
)

// Encode validates f and writes it to w in the current format version.
func Encode(w io.Writer, f *File) error {
	b, err := Marshal(f)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal validates f and returns its encoding in the current format
// version. It refuses a File that Unmarshal would reject.
func Marshal(f *File) ([]byte, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(signature)+1+f.Msgsize())
	b = append(b, signature...)
	b = msgp.AppendInt(b, Version)
	return f.MarshalMsg(b)
}

// Decode reads a whole checkpoint from r (at most MaxFileSize bytes) and
// returns it decoded and validated; see Unmarshal for the errors.
func Decode(r io.Reader) (*File, error) { return decode(r, MaxFileSize) }

// decode reads at most limit bytes.
func decode(r io.Reader, limit int64) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("checkpoint: read: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, dataError(ErrTooLarge, "more than %d bytes", limit)
	}
	return Unmarshal(b)
}

// Unmarshal decodes and validates a checkpoint. It does not keep b. The
// errors say what is wrong: ErrEmpty, ErrNotCheckpoint, ErrTruncated,
// ErrTooLarge (wrapped; test with errors.Is), *VersionError, *FormatError,
// *LimitError, *ShapeError or *ValueError.
func Unmarshal(b []byte) (*File, error) {
	if len(b) == 0 {
		return nil, ErrEmpty
	}
	if len(b) > MaxFileSize {
		return nil, dataError(ErrTooLarge, "more than %d bytes", MaxFileSize)
	}
	n := min(len(b), len(signature))
	if !bytes.Equal(b[:n], signature[:n]) {
		return nil, ErrNotCheckpoint
	}
	if len(b) < len(signature) {
		return nil, dataError(ErrTruncated, "%d bytes, not even a header", len(b))
	}
	v, body, err := msgp.ReadInt64Bytes(b[len(signature):])
	if err != nil {
		return nil, framingError(err, "version")
	}
	if v < 1 || v > Version {
		return nil, &VersionError{Got: int(max(min(v, 1<<30), -1<<30)), Max: Version}
	}
	rest, err := scan(body)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		return nil, &FormatError{Msg: fmt.Sprintf("%d bytes of trailing data after the checkpoint", len(rest))}
	}
	f := new(File)
	if _, err := f.UnmarshalMsg(body); err != nil {
		return nil, framingError(err, "")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

// scan walks the MessagePack value at the start of b without decoding it
// and returns what follows. The generated decoder allocates what headers
// announce, so scan first makes sure that this stays a small multiple of
// the input: every array and map announces no more elements than there
// are bytes left (each takes at least one), an estimate of the decoded
// size (containerCost per array or map, scalarCost plus its encoded size
// per scalar) stays below costFactor times the input plus costSlack, and
// nesting is at most maxDepth deep.
func scan(b []byte) ([]byte, error) {
	budget := costFactor*uint64(len(b)) + costSlack
	var cost uint64
	var buf [maxDepth + 1]uint64
	pending := append(buf[:0], 1) // values still to read, per open level
	for len(pending) > 0 {
		top := &pending[len(pending)-1]
		if *top == 0 {
			pending = pending[:len(pending)-1]
			continue
		}
		*top--
		if len(b) == 0 {
			return b, dataError(ErrTruncated, "the data ends inside the body")
		}
		var n uint64
		switch msgp.NextType(b) {
		case msgp.ArrayType:
			sz, o, err := msgp.ReadArrayHeaderBytes(b)
			if err != nil {
				return b, framingError(err, "")
			}
			b, n = o, uint64(sz)
		case msgp.MapType:
			sz, o, err := msgp.ReadMapHeaderBytes(b)
			if err != nil {
				return b, framingError(err, "")
			}
			b, n = o, 2*uint64(sz)
		default:
			o, err := msgp.Skip(b)
			if err != nil {
				return b, framingError(err, "")
			}
			cost += scalarCost + uint64(len(b)-len(o))
			b = o
			continue
		}
		if n > uint64(len(b)) {
			return b, dataError(ErrTruncated, "an array or map announces %d elements but only %d bytes follow", n, len(b))
		}
		if cost += containerCost; cost > budget {
			return b, &LimitError{What: "decoded size for this input size", Got: -1, Max: int(budget)}
		}
		if n > 0 {
			if len(pending) > maxDepth {
				return b, &LimitError{What: "nesting of arrays and maps", Got: -1, Max: maxDepth}
			}
			pending = append(pending, n)
		}
	}
	if cost > budget {
		return b, &LimitError{What: "decoded size for this input size", Got: -1, Max: int(budget)}
	}
	return b, nil
}

// The decoded-size estimate of scan. containerCost is at least the size of
// any struct or slice header the decoder allocates per element of an
// array (Layer, 96 bytes, is the largest); scalarCost covers a string
// header. Real files stay far below costFactor: their largest ratio, for
// small integers in train.perm, is about 17.
const (
	containerCost = 96
	scalarCost    = 16
	costFactor    = 32
	costSlack     = 1 << 20
)

// framingError turns a msgp error into one of this package's.
func framingError(err error, path string) error {
	switch {
	case errors.Is(err, msgp.ErrShortBytes):
		return dataError(ErrTruncated, "the data ends inside the body")
	case errors.Is(err, msgp.ErrLimitExceeded):
		return &LimitError{What: "an array", Got: -1, Max: maxArray}
	}
	msg := strings.TrimPrefix(err.Error(), "msgp: ")
	return &FormatError{Path: path, Msg: "malformed: " + msg}
}
