package netjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"delaylab/dataset"
)

// parseNet reads the JSON text of a net.json into a File, checking types
// (with the JSON path of the first wrong one) but not sizes and shapes.
// Missing optional fields get their defaults: input_copies 1, the default
// coding, leak 0, no bias spikes, and null delays.
func parseNet(r io.Reader) (*File, error) {
	in := &netCountingReader{r: io.LimitReader(r, MaxBytes+1)}
	p := &netParser{dec: json.NewDecoder(in), in: in}
	p.dec.UseNumber()
	def := dataset.DefaultCoding()
	nj := &File{InputCopies: 1, Coding: Coding{TEarly: def.TEarly, TLate: def.TLate}}
	tok, err := p.next()
	if err != nil {
		return nil, err
	}
	err = p.object(tok, []netField{
		{"format", true, func(t json.Token) error {
			s, err := p.str(t)
			if err == nil && s != Format {
				err = p.fail("want %q, got %q", Format, netClip(s))
			}
			nj.Format = s
			return err
		}},
		{"version", true, func(t json.Token) error {
			v, err := p.integer(t)
			if err == nil && v != Version {
				err = p.fail("version %d is not supported (this program reads version %d)", v, Version)
			}
			nj.Version = v
			return err
		}},
		{"neuron", true, func(t json.Token) error {
			return p.object(t, []netField{
				{"tau_syn", true, p.toFloat(&nj.Neuron.TauSyn)},
				{"tau_mem", true, p.toFloat(&nj.Neuron.TauMem)},
				{"threshold", true, p.toFloat(&nj.Neuron.Threshold)},
				{"leak", false, p.toFloat(&nj.Neuron.Leak)},
			})
		}},
		{"inputs", true, p.toInt(&nj.Inputs)},
		{"input_copies", false, p.toInt(&nj.InputCopies)},
		{"coding", false, func(t json.Token) error {
			return p.object(t, []netField{
				{"t_early", true, p.toFloat(&nj.Coding.TEarly)},
				{"t_late", true, p.toFloat(&nj.Coding.TLate)},
			})
		}},
		{"layers", true, func(t json.Token) error {
			nj.Layers = []Layer{}
			return p.array(t, maxNetLayers, "layers", func(_ int, t json.Token) error {
				nj.Layers = append(nj.Layers, Layer{})
				return p.layer(t, &nj.Layers[len(nj.Layers)-1])
			})
		}},
	})
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		if p.in.n > MaxBytes {
			return nil, netTooLarge()
		}
		return nil, &Error{Msg: "unexpected data after the top-level object"}
	}
	if p.in.n > MaxBytes {
		return nil, netTooLarge()
	}
	return nj, nil
}

func netTooLarge() error {
	return &Error{Msg: fmt.Sprintf("file larger than %d MiB", MaxBytes>>20)}
}

// layer parses one element of "layers".
func (p *netParser) layer(tok json.Token, L *Layer) error {
	return p.object(tok, []netField{
		{"size", true, p.toInt(&L.Size)},
		{"weights", true, func(t json.Token) error {
			L.Weights = [][]float64{}
			return p.array(t, maxNetUnits+maxNetBias, "rows", func(_ int, t json.Token) error {
				row, err := p.floats(t, maxNetUnits)
				L.Weights = append(L.Weights, row)
				return err
			})
		}},
		{"delay_kind", true, func(t json.Token) (err error) {
			L.DelayKind, err = p.str(t)
			return err
		}},
		{"delays", false, func(t json.Token) error {
			if t == nil {
				return nil
			}
			matrix := false
			empty := true
			err := p.array(t, maxNetUnits, "delays", func(i int, t json.Token) error {
				empty = false
				if i == 0 {
					matrix = t == json.Delim('[')
				}
				if matrix {
					row, err := p.floats(t, maxNetUnits)
					L.Delays.Matrix = append(L.Delays.Matrix, row)
					return err
				}
				v, err := p.number(t)
				L.Delays.Vector = append(L.Delays.Vector, v)
				return err
			})
			if empty {
				L.Delays.Vector = []float64{}
			}
			return err
		}},
		{"bias_times", false, func(t json.Token) (err error) {
			if t == nil {
				return nil
			}
			L.BiasTimes, err = p.floats(t, maxNetBias)
			return err
		}},
	})
}

// netCountingReader counts the bytes read through it.
type netCountingReader struct {
	r io.Reader
	n int64
}

func (c *netCountingReader) Read(b []byte) (int, error) {
	k, err := c.r.Read(b)
	c.n += int64(k)
	return k, err
}

// netParser walks the token stream of a JSON document and keeps the path
// to the value it is reading, for error messages.
type netParser struct {
	dec  *json.Decoder
	in   *netCountingReader
	path []string // keys and "[i]" indices
}

// netField is a member of a JSON object: its key, whether it must be present,
// and the function that reads its value from the value's first token.
type netField struct {
	name     string
	required bool
	read     func(tok json.Token) error
}

func (p *netParser) where() string {
	var b []byte
	for _, s := range p.path {
		if len(b) > 0 && s[0] != '[' {
			b = append(b, '.')
		}
		b = append(b, s...)
	}
	return string(b)
}

func (p *netParser) fail(format string, a ...any) error {
	return &Error{Path: p.where(), Msg: fmt.Sprintf(format, a...)}
}

// next reads one token.
func (p *netParser) next() (json.Token, error) {
	tok, err := p.dec.Token()
	if err == nil {
		return tok, nil
	}
	if p.in.n > MaxBytes {
		return nil, netTooLarge()
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, p.fail("unexpected end of input")
	case errors.As(err, &se):
		// Offset counts the bytes read, the offending one included.
		return nil, p.fail("invalid JSON at byte offset %d: %v", max(se.Offset-1, 0), se)
	}
	return nil, fmt.Errorf("checkpoint: reading net.json: %w", err)
}

// object reads an object whose first token is tok; unknown, duplicate and
// missing fields are errors.
func (p *netParser) object(tok json.Token, fields []netField) error {
	if tok != json.Delim('{') {
		return p.fail("want an object, got %s", netDescribe(tok))
	}
	seen := make([]bool, len(fields))
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == json.Delim('}') {
			break
		}
		key, _ := t.(string) // the decoder only returns strings as keys
		i := slices.IndexFunc(fields, func(f netField) bool { return f.name == key })
		if i < 0 {
			return p.fail("unknown field %q", netClip(key))
		}
		if seen[i] {
			return p.fail("duplicate field %q", key)
		}
		seen[i] = true
		p.path = append(p.path, key)
		v, err := p.next()
		if err != nil {
			return err
		}
		if err := fields[i].read(v); err != nil {
			return err
		}
		p.path = p.path[:len(p.path)-1]
	}
	for i, f := range fields {
		if f.required && !seen[i] {
			return p.fail("missing field %q", f.name)
		}
	}
	return nil
}

// array reads an array of at most limit elements whose first token is tok,
// calling elem with each element's index and first token.
func (p *netParser) array(tok json.Token, limit int, what string, elem func(i int, tok json.Token) error) error {
	if tok != json.Delim('[') {
		return p.fail("want an array, got %s", netDescribe(tok))
	}
	for i := 0; ; i++ {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == json.Delim(']') {
			return nil
		}
		if i == limit {
			return p.fail("more than %d %s", limit, what)
		}
		p.path = append(p.path, "["+strconv.Itoa(i)+"]")
		if err := elem(i, t); err != nil {
			return err
		}
		p.path = p.path[:len(p.path)-1]
	}
}

// floats reads an array of at most limit numbers.
func (p *netParser) floats(tok json.Token, limit int) ([]float64, error) {
	out := []float64{}
	err := p.array(tok, limit, "numbers", func(_ int, t json.Token) error {
		v, err := p.number(t)
		out = append(out, v)
		return err
	})
	return out, err
}

func (p *netParser) number(tok json.Token) (float64, error) {
	n, ok := tok.(json.Number)
	if !ok {
		return 0, p.fail("want a number, got %s", netDescribe(tok))
	}
	// Valid JSON numbers only fail to parse by overflowing.
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, p.fail("%s is beyond the range of float64", netClip(string(n)))
	}
	return v, nil
}

func (p *netParser) integer(tok json.Token) (int, error) {
	n, ok := tok.(json.Number)
	if !ok {
		return 0, p.fail("want an integer, got %s", netDescribe(tok))
	}
	v, err := strconv.Atoi(string(n))
	if err != nil {
		return 0, p.fail("want an integer, got %s", netClip(string(n)))
	}
	return v, nil
}

func (p *netParser) str(tok json.Token) (string, error) {
	s, ok := tok.(string)
	if !ok {
		return "", p.fail("want a string, got %s", netDescribe(tok))
	}
	return s, nil
}

func (p *netParser) toFloat(dst *float64) func(json.Token) error {
	return func(t json.Token) (err error) {
		*dst, err = p.number(t)
		return err
	}
}

func (p *netParser) toInt(dst *int) func(json.Token) error {
	return func(t json.Token) (err error) {
		*dst, err = p.integer(t)
		return err
	}
}

// netDescribe names the JSON value that starts with tok.
func netDescribe(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return fmt.Sprintf("the string %q", netClip(t))
	case json.Number:
		return "the number " + netClip(string(t))
	case bool:
		return strconv.FormatBool(t)
	}
	return "null"
}
