package app

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestShareCarriesRecord: a model opened from a share link shows what it
// is — its epoch, its curves, validation and test accuracy — and trains on
// from there.
func TestShareCarriesRecord(t *testing.T) {
	a, _ := newTestSession(t, smallSettings(t))
	for range 2 {
		a.tr.RunEpoch()
	}
	want := a.Snapshot()
	if want.Epoch != 2 || math.IsNaN(want.TestAcc) {
		t.Fatalf("the sharer: epoch %d, test %v", want.Epoch, want.TestAcc)
	}
	frag, err := a.ShareFragment()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := newTestSession(t, nil)
	if err := b.LoadShare(frag); err != nil {
		t.Fatal(err)
	}
	got := b.Snapshot()
	if got.Epoch != 2 || len(got.History) != 2 || got.TestAcc != want.TestAcc {
		t.Fatalf("opened: epoch %d, %d epochs of history, test %v; want 2, 2, %v", got.Epoch, len(got.History), got.TestAcc, want.TestAcc)
	}
	for i, e := range got.History {
		w := want.History[i]
		if e.Epoch != w.Epoch || math.Abs(e.ValAcc-w.ValAcc) > 5e-4 || math.Abs(e.TrainAcc-w.TrainAcc) > 5e-4 ||
			math.Abs(e.TrainLoss/w.TrainLoss-1) > 0.006 || e.LRScale != w.LRScale {
			t.Errorf("epoch %d: %+v, want %+v", i+1, e, w)
		}
	}
	last, _ := want.Last()
	says := fmt.Sprintf("trained 2 epochs: validation %.1f %%, test %.1f %%", 100*last.ValAcc, 100*want.TestAcc)
	if !strings.Contains(got.Message, says) {
		t.Errorf("message %q, want it to say %q", got.Message, says)
	}
	// Training goes on from epoch 2, and the test accuracy is measured
	// again for the new epoch.
	b.tr.RunEpoch()
	if s := b.Snapshot(); s.Epoch != 3 || len(s.History) != 3 || s.History[2].Epoch != 3 || math.IsNaN(s.TestAcc) {
		t.Errorf("after an epoch more: epoch %d, %d of history, test %v", s.Epoch, len(s.History), s.TestAcc)
	}
	// A fresh model shares no record, and opens at epoch 0.
	c, _ := newTestSession(t, smallSettings(t))
	frag, err = c.ShareFragment()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.LoadShare(frag); err != nil {
		t.Fatal(err)
	}
	if s := b.Snapshot(); s.Epoch != 0 || len(s.History) != 0 || strings.Contains(s.Message, "trained") {
		t.Errorf("a fresh model's link opens at epoch %d with %d of history: %q", s.Epoch, len(s.History), s.Message)
	}
}
