package run

import (
	"reflect"
	"time"

	"delaylab/checkpoint"
	"delaylab/dataset"
)

// Jobs trains runs sent as checkpoints, a slice of time at a time: the
// engine behind the page's Web Worker (and its tests). A checkpoint
// resumes training exactly, so a run trained in jobs is bit for bit the
// run trained in one go. Jobs keeps the last data set it made, since every
// job of a run names the same one.
type Jobs struct {
	spec   dataset.Spec
	coding dataset.Coding
	data   *Data
	// Now is the clock (nil: time.Now); tests give a fake one.
	Now func() time.Time
}

// Train opens the run in checkpoint b, trains it until budget has passed
// (at least one step, and never past its last epoch), and returns it as a
// checkpoint with the time spent training.
func (j *Jobs) Train(b []byte, budget time.Duration) ([]byte, time.Duration, error) {
	now := j.Now
	if now == nil {
		now = time.Now
	}
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		return nil, 0, err
	}
	spec, coding := f.Dataset()
	if j.data == nil || !reflect.DeepEqual(spec, j.spec) || coding != j.coding {
		d, err := LoadData(spec, coding)
		if err != nil {
			return nil, 0, &ContextError{Context: "data set", Err: err}
		}
		j.spec, j.coding, j.data = spec, coding, d
	}
	r, err := OpenOn(f, j.data)
	if err != nil {
		return nil, 0, err
	}
	start := now()
	for !r.Done() {
		r.Step(1)
		if now().Sub(start) >= budget {
			break
		}
	}
	busy := now().Sub(start)
	out, err := checkpoint.Marshal(r.File(f.Meta))
	return out, busy, err
}
