package checkpoint

import (
	"encoding/binary"
	"fmt"
	"math"

	"delaylab/delgrad"
)

// The reader of share-link payloads (share.go, sharerecord.go).

// shareReader reads a payload; the first error sticks and later reads
// return zeros.
type shareReader struct {
	b   []byte
	err error
}

func (r *shareReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *shareReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.fail(dataError(ErrTruncated, "the share link's payload ends early"))
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *shareReader) u8() byte {
	if p := r.take(1); p != nil {
		return p[0]
	}
	return 0
}

func (r *shareReader) f64() float64 {
	if p := r.take(8); p != nil {
		return math.Float64frombits(binary.LittleEndian.Uint64(p))
	}
	return 0
}

func (r *shareReader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if !r.varint(n) {
		return 0
	}
	return v
}

// varint moves past a varint of n bytes as binary.Uvarint and Varint
// report it, or fails for a payload that ends in it or one that overflows.
func (r *shareReader) varint(n int) bool {
	switch {
	case n == 0:
		r.fail(dataError(ErrTruncated, "the share link's payload ends early"))
		return false
	case n < 0:
		r.fail(&FormatError{Msg: "share link: integer overflows 64 bits"})
		return false
	}
	r.b = r.b[n:]
	return true
}

// count reads a uvarint that must not exceed limit.
func (r *shareReader) count(what string, limit int) int {
	v := r.u64()
	if v > uint64(limit) {
		r.fail(&LimitError{What: what, Got: int(min(v, math.MaxInt32)), Max: limit})
		return 0
	}
	return int(v)
}

func (r *shareReader) str(what string) string {
	n := r.count("length of "+what, maxShareText)
	return string(r.take(n))
}

// f32s reads n float32 values, after checking that they are there.
func (r *shareReader) f32s(n int) []float64 {
	if r.err != nil || n == 0 {
		return nil
	}
	if n > len(r.b)/4 {
		r.fail(dataError(ErrTruncated, "the share link's payload ends early"))
		return nil
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(r.b[4*i:])))
	}
	r.b = r.b[4*n:]
	return out
}

func (r *shareReader) delay() DelayParam {
	mode := r.u8()
	d := DelayParam{Mode: delgrad.DelayMode(mode).String(), Shift: r.f64(), Scale: r.f64()}
	if mode > byte(delgrad.DelayClip) {
		d.Mode = fmt.Sprintf("mode %d", mode)
	}
	return d
}

func (r *shareReader) i64() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if !r.varint(n) {
		return 0
	}
	return v
}
