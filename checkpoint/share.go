package checkpoint

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"delaylab/dataset"
	"delaylab/delgrad"
)

// A share link carries a model in the URL fragment, "#m=" followed by the
// payload compressed with DEFLATE (RFC 1951) and encoded as unpadded
// base64url (RFC 4648 §5). The payload, all little-endian, with uvarints as
// in encoding/binary and strings as a uvarint length and the bytes:
//
//	u8      share version (3; version 1 links have no protocol and read
//	        as protocol "ours", versions 1 and 2 no training record)
//	u8      flags: 1 tied input delays, 2 a recipe follows the data,
//	        4 interleaved input copies (version 2), 8 a training record
//	        follows the recipe (version 3)
//	5×f64   neuron: τs, τm, ϑ, leak, C
//	u8 f64 f64  delay parametrisation: mode (0 sigmoid, 1 clip), shift, scale
//	uvarint features, copies, layers; per layer: size, u8 delay kind
//	        (0 none, 1 axonal, 2 dendritic, 3 synaptic), bias count, f64 bias times
//	data    string name, uvarint seed, train, validation, test, f64 noise,
//	        f64 t_early, f64 t_late
//	recipe  (flag 2) strings name, description, dataset, substrate;
//	        u8 loss kind, 6×f64 loss; uvarint batch, epochs, step_every;
//	        f64 step_gamma; per layer f64 lr_weights, lr_delays, weight_init μ, σ,
//	        bump_fraction; u8 f64 f64 delay parametrisation; f64 delay_init μ, σ,
//	        bump_start, max_dw_norm; uvarint seed; string protocol (version 2)
//	record  (flag 8) epochs trained, accuracies and curves (sharerecord.go)
//	params  per layer: f32 weights (rows × size, row-major), f32 delay
//	        parameters θ
//
// Weights and delay parameters are rounded to float32; everything else is
// exact. The recipe's architecture is the model's. A CSV data set's points
// are not carried.

// ShareVersion is the share-link payload version this build writes and
// the newest it reads.
const ShareVersion = 3

// MaxShareLen is the longest fragment ParseShareFragment accepts, in bytes.
const MaxShareLen = 64 << 10

// maxShareRaw bounds the inflated payload: a 64 KB fragment carries at most
// 48 KB of compressed data, and real payloads inflate by less than 2×.
const maxShareRaw = 4 << 20

// maxShareText is the longest string in a share link.
const maxShareText = 1024

// Share is what a share link carries.
type Share struct {
	Model *delgrad.Model
	// Config is the training recipe (nil: none). Its architecture fields are
	// not stored: ParseShareFragment fills them in from Model.
	Config *delgrad.Config
	// Data is the data set the model was trained on; its Points and Path
	// are not carried.
	Data   dataset.Spec
	Coding dataset.Coding
	// Record is the model's training so far (nil: none, as in links of
	// versions 1 and 2).
	Record *ShareRecord
}

// ShareFragment encodes s as a URL fragment "m=..." (without the "#").
func ShareFragment(s *Share) (string, error) {
	if s.Model == nil || s.Model.Net == nil {
		return "", errors.New("checkpoint: share: no model")
	}
	if err := s.Model.Validate(); err != nil {
		return "", wrapInvalid("model", err)
	}
	m := modelOf(s.Model)
	if err := m.validate("model"); err != nil {
		return "", err
	}
	d := dataOf(dataset.Spec{Name: s.Data.Name, Seed: s.Data.Seed, Train: s.Data.Train,
		Validation: s.Data.Validation, Test: s.Data.Test, Noise: s.Data.Noise}, s.Coding)
	if err := d.validate(); err != nil {
		return "", err
	}
	var c *Config
	if s.Config != nil {
		fit := FitConfig(*s.Config, s.Model)
		fc := configOf(&fit)
		if err := fc.validate(&m); err != nil {
			return "", err
		}
		c = &fc
	}
	if s.Record != nil {
		if err := s.Record.validate(); err != nil {
			return "", err
		}
	}
	// The curves go if the link would be too long with them: what the
	// model is comes first.
	out := ""
	for _, curves := range []bool{true, false} {
		p, err := appendShare(nil, &m, &d, c, s.Record, curves)
		if err != nil {
			return "", err
		}
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestCompression)
		w.Write(p)
		w.Close()
		if out = "m=" + base64.RawURLEncoding.EncodeToString(z.Bytes()); len(out) <= MaxShareLen {
			return out, nil
		}
		if s.Record == nil || len(s.Record.History) == 0 {
			break
		}
	}
	return "", &LimitError{What: "share link length", Got: len(out), Max: MaxShareLen}
}

// ParseShareFragment decodes a fragment made by ShareFragment: "m=...",
// "#m=..." or a whole link ending in "#m=...". It checks the length
// before decoding, bounds the inflated size and validates the content as
// Decode validates a file; the errors are of the same types.
func ParseShareFragment(frag string) (*Share, error) {
	if len(frag) > MaxShareLen {
		return nil, dataError(ErrTooLarge, "share link of %d bytes, more than %d", len(frag), MaxShareLen)
	}
	if i := strings.LastIndexByte(frag, '#'); i >= 0 {
		frag = frag[i+1:] // a whole link, or the fragment with its "#"
	}
	if frag == "" {
		return nil, ErrEmpty
	}
	enc, ok := strings.CutPrefix(frag, "m=")
	if !ok {
		return nil, &FormatError{Msg: `not a DelayLab share link (no "m=")`}
	}
	enc = strings.TrimRight(enc, "=")
	if i := strings.IndexFunc(enc, func(r rune) bool {
		return !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_')
	}); i >= 0 {
		return nil, &FormatError{Msg: fmt.Sprintf("share link: character %d (%q) cannot appear in a link; part of it was changed", i, enc[i])}
	}
	if len(enc)%4 == 1 {
		// No unpadded base64 has this length: characters are missing.
		return nil, dataError(ErrTruncated, "the share link is cut short")
	}
	z, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return nil, &FormatError{Msg: "share link: its letters do not spell a model; part of it was changed", Err: err}
	}
	if len(z) == 0 {
		return nil, ErrEmpty
	}
	br := bytes.NewReader(z)
	fr := flate.NewReader(br)
	p, err := io.ReadAll(io.LimitReader(fr, maxShareRaw+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, dataError(ErrTruncated, "the compressed share link ends early")
	case err != nil:
		return nil, &FormatError{Msg: "share link: the compressed model in it is damaged", Err: err}
	case len(p) > maxShareRaw:
		return nil, &LimitError{What: "inflated share link", Got: -1, Max: maxShareRaw}
	case br.Len() > 0:
		return nil, &FormatError{Msg: fmt.Sprintf("share link: %d bytes after the compressed data", br.Len())}
	}
	return parseShare(p)
}

// appendShare appends the payload of a valid model, data, recipe and
// record (with its curves if curves).
func appendShare(b []byte, m *Model, d *Data, c *Config, rec *ShareRecord, curves bool) ([]byte, error) {
	f64 := func(v float64) { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) }
	uv := func(v int) { b = binary.AppendUvarint(b, uint64(v)) }
	str := func(s string) { uv(len(s)); b = append(b, s...) }
	delay := func(p *DelayParam) {
		mode, _ := delayModeOf(p.Mode)
		b = append(b, byte(mode))
		f64(p.Shift)
		f64(p.Scale)
	}
	var flags byte
	if m.TieInputDelays {
		flags |= 1
	}
	if c != nil {
		flags |= 2
	}
	if m.InterleavedCopies {
		flags |= 4
	}
	if rec != nil {
		flags |= 8
	}
	b = append(b, ShareVersion, flags)
	for _, v := range []float64{m.Neuron.TauSyn, m.Neuron.TauMem, m.Neuron.Threshold, m.Neuron.Leak, m.Neuron.C} {
		f64(v)
	}
	delay(&m.Delay)
	uv(m.Features)
	uv(m.Copies)
	uv(len(m.Layers))
	for _, L := range m.Layers {
		uv(L.Size)
		k, _ := delayKindOf("", L.Delay)
		b = append(b, byte(k))
		uv(len(L.BiasTimes))
		for _, t := range L.BiasTimes {
			f64(t)
		}
	}
	str(d.Name)
	b = binary.AppendUvarint(b, d.Seed)
	uv(d.Train)
	uv(d.Validation)
	uv(d.Test)
	f64(d.Noise)
	f64(d.TEarly)
	f64(d.TLate)
	if c != nil {
		for _, s := range []string{c.Name, c.Description, c.Dataset, c.Substrate} {
			if len(s) > maxShareText {
				return nil, &LimitError{What: "length of a share link's recipe text", Got: len(s), Max: maxShareText}
			}
			str(s)
		}
		kind, _ := lossKindOf(c.Loss.Kind)
		b = append(b, byte(kind))
		for _, v := range []float64{c.Loss.DeltaT, c.Loss.Tau0, c.Loss.Tau1, c.Loss.Alpha, c.Loss.TCorrect, c.Loss.TWrong} {
			f64(v)
		}
		uv(c.Batch)
		uv(c.Epochs)
		uv(c.StepEvery)
		f64(c.StepGamma)
		for l := range m.Layers {
			f64(c.LRWeights[l])
			f64(c.LRDelays[l])
			f64(c.WeightInit[l].Mu)
			f64(c.WeightInit[l].Sigma)
			f64(c.BumpFraction[l])
		}
		delay(&c.Delay)
		f64(c.DelayInit.Mu)
		f64(c.DelayInit.Sigma)
		f64(c.BumpStart)
		f64(c.MaxDWNorm)
		b = binary.AppendUvarint(b, c.Seed)
		str(c.Protocol)
	}
	if rec != nil {
		b = appendRecord(b, rec, curves)
	}
	for l, L := range m.Layers {
		for _, s := range []struct {
			name string
			v    []float64
		}{{"weights", L.Weights}, {"theta", L.Theta}} {
			for i, v := range s.v {
				f := float32(v)
				if math.IsInf(float64(f), 0) {
					return nil, &ValueError{Path: fmt.Sprintf("model.layers[%d].%s[%d] as float32", l, s.name, i), Value: float64(f)}
				}
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
		}
	}
	return b, nil
}

// parseShare decodes and validates a payload.
func parseShare(p []byte) (*Share, error) {
	r := &shareReader{b: p}
	v := r.u8()
	if r.err == nil && (v < 1 || v > ShareVersion) {
		return nil, &VersionError{Got: int(v), Max: ShareVersion}
	}
	flags := r.u8()
	known := byte(3)
	switch {
	case v >= 3:
		known = 15
	case v == 2:
		known = 7
	}
	if r.err == nil && flags&^known != 0 {
		return nil, &FormatError{Msg: fmt.Sprintf("share link: unknown flags %#x", flags)}
	}
	var m Model
	m.TieInputDelays = flags&1 != 0
	m.InterleavedCopies = flags&4 != 0
	m.Neuron = Neuron{TauSyn: r.f64(), TauMem: r.f64(), Threshold: r.f64(), Leak: r.f64(), C: r.f64()}
	m.Delay = r.delay()
	m.Features = r.count("model.features", MaxNeurons)
	m.Copies = r.count("model.copies", MaxNeurons)
	m.Layers = make([]Layer, r.count("number of model.layers", MaxLayers))
	for l := range m.Layers {
		L := &m.Layers[l]
		L.Size = r.count(fmt.Sprintf("model.layers[%d].size", l), MaxNeurons)
		L.Delay = delayKindName(r.u8())
		if n := r.count(fmt.Sprintf("number of model.layers[%d].bias_times", l), MaxNeurons); n > 0 && n <= len(r.b)/8 {
			L.BiasTimes = make([]float64, n)
			for i := range L.BiasTimes {
				L.BiasTimes[i] = r.f64()
			}
		} else if n > 0 {
			r.take(8 * n)
		}
	}
	var d Data
	d.Name = r.str("data.name")
	d.Seed = r.u64()
	d.Train = r.count("data.train", maxSamples)
	d.Validation = r.count("data.validation", maxSamples)
	d.Test = r.count("data.test", maxSamples)
	d.Noise, d.TEarly, d.TLate = r.f64(), r.f64(), r.f64()
	var cfg *delgrad.Config
	if flags&2 != 0 {
		var c Config
		c.Name, c.Description, c.Dataset, c.Substrate = r.str("config.name"), r.str("config.description"), r.str("config.dataset"), r.str("config.substrate")
		c.Loss.Kind = lossName(delgrad.LossKind(r.u8()))
		c.Loss.DeltaT, c.Loss.Tau0, c.Loss.Tau1, c.Loss.Alpha, c.Loss.TCorrect, c.Loss.TWrong = r.f64(), r.f64(), r.f64(), r.f64(), r.f64(), r.f64()
		c.Batch = r.count("config.batch", math.MaxInt32)
		c.Epochs = r.count("config.epochs", math.MaxInt32)
		c.StepEvery = r.count("config.step_every", math.MaxInt32)
		c.StepGamma = r.f64()
		for range m.Layers {
			c.LRWeights = append(c.LRWeights, r.f64())
			c.LRDelays = append(c.LRDelays, r.f64())
			c.WeightInit = append(c.WeightInit, Normal{Mu: r.f64(), Sigma: r.f64()})
			c.BumpFraction = append(c.BumpFraction, r.f64())
		}
		c.Delay = r.delay()
		c.DelayInit = Normal{Mu: r.f64(), Sigma: r.f64()}
		c.BumpStart, c.MaxDWNorm = r.f64(), r.f64()
		c.Seed = r.u64()
		if v >= 2 {
			c.Protocol = r.str("config.protocol")
		}
		if r.err == nil {
			// The architecture is the model's; check the rest.
			if err := m.validateArch("model"); err != nil {
				return nil, err
			}
			c.fitArchitecture(&m)
			if err := c.validate(&m); err != nil {
				return nil, err
			}
			dc := c.delgrad()
			cfg = &dc
		}
	}
	var rec *ShareRecord
	if flags&8 != 0 {
		rec = r.record()
	}
	if r.err != nil {
		return nil, r.err
	}
	if err := m.validateArch("model"); err != nil {
		return nil, err
	}
	for l := range m.Layers {
		L := &m.Layers[l]
		L.Weights = r.f32s((m.preSize(l) + len(L.BiasTimes)) * L.Size)
		L.Theta = r.f32s(m.thetaCount(l))
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) > 0 {
		return nil, &FormatError{Msg: fmt.Sprintf("share link: %d bytes of trailing data", len(r.b))}
	}
	if err := m.validate("model"); err != nil {
		return nil, err
	}
	if err := d.validate(); err != nil {
		return nil, err
	}
	model := m.delgrad()
	if err := model.Validate(); err != nil {
		return nil, wrapInvalid("model", err)
	}
	spec, coding := (&File{Data: d}).Dataset()
	return &Share{Model: model, Config: cfg, Data: spec, Coding: coding, Record: rec}, nil
}

func delayKindName(k byte) string {
	names := [...]string{"none", "axonal", "dendritic", "synaptic"}
	if int(k) < len(names) {
		return names[k]
	}
	return fmt.Sprintf("kind %d", k)
}

// fitArchitecture sets c's architecture to m's, as FitConfig does.
func (c *Config) fitArchitecture(m *Model) {
	c.Features, c.Copies = m.Features, m.Copies
	c.Hidden, c.Delays, c.Bias = nil, nil, nil
	hasBias := false
	for l, L := range m.Layers {
		if l < len(m.Layers)-1 {
			c.Hidden = append(c.Hidden, L.Size)
		}
		c.Delays = append(c.Delays, L.Delay)
		hasBias = hasBias || len(L.BiasTimes) > 0
	}
	if hasBias {
		for _, L := range m.Layers {
			c.Bias = append(c.Bias, append([]float64(nil), L.BiasTimes...))
		}
	}
	c.Outputs = m.Layers[len(m.Layers)-1].Size
	c.TieInputDelays = m.TieInputDelays
	c.Neuron = m.Neuron
}
