package run

import (
	"reflect"
	"time"

	"delaylab/checkpoint"
	"delaylab/dataset"
)

// Jobs trains a run sent as a checkpoint, a slice of time at a time, and
// hands it back as a checkpoint after each slice: the engine behind the
// page's Web Worker (and its tests). A checkpoint resumes training
// exactly, so a run trained in slices is bit for bit the run trained in
// one go. Jobs keeps the last data set it made, since a run sent again
// (after an edit) names the same one.
type Jobs struct {
	spec   dataset.Spec
	coding dataset.Coding
	data   *Data
	run    *Run
	meta   checkpoint.Meta
	// Now is the clock (nil: time.Now); tests give a fake one.
	Now func() time.Time
}

// Open makes the run in checkpoint b the one Slice trains.
func (j *Jobs) Open(b []byte) error {
	j.run = nil
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		return err
	}
	spec, coding := f.Dataset()
	if j.data == nil || !reflect.DeepEqual(spec, j.spec) || coding != j.coding {
		d, err := LoadData(spec, coding)
		if err != nil {
			return &ContextError{Context: "data set", Err: err}
		}
		j.spec, j.coding, j.data = spec, coding, d
	}
	r, err := OpenOn(f, j.data)
	if err != nil {
		return err
	}
	j.run, j.meta = r, f.Meta
	return nil
}

// Active reports whether there is a run with training left.
func (j *Jobs) Active() bool { return j.run != nil && !j.run.Done() }

// Slice trains the open run until budget has passed (at least one step,
// never past its last epoch) and returns it as a checkpoint with the time
// spent training.
func (j *Jobs) Slice(budget time.Duration) ([]byte, time.Duration, error) {
	now := j.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	for j.Active() {
		j.run.Step(1)
		if now().Sub(start) >= budget {
			break
		}
	}
	busy := now().Sub(start)
	if j.run == nil {
		return nil, busy, nil
	}
	out, err := checkpoint.Marshal(j.run.File(j.meta))
	return out, busy, err
}

// Train is Open and one Slice.
func (j *Jobs) Train(b []byte, budget time.Duration) ([]byte, time.Duration, error) {
	if err := j.Open(b); err != nil {
		return nil, 0, err
	}
	return j.Slice(budget)
}
