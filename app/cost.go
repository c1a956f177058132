package app

import "time"

// costModel predicts how long a unit of work takes from what the last ones
// took, so the scheduler can stop before a step would overrun the frame's
// budget instead of noticing afterwards.
//
// Costs are kept per sample because steps differ in size (the last batch of
// an epoch is short; validation runs in blocks), and separately for training
// (forward + backward + optimiser) and for evaluation (forward only), which
// differ by about 3×.
type costModel struct {
	train, eval, mapRow estimate
}

// estimate is an exponentially weighted mean of a cost per unit.
type estimate struct {
	perUnit float64 // seconds per unit
	n       int     // observations so far
}

// safety inflates predictions a little: a step that takes slightly longer
// than the mean must still fit.
const safety = 1.15

// observe records that units of work took d.
func (e *estimate) observe(units int, d time.Duration) {
	if units <= 0 {
		return
	}
	c := d.Seconds() / float64(units)
	if e.n < 2 {
		// The very first step pays for allocations and a cold cache; the
		// second replaces it rather than averaging with it.
		e.perUnit = c
	} else {
		// Weight recent steps more: costs drift as the network learns
		// (silent neurons are cheaper) and when the browser is busy.
		const alpha = 0.25
		e.perUnit += alpha * (c - e.perUnit)
	}
	e.n++
}

// predict is the expected duration of units of work; ok is false before the
// first observation.
func (e *estimate) predict(units int) (d time.Duration, ok bool) {
	if e.n == 0 {
		return 0, false
	}
	return time.Duration(e.perUnit * safety * float64(units) * float64(time.Second)), true
}

// rateMeter measures training throughput over windows of wall time.
type rateMeter struct {
	start       time.Time
	samples     int
	busy        time.Duration // time spent training in this window
	rate        float64       // samples per wall-clock second, last window
	computeRate float64       // samples per second of training time, last window
}

// window is how long the meter averages: long enough to span many frames,
// short enough that the number follows a change of settings.
const window = 700 * time.Millisecond

func (m *rateMeter) reset() { *m = rateMeter{} }

// add records samples trained in busy time, at wall time now; idle frames
// (paused) call it with zero samples so the window still advances.
func (m *rateMeter) add(now time.Time, samples int, busy time.Duration, playing bool) {
	if !playing {
		m.start = time.Time{}
		m.samples, m.busy = 0, 0
		return
	}
	if m.start.IsZero() {
		m.start = now
	}
	m.samples += samples
	m.busy += busy
	if el := now.Sub(m.start); el >= window {
		m.rate = float64(m.samples) / el.Seconds()
		if m.busy > 0 {
			m.computeRate = float64(m.samples) / m.busy.Seconds()
		}
		m.start, m.samples, m.busy = now, 0, 0
	}
}
