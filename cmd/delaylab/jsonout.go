package main

import (
	"math"
	"strconv"

	"delaylab/checkpoint/netjson"
)

// The JSON files of eval -spikes and grad are written by hand: one line per
// sample or matrix row, numbers in the shortest form that reads back
// exactly, and null for what has no value (a silent neuron's +Inf).

// appendNumber writes v, or null if v is not finite.
func appendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return netjson.AppendNumber(b, v)
}

// appendInts writes [n0, n1, ...].
func appendInts(b []byte, ns []int) []byte {
	b = append(b, '[')
	for i, n := range ns {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

// appendMatrix writes the row-major flat as rows of cols numbers, one row
// per line after indent.
func appendMatrix(b []byte, flat []float64, cols int, indent string) []byte {
	b = append(b, '[')
	for i := 0; i < len(flat); i += cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, indent...)
		b = netjson.AppendNumbers(b, flat[i:i+cols])
	}
	return append(b, ']')
}
