package checkpoint

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"delaylab/dataset"
	"delaylab/delgrad"
)

// ckGoldenFile is the golden checkpoint.
func ckGoldenFile(t *testing.T) *File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "v1-yinyang-h5-ws.dlab"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// ckGoldenRecord is the training record of the golden checkpoint, with a
// test accuracy (files do not keep one).
func ckGoldenRecord(t *testing.T) *ShareRecord {
	t.Helper()
	f := ckGoldenFile(t)
	rec := &ShareRecord{Epochs: f.Train.EpochsDone, TestAcc: 0.875, ValAcc: math.NaN()}
	for _, e := range f.History {
		rec.History = append(rec.History, delgrad.Epoch(e))
	}
	if n := len(rec.History); n > 0 {
		rec.ValAcc = rec.History[n-1].ValAcc
	}
	if rec.Epochs == 0 || len(rec.History) != rec.Epochs {
		t.Fatalf("the golden checkpoint has %d epochs and %d of history", rec.Epochs, len(rec.History))
	}
	return rec
}

// ckCheckRecord checks that got is want within the curves' quantisation.
func ckCheckRecord(t *testing.T, want, got *ShareRecord) {
	t.Helper()
	if (want == nil) != (got == nil) {
		t.Fatalf("record: got %+v, want %+v", got, want)
	}
	if want == nil {
		return
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	if got.Epochs != want.Epochs || !same(got.ValAcc, want.ValAcc) || !same(got.TestAcc, want.TestAcc) {
		t.Errorf("record: epochs %d, val %v, test %v; want %d, %v, %v", got.Epochs, got.ValAcc, got.TestAcc, want.Epochs, want.ValAcc, want.TestAcc)
	}
	if len(got.History) != len(want.History) {
		t.Fatalf("record: %d epochs of curves, want %d", len(got.History), len(want.History))
	}
	near := func(a, b, tol float64) bool { return same(a, b) || math.Abs(a-b) <= tol }
	for i, w := range want.History {
		g := got.History[i]
		if g.Epoch != i+1 || !near(g.TrainAcc, w.TrainAcc, 0.5e-3) || !near(g.ValAcc, w.ValAcc, 0.5e-3) ||
			!near(g.TrainLoss, w.TrainLoss, 0.006*w.TrainLoss) || !near(g.ValLoss, w.ValLoss, 0.006*w.ValLoss) {
			t.Errorf("record epoch %d: got %+v, want %+v", i+1, g, w)
			return
		}
	}
}

// ckRecordShare is a small model's share with the given record.
func ckRecordShare(t *testing.T, rec *ShareRecord) *Share {
	t.Helper()
	cfg := ckPreset(t, "yinyang-h5-ws", 0, 0)
	m, err := delgrad.NewModel(&cfg, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return &Share{Model: m, Config: &cfg, Data: ckSpec(1, 1), Coding: dataset.DefaultCoding(), Record: rec}
}

// ckCurves is a plausible training record of n epochs: rising accuracies,
// falling losses, with noise.
func ckCurves(n int, seed uint64) *ShareRecord {
	r := rand.New(rand.NewPCG(seed, 2))
	rec := &ShareRecord{Epochs: n, TestAcc: 0.9621}
	for i := range n {
		x := float64(i+1) / float64(n)
		rec.History = append(rec.History, delgrad.Epoch{
			Epoch: i + 1, TrainAcc: 0.97 - 0.5*math.Exp(-5*x) + 0.01*r.Float64(), ValAcc: math.Round(1000*(0.96-0.5*math.Exp(-5*x)+0.01*r.Float64())) / 1000,
			TrainLoss: 0.3*math.Exp(-3*x) + 0.01*r.Float64(), ValLoss: 0.32*math.Exp(-3*x) + 0.01*r.Float64(),
		})
	}
	rec.ValAcc = rec.History[n-1].ValAcc
	return rec
}

// TestShareRecord: a link carries the epochs, the accuracies and 300
// epochs of curves in little room; the curves come back within their
// quantisation, and a link shared again from an opened one is the same.
func TestShareRecord(t *testing.T) {
	plain, err := ShareFragment(ckRecordShare(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range []*ShareRecord{
		ckCurves(300, 1),
		ckCurves(1, 2),
		{Epochs: 7, ValAcc: 0.5, TestAcc: math.NaN()}, // curves left out
		{Epochs: 2, ValAcc: math.NaN(), TestAcc: math.NaN(), History: []delgrad.Epoch{
			{Epoch: 1, TrainAcc: math.NaN(), ValAcc: 0, TrainLoss: 0, ValLoss: math.NaN()},
			{Epoch: 2, TrainAcc: 1, ValAcc: 1, TrainLoss: 1e30, ValLoss: math.Inf(1)},
		}}, // the codes' ends
	} {
		s := ckRecordShare(t, rec)
		frag, err := ShareFragment(s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d epochs, %d of curves: %d characters (%d without a record)", rec.Epochs, len(rec.History), len(frag), len(plain))
		got, err := ParseShareFragment(frag)
		if err != nil {
			t.Fatal(err)
		}
		ckCheckShare(t, s, got)
		if rec.Epochs != 2 {
			ckCheckRecord(t, rec, got.Record)
		} else if h := got.Record.History; !math.IsNaN(h[0].TrainAcc) || h[0].TrainLoss != math.Exp2(-64) ||
			!math.IsNaN(h[0].ValLoss) || h[1].TrainLoss != math.Exp2(64) || h[1].ValLoss != math.Exp2(64) || h[1].ValAcc != 1 {
			t.Errorf("the codes' ends read back as %+v", h)
		}
		again, err := ShareFragment(got)
		if err != nil || again != frag {
			t.Errorf("%d epochs: sharing an opened link again changes it (%v)", rec.Epochs, err)
		}
		if rec.Epochs == 300 && len(frag)-len(plain) > 1500 {
			t.Errorf("300 epochs of curves take %d characters, want ≤ 1500", len(frag)-len(plain))
		}
	}
}

// TestShareRecordTooLong: curves that would make the link too long are
// left out; the epochs and accuracies still travel.
func TestShareRecordTooLong(t *testing.T) {
	rec := &ShareRecord{Epochs: 60000, ValAcc: 0.75, TestAcc: 0.7}
	r := rand.New(rand.NewPCG(3, 3))
	for i := range rec.Epochs {
		rec.History = append(rec.History, delgrad.Epoch{Epoch: i + 1, TrainAcc: r.Float64(), ValAcc: r.Float64(), TrainLoss: r.Float64(), ValLoss: r.Float64()})
	}
	frag, err := ShareFragment(ckRecordShare(t, rec))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseShareFragment(frag)
	if err != nil {
		t.Fatal(err)
	}
	if g := got.Record; g == nil || g.Epochs != 60000 || g.ValAcc != 0.75 || g.TestAcc != 0.7 || g.History != nil {
		t.Fatalf("record %+v, want 60000 epochs, 0.75, 0.7 and no curves", g)
	}
	t.Logf("60000 random epochs: link of %d characters without the curves", len(frag))
}

// TestShareRecordErrors: a damaged record is refused with a typed error,
// as any damaged link is; a record a build must not write is refused too.
func TestShareRecordErrors(t *testing.T) {
	rec := ckCurves(20, 4)
	s := ckRecordShare(t, rec)
	fm, fc, d := modelOf(s.Model), configOf(s.Config), dataOf(s.Data, s.Coding)
	base, err := appendShare(nil, &fm, &d, &fc, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	w, n := s.Model.ParamCount()
	params := base[len(base)-4*(w+n):]
	head := append([]byte(nil), base[:len(base)-4*(w+n)]...)
	head[1] |= 8
	with := func(record []byte) string {
		return ckShareOf(append(append(append([]byte(nil), head...), record...), params...))
	}
	good := appendRecord(nil, rec, true)
	if _, err := ParseShareFragment(with(good)); err != nil {
		t.Fatalf("the test's own link: %v", err)
	}
	v2 := append([]byte(nil), head...)
	v2[0] = 2
	f64 := func(b []byte, v float64) []byte {
		return append(b, byte(math.Float64bits(v)), byte(math.Float64bits(v)>>8), byte(math.Float64bits(v)>>16),
			byte(math.Float64bits(v)>>24), byte(math.Float64bits(v)>>32), byte(math.Float64bits(v)>>40),
			byte(math.Float64bits(v)>>48), byte(math.Float64bits(v)>>56))
	}
	var (
		format *FormatError
		shape  *ShapeError
		limit  *LimitError
	)
	for _, tc := range []struct {
		name   string
		frag   string
		target any
		msg    string
	}{
		{"a record in a version 2 link", ckShareOf(append(append(v2, good...), params...)), &format, "unknown flags"},
		{"record cut short", with(good[:len(good)/2]), nil, ""},
		{"curves for some epochs", with(appendRecord(nil, &ShareRecord{Epochs: 21, ValAcc: 0.5, TestAcc: 0.5, History: rec.History}, true)), &shape, "record epochs with curves"},
		{"accuracy 2", with(append(f64(f64([]byte{20}, 2), 0.5), 0)), &format, "not an accuracy"},
		{"epochs beyond reason", with(append([]byte{0x80, 0x80, 0x80, 0x10}, f64(f64(nil, 0.5), 0.5)...)), &limit, "record.epochs"},
		{"curve value out of range", with(append(f64(f64([]byte{1}, 0.5), 0.5), 1, 0x90, 0x4e, 0, 0, 0)), &format, "out of range"},
		{"curves claimed beyond the payload", with(append(f64(f64([]byte{0xff, 0x7f}, 0.5), 0.5), 0xff, 0x7f)), nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseShareFragment(tc.frag)
			if err == nil {
				t.Fatalf("parsed %+v", got.Record)
			}
			if !ckTyped(err) || !strings.HasPrefix(err.Error(), "checkpoint: ") {
				t.Errorf("untyped error %T %v", err, err)
			}
			if tc.target != nil && (!errors.As(err, tc.target) || !strings.Contains(err.Error(), tc.msg)) {
				t.Errorf("got %T %v, want %T saying %q", err, err, tc.target, tc.msg)
			}
			t.Logf("%v", err)
		})
	}
	// What no build may write is not written.
	for _, bad := range []*ShareRecord{
		{Epochs: -1}, {Epochs: 3, History: rec.History}, {Epochs: 1, ValAcc: 1.5}, {Epochs: 1, ValAcc: 0.5, TestAcc: -0.1},
	} {
		if _, err := ShareFragment(ckRecordShare(t, bad)); err == nil || !ckTyped(err) {
			t.Errorf("record %+v: %v", bad, err)
		}
	}
}
