//go:build !wasm

package sim

import (
	"bytes"
	"unsafe"
)

// sameBits compares a and b as bytes (see samebits.go).
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 {
		return true
	}
	ab := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(a))), len(a)*8)
	bb := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), len(b)*8)
	return bytes.Equal(ab, bb)
}
