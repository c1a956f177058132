package app

import (
	"math"
	"slices"
	"testing"
	"time"

	"delaylab/run"
)

// withCosts makes every trainer step and map row advance the fake clock by
// a known cost per sample, with a deterministic ±20 % wobble, so the
// scheduler's budget can be checked exactly.
func withCosts(s *Session, clk *fakeClock, train, eval, row time.Duration) {
	real, realRow := s.step, s.mapRow
	k := 0
	wobble := func(d time.Duration) time.Duration {
		k++
		return d + d*time.Duration(k%5-2)/10
	}
	s.step = func(n int) int {
		evaluating := s.tr.Progress().Validating
		done := real(n)
		per := train
		if evaluating {
			per = eval
		}
		clk.Advance(wobble(per * time.Duration(done)))
		return done
	}
	s.mapRow = func() bool {
		clk.Advance(wobble(row))
		return realRow()
	}
}

// TestFrameKeepsBudget: with steps of known cost the time a frame spends
// training and mapping never exceeds the budget, and most of the budget is
// used.
func TestFrameKeepsBudget(t *testing.T) {
	for _, tc := range []struct {
		name             string
		budget           time.Duration
		train, eval, row time.Duration
	}{
		{"browser-like", 8 * time.Millisecond, 30 * time.Microsecond, 10 * time.Microsecond, 600 * time.Microsecond},
		{"fast", 8 * time.Millisecond, 8 * time.Microsecond, 3 * time.Microsecond, 150 * time.Microsecond},
		{"tight", 4 * time.Millisecond, 20 * time.Microsecond, 7 * time.Microsecond, 400 * time.Microsecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := newTestSession(t, nil)
			withCosts(s, clk, tc.train, tc.eval, tc.row)
			s.Play()
			var busy []time.Duration
			steps, rows := 0, 0
			for f := range 400 {
				clk.Advance(16 * time.Millisecond) // drawing and the browser
				st := s.Frame(tc.budget)
				steps += st.Steps
				rows += st.MapRows
				if f < 3 {
					continue // the first steps of each kind calibrate the cost model
				}
				busy = append(busy, st.Busy)
				if st.Busy > tc.budget {
					t.Fatalf("frame %d spent %v > budget %v (%+v)", f, st.Busy, tc.budget, st)
				}
			}
			slices.Sort(busy)
			median := busy[len(busy)/2]
			t.Logf("median busy %v, max %v, %d steps, %d map rows, %d epochs", median, busy[len(busy)-1], steps, rows, s.tr.Progress().Epochs)
			// One more batch must not have fitted: a frame uses at least
			// the budget minus one (wobbled) batch.
			batch := tc.train * 150 * 12 / 10
			if median < tc.budget-batch {
				t.Errorf("median busy %v leaves more than a batch (%v) of the %v budget unused", median, batch, tc.budget)
			}
			if rows < 48 || s.mapper.done == nil {
				t.Errorf("decision map starved: %d rows", rows)
			}
		})
	}
}

// TestOverlongStepStillProgresses: a batch that alone exceeds the budget
// runs once per frame and is flagged, instead of never running.
func TestOverlongStepStillProgresses(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	withCosts(s, clk, 100*time.Microsecond, 30*time.Microsecond, 100*time.Microsecond) // 15 ms batches
	s.Play()
	over := 0
	for range 20 {
		st := s.Frame(8 * time.Millisecond)
		if st.Steps > 1 {
			t.Fatalf("ran %d over-long steps in one frame", st.Steps)
		}
		if st.OverBudget {
			over++
		}
	}
	if over < 15 || s.tr.Batches() < 15 {
		t.Errorf("%d over-budget frames, %d batches; want one batch per frame", over, s.tr.Batches())
	}
}

// BenchmarkFrameRealClock measures the scheduler with the real trainer
// and the real clock: how long frames with the default budget actually
// take (median and 90th percentile, ms) and the share of frames more than
// 1 ms over budget. Timing on a shared machine is noisy, so this is a
// benchmark, not a test; the exact guarantee is TestFrameKeepsBudget's.
func BenchmarkFrameRealClock(b *testing.B) {
	s, err := NewSession(Options{})
	if err != nil {
		b.Fatal(err)
	}
	s.Play()
	budget := DefaultBudget
	var busy []time.Duration
	samples := 0
	for b.Loop() {
		st := s.Frame(budget)
		busy = append(busy, st.Busy)
		samples += st.Samples
	}
	if samples == 0 {
		b.Fatal("no training happened")
	}
	slices.Sort(busy)
	over := 0
	for _, d := range busy {
		if d > budget+time.Millisecond {
			over++
		}
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(busy[len(busy)/2]), "median-ms")
	b.ReportMetric(ms(busy[len(busy)*9/10]), "p90-ms")
	b.ReportMetric(float64(over)/float64(len(busy)), "over-budget")
	b.ReportMetric(float64(samples)/float64(len(busy)), "samples/frame")
}

// TestPlayReachesNinetyPercent: frames of the default budget train the
// flagship to 90 % validation accuracy, as the browser test expects.
func TestPlayReachesNinetyPercent(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for seconds")
	}
	s, err := NewSession(Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Play()
	start := time.Now()
	for time.Since(start) < 60*time.Second {
		s.Frame(DefaultBudget)
		if e, ok := s.Snapshot().Last(); ok && e.ValAcc >= 0.9 {
			t.Logf("epoch %d: validation %.1f %% after %v", e.Epoch, 100*e.ValAcc, time.Since(start))
			return
		}
	}
	t.Fatalf("no 90 %% within 60 s: %+v", s.Snapshot().History)
}

func TestFinishPauses(t *testing.T) {
	set := smallSettings(t)
	s, _ := newTestSession(t, set)
	s.tr.SetEpochs(1)
	s.Play()
	for range 1000 {
		s.Frame(time.Hour)
		if !s.Playing() {
			break
		}
	}
	snap := s.Snapshot()
	if snap.Playing || !snap.Finished || snap.Epoch != 1 || snap.IsError || snap.Message == "" {
		t.Errorf("after the last epoch: playing %v, finished %v, epoch %d, message %q", snap.Playing, snap.Finished, snap.Epoch, snap.Message)
	}
	// Play again: training goes on past the recipe's epochs.
	if err := s.Play(); err != nil || !s.Playing() {
		t.Fatalf("Play after the last epoch: %v", err)
	}
	if got := s.tr.Config().Epochs; got <= 1 {
		t.Fatalf("the run still ends at epoch %d", got)
	}
	for range 1000 {
		s.Frame(time.Hour)
		if s.tr.Progress().Epochs >= 2 {
			break
		}
	}
	if s.tr.Progress().Epochs < 2 {
		t.Error("no epoch past the recipe's end was trained")
	}
}

func TestSamplesPerSecond(t *testing.T) {
	s, clk := newTestSession(t, smallSettings(t))
	withCosts(s, clk, 20*time.Microsecond, 10*time.Microsecond, 100*time.Microsecond)
	s.Play()
	for range 100 {
		clk.Advance(8 * time.Millisecond)
		s.Frame(8 * time.Millisecond)
	}
	snap := s.Snapshot()
	// Training gets about half of each 16 ms frame at 20 µs a sample:
	// some 25,000 samples/s of wall time, 50,000 of training time.
	if snap.SamplesPerSec < 15000 || snap.SamplesPerSec > 35000 {
		t.Errorf("samples/s %v, want about 25000", snap.SamplesPerSec)
	}
	if snap.ComputeRate < 35000 || snap.ComputeRate > 60000 {
		t.Errorf("compute rate %v, want about 50000", snap.ComputeRate)
	}
}

// TestSnapshotTestAccuracy: no test accuracy before the first epoch; after
// it, the accuracy of the model on the test split, as the run evaluates it.
func TestSnapshotTestAccuracy(t *testing.T) {
	s, _ := newTestSession(t, smallSettings(t))
	if acc := s.Snapshot().TestAcc; !math.IsNaN(acc) {
		t.Fatalf("test accuracy %v before the first epoch", acc)
	}
	for s.tr.Progress().Epochs == 0 {
		s.step(100)
	}
	_, want := s.rn.Evaluate(run.TestSplit)
	if got := s.Snapshot().TestAcc; got != want || got <= 0 {
		t.Fatalf("test accuracy %v, want %v", got, want)
	}
}
