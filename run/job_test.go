package run

import (
	"slices"
	"testing"
	"time"

	"delaylab/checkpoint"
)

// stepClock is a clock that moves by one millisecond per reading, so a job
// of budget b runs about b/2 steps whatever the machine's speed.
type stepClock struct{ t time.Time }

func (c *stepClock) now() time.Time { c.t = c.t.Add(time.Millisecond); return c.t }

// TestJobsTrainLikeOneRun: a run trained in jobs — each through a real
// checkpoint to the engine and back, as the page's worker does — ends
// bit for bit where the run trained straight through ends, on the ideal
// simulator and on the chip.
func TestJobsTrainLikeOneRun(t *testing.T) {
	for _, preset := range []string{"yinyang-h30-ws", "chip-yinyang-wa"} {
		t.Run(preset, func(t *testing.T) {
			straight, _ := smallRun(t, preset, 2, 5)
			for !straight.Done() {
				straight.Step(1)
			}
			jobbed, data := smallRun(t, preset, 2, 5)
			clk := &stepClock{}
			jobs := &Jobs{Now: clk.now}
			b, err := checkpoint.Marshal(jobbed.File(checkpoint.Meta{Program: "test"}))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for ; n < 1000; n++ {
				var busy time.Duration
				if b, busy, err = jobs.Train(b, 2*time.Millisecond); err != nil {
					t.Fatal(err)
				}
				if busy <= 0 {
					t.Fatalf("job %d reports %v of training", n, busy)
				}
				f, err := checkpoint.Unmarshal(b)
				if err != nil {
					t.Fatal(err)
				}
				if jobbed, err = OpenOn(f, data); err != nil {
					t.Fatal(err)
				}
				if jobbed.Done() {
					break
				}
			}
			if n < 4 {
				t.Fatalf("only %d jobs: the budget did not split the run", n+1)
			}
			if !slices.Equal(straight.History(), jobbed.History()) {
				t.Fatalf("histories differ:\n%+v\n%+v", straight.History(), jobbed.History())
			}
			for l, L := range straight.Model().Net.Layers {
				if !slices.Equal(L.Weights, jobbed.Model().Net.Layers[l].Weights) || !slices.Equal(L.Delays, jobbed.Model().Net.Layers[l].Delays) {
					t.Fatalf("layer %d differs after %d jobs", l, n+1)
				}
			}
		})
	}
}

// TestJobsRefuseBadInput: a damaged checkpoint is an error, not a panic.
func TestJobsRefuseBadInput(t *testing.T) {
	if _, _, err := (&Jobs{}).Train([]byte("DLAB nonsense"), time.Millisecond); err == nil {
		t.Fatal("a damaged job was trained")
	}
}

// TestJobSlicesTrainLikeOneRun: one run opened once and trained in slices,
// each handed out as a checkpoint (the worker between two changes of the
// model), ends where the straight run ends, and every handed-out
// checkpoint opens.
func TestJobSlicesTrainLikeOneRun(t *testing.T) {
	straight, _ := smallRun(t, "yinyang-h30-wa", 2, 0)
	for !straight.Done() {
		straight.Step(1)
	}
	sliced, data := smallRun(t, "yinyang-h30-wa", 2, 0)
	b, err := checkpoint.Marshal(sliced.File(checkpoint.Meta{Program: "test"}))
	if err != nil {
		t.Fatal(err)
	}
	clk := &stepClock{}
	jobs := &Jobs{Now: clk.now}
	if err := jobs.Open(b); err != nil {
		t.Fatal(err)
	}
	var last []byte
	slices_ := 0
	for jobs.Active() {
		if last, _, err = jobs.Slice(2 * time.Millisecond); err != nil {
			t.Fatal(err)
		}
		f, err := checkpoint.Unmarshal(last)
		if err != nil {
			t.Fatalf("slice %d: %v", slices_, err)
		}
		if _, err := OpenOn(f, data); err != nil {
			t.Fatalf("slice %d: %v", slices_, err)
		}
		slices_++
	}
	f, _ := checkpoint.Unmarshal(last)
	end, _ := OpenOn(f, data)
	if slices_ < 4 || !slices.Equal(straight.History(), end.History()) ||
		!slices.Equal(straight.Model().Net.Layers[0].Weights, end.Model().Net.Layers[0].Weights) {
		t.Fatalf("after %d slices the run differs from the straight one", slices_)
	}
}
