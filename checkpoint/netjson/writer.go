package netjson

import (
	"encoding/json"
	"math"
	"strconv"
)

// appendJSON writes nj with one line per weight or delay row, numbers in
// the shortest form that reads back exactly.
func (nj *File) appendJSON(b []byte) []byte {
	b = append(b, `{"format": `...)
	b = netAppendString(b, nj.Format)
	b = append(b, `, "version": `...)
	b = strconv.AppendInt(b, int64(nj.Version), 10)
	b = append(b, ",\n \"neuron\": {\"tau_syn\": "...)
	b = AppendNumber(b, nj.Neuron.TauSyn)
	b = append(b, `, "tau_mem": `...)
	b = AppendNumber(b, nj.Neuron.TauMem)
	b = append(b, `, "threshold": `...)
	b = AppendNumber(b, nj.Neuron.Threshold)
	b = append(b, `, "leak": `...)
	b = AppendNumber(b, nj.Neuron.Leak)
	b = append(b, "},\n \"inputs\": "...)
	b = strconv.AppendInt(b, int64(nj.Inputs), 10)
	b = append(b, `, "input_copies": `...)
	b = strconv.AppendInt(b, int64(nj.InputCopies), 10)
	b = append(b, ",\n \"coding\": {\"t_early\": "...)
	b = AppendNumber(b, nj.Coding.TEarly)
	b = append(b, `, "t_late": `...)
	b = AppendNumber(b, nj.Coding.TLate)
	b = append(b, "},\n \"layers\": ["...)
	for l, L := range nj.Layers {
		if l > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n  {\"size\": "...)
		b = strconv.AppendInt(b, int64(L.Size), 10)
		b = append(b, ",\n   \"weights\": "...)
		b = netAppendRows(b, L.Weights)
		b = append(b, ",\n   \"delay_kind\": "...)
		b = netAppendString(b, L.DelayKind)
		b = append(b, ",\n   \"delays\": "...)
		switch {
		case L.Delays.Matrix != nil:
			b = netAppendRows(b, L.Delays.Matrix)
		case L.Delays.Vector != nil:
			b = AppendNumbers(b, L.Delays.Vector)
		default:
			b = append(b, "null"...)
		}
		b = append(b, ",\n   \"bias_times\": "...)
		b = AppendNumbers(b, L.BiasTimes)
		b = append(b, '}')
	}
	return append(b, "]}\n"...)
}

func netAppendRows(b []byte, rows [][]float64) []byte {
	b = append(b, '[')
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = AppendNumbers(b, r)
	}
	return append(b, ']')
}

// AppendNumbers writes [v0, v1, ...] with AppendNumber, and null for a
// value that is not finite (a silent neuron's +Inf in the CLI's JSON;
// net.json itself holds finite numbers only).
func AppendNumbers(b []byte, vs []float64) []byte {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ", "...)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
		} else {
			b = AppendNumber(b, v)
		}
	}
	return append(b, ']')
}

// AppendNumber writes a finite v as a JSON number: the shortest
// decimal that parses back to v, in plain notation unless very large or
// small. It is the number writer of every JSON file DelayLab writes.
func AppendNumber(b []byte, v float64) []byte {
	f := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		f = 'e'
	}
	return strconv.AppendFloat(b, v, f, -1, 64)
}

func netAppendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // cannot fail for a string
	return append(b, q...)
}
