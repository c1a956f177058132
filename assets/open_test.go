package assets_test

import (
	"fmt"
	"strings"
	"testing"

	"delaylab/app"
	"delaylab/assets"
	"delaylab/checkpoint"
	"delaylab/run"
)

// TestExamplesEvaluate opens every example as a user's program would
// (checkpoint decoding, run.Open) and tests its network afresh on the test
// split. The result must equal the recorded one exactly, not to a
// tolerance: train printed the accuracy of the very model the file holds
// (float64 parameters, stored exactly), evaluated through the same
// run.Evaluate on the same split, rebuilt from the same data spec and
// coding, on the same substrate with the same evaluation noise keys (a
// chip's trial noise is seeded, not drawn anew), and an accuracy is a
// count of right answers divided by the split's size. Any difference is a
// change in the code or a file that no longer matches its record. The
// page's own path, run.Predictions, must count the same right answers.
func TestExamplesEvaluate(t *testing.T) {
	for _, e := range assets.All() {
		t.Run(e.Name, func(t *testing.T) {
			f, err := checkpoint.Unmarshal(e.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if f.Train == nil || f.Train.EpochsDone != f.Config.Epochs || f.Train.Pos != 0 || len(f.History) != f.Config.Epochs {
				t.Fatalf("not a finished run: %d of %d epochs, %d in the history", f.Train.EpochsDone, f.Config.Epochs, len(f.History))
			}
			rn, err := run.Open(f)
			if err != nil {
				t.Fatal(err)
			}
			test := rn.Data().Test
			if len(test) != e.TestTotal {
				t.Fatalf("the test split has %d samples; the example was tested on %d", len(test), e.TestTotal)
			}
			_, acc := rn.Evaluate(run.TestSplit)
			if want := float64(e.TestRight) / float64(e.TestTotal); acc != want {
				t.Errorf("test accuracy afresh %.4f, recorded %.4f (%d/%d)", acc, want, e.TestRight, e.TestTotal)
			}
			right := 0
			for j, p := range rn.Predictions(run.TestSplit) {
				if p == test[j].Label {
					right++
				}
			}
			if right != e.TestRight {
				t.Errorf("run.Predictions gets %d right, recorded %d", right, e.TestRight)
			}
		})
	}
}

// TestExamplesOpenInPage: every example opens in the page's session
// (app.Session.Load, what the page's Open does), at its last epoch, with
// the message naming it; the page draws at most 150 neurons per layer and
// codes 2-D points, which every example must suit.
func TestExamplesOpenInPage(t *testing.T) {
	s, err := app.NewSession(app.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range assets.All() {
		f, err := checkpoint.Unmarshal(e.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Load(e.FileName(), e.Bytes()); err != nil {
			t.Errorf("%s does not open in the page: %v", e.Name, err)
			continue
		}
		snap := s.Snapshot()
		last, ok := snap.Last()
		if snap.Epoch != f.Config.Epochs || !ok || last.ValAcc != f.History[len(f.History)-1].ValAcc {
			t.Errorf("%s opens at epoch %d (validation %v), want %d (%v)", e.Name, snap.Epoch, last.ValAcc, f.Config.Epochs, f.History[len(f.History)-1].ValAcc)
		}
		if want := fmt.Sprintf("Opened %s: %s", e.FileName(), f.Data.Name); !strings.HasPrefix(snap.Message, want) {
			t.Errorf("%s: the page says %q, want it to start %q", e.Name, snap.Message, want)
		}
	}
}
