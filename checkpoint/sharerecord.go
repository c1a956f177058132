package checkpoint

import (
	"encoding/binary"
	"fmt"
	"math"

	"delaylab/delgrad"
)

// A share link of version 3 may carry the model's training record, so
// that the page it opens shows what the model is — how long it trained
// and how well it does — rather than a model at epoch 0. The record
// follows the recipe (flag 8):
//
//	uvarint epochs trained
//	f64     validation and test accuracy after the last epoch (NaN: not measured)
//	uvarint epochs of curves: 0 (left out) or all of them
//	curves  four series, one value per epoch: training accuracy, validation
//	        accuracy, training loss, validation loss; each value as the
//	        zigzag varint (encoding/binary's Varint) of its difference
//	        from the one before (the first from 0)
//
// The curves are quantised to what a plot needs: accuracies in units of
// 0.1 % (1001: not measured), losses as log2(loss) in units of 1/64 (a
// step of 1.1 %), clamped to 2^±64 (−4097: not measured). The accuracies
// after the last epoch travel exactly besides. Quantising
// a decoded value again gives the same code, so a link shared again from
// an opened one is the same link.

// ShareRecord is a shared model's training so far.
type ShareRecord struct {
	Epochs int // epochs trained
	// ValAcc and TestAcc are the accuracies after the last epoch, as the
	// sharer measured them; NaN when not measured.
	ValAcc, TestAcc float64
	// History is the per-epoch curve (Epoch, TrainAcc, ValAcc, TrainLoss,
	// ValLoss; quantised), one entry per epoch from the first, or nil when
	// the link leaves it out: ShareFragment does when the link would
	// otherwise be longer than MaxShareLen.
	History []delgrad.Epoch
}

// Quantisation of the curves.
const (
	accUnit    = 1000
	accNone    = accUnit + 1
	lossUnit   = 64
	lossMax    = 64 * lossUnit
	lossNone   = -lossMax - 1
	maxEpochs  = 1 << 24 // far beyond any run; bounds what a link may claim
	curveSerie = 4       // series per epoch
)

func accCode(v float64) int64 {
	if math.IsNaN(v) {
		return accNone
	}
	return int64(math.Round(min(max(v, 0), 1) * accUnit))
}

func accValue(c int64) float64 {
	if c == accNone {
		return math.NaN()
	}
	return float64(c) / accUnit
}

func lossCode(v float64) int64 {
	switch {
	case math.IsNaN(v):
		return lossNone
	case v <= 0:
		return -lossMax
	}
	return int64(min(max(math.Round(math.Log2(v)*lossUnit), -lossMax), lossMax))
}

func lossValue(c int64) float64 {
	if c == lossNone {
		return math.NaN()
	}
	return math.Exp2(float64(c) / lossUnit)
}

// validate checks a record before ShareFragment writes it and after it is read.
func (r *ShareRecord) validate() error {
	if r.Epochs < 0 || r.Epochs > maxEpochs {
		return &LimitError{What: "record.epochs", Got: r.Epochs, Max: maxEpochs}
	}
	if n := len(r.History); n != 0 && n != r.Epochs {
		return &ShapeError{What: "len(record.history)", Got: n, Want: r.Epochs}
	}
	for _, a := range []struct {
		path string
		v    float64
	}{{"record.val_acc", r.ValAcc}, {"record.test_acc", r.TestAcc}} {
		if !math.IsNaN(a.v) && !(a.v >= 0 && a.v <= 1) {
			return &FormatError{Path: a.path, Msg: fmt.Sprintf("%v is not an accuracy (0 to 1)", a.v)}
		}
	}
	return nil
}

// appendRecord appends a valid record; withCurves false leaves its
// history out.
func appendRecord(b []byte, r *ShareRecord, withCurves bool) []byte {
	b = binary.AppendUvarint(b, uint64(r.Epochs))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.ValAcc))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.TestAcc))
	h := r.History
	if !withCurves {
		h = nil
	}
	b = binary.AppendUvarint(b, uint64(len(h)))
	for s := range curveSerie {
		prev := int64(0)
		for _, e := range h {
			c := curveCode(s, e)
			b = binary.AppendVarint(b, c-prev)
			prev = c
		}
	}
	return b
}

func curveCode(serie int, e delgrad.Epoch) int64 {
	switch serie {
	case 0:
		return accCode(e.TrainAcc)
	case 1:
		return accCode(e.ValAcc)
	case 2:
		return lossCode(e.TrainLoss)
	}
	return lossCode(e.ValLoss)
}

// record reads a record; errors stick to r.
func (r *shareReader) record() *ShareRecord {
	rec := &ShareRecord{Epochs: r.count("record.epochs", maxEpochs), ValAcc: r.f64(), TestAcc: r.f64()}
	n := r.count("number of record epochs with curves", maxEpochs)
	if r.err != nil {
		return nil
	}
	if n != 0 && n != rec.Epochs {
		r.fail(&ShapeError{What: "record epochs with curves", Got: n, Want: rec.Epochs})
		return nil
	}
	if n > len(r.b)/curveSerie { // every value takes a byte at least
		r.fail(dataError(ErrTruncated, "the share link's payload ends early"))
		return nil
	}
	if n > 0 {
		rec.History = make([]delgrad.Epoch, n)
	}
	for s := range curveSerie {
		c := int64(0)
		for i := range rec.History {
			c += r.i64()
			e := &rec.History[i]
			e.Epoch = i + 1
			ok := true
			switch s {
			case 0:
				e.TrainAcc, ok = accValue(c), c >= 0 && c <= accNone
			case 1:
				e.ValAcc, ok = accValue(c), c >= 0 && c <= accNone
			case 2:
				e.TrainLoss, ok = lossValue(c), c >= lossNone && c <= lossMax
			case 3:
				e.ValLoss, ok = lossValue(c), c >= lossNone && c <= lossMax
			}
			if !ok && r.err == nil {
				r.fail(&FormatError{Path: fmt.Sprintf("record epoch %d", i+1), Msg: "a curve value is out of range; part of the link was changed"})
			}
		}
	}
	if r.err == nil {
		if err := rec.validate(); err != nil {
			r.fail(err)
		}
	}
	return rec
}
