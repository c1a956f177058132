package app

import "time"

// Pacer sets each frame's training budget from the measured frame period:
// training may take Share of the wall time, never less than Min nor more
// than Max per frame. At 60 frames per second a share of ½ is the 8 ms
// default. When the browser draws fewer frames — a slow or software GPU,
// whose work runs in another process while the page's thread waits —
// training keeps its share of the wall time instead of starving, and Max
// bounds how long a click may wait behind it.
type Pacer struct {
	Share    float64
	Min, Max time.Duration

	last   time.Time     // start of the previous frame
	period time.Duration // smoothed time between frames
}

// DefaultShare is the part of the wall time training may take.
const DefaultShare = 0.5

// DefaultMaxBudget bounds the training time of one frame.
const DefaultMaxBudget = 100 * time.Millisecond

// NewPacer returns a pacer with the default share and bounds.
func NewPacer() *Pacer {
	return &Pacer{Share: DefaultShare, Min: DefaultBudget, Max: DefaultMaxBudget}
}

// Budget records a frame starting at now and returns its training budget.
func (p *Pacer) Budget(now time.Time) time.Duration {
	if !p.last.IsZero() {
		// A hidden tab stops frames; one long gap must not set the
		// budget for the frames after it.
		d := min(max(now.Sub(p.last), 0), time.Second)
		p.period += (d - p.period) / 4
	}
	p.last = now
	b := time.Duration(p.Share * float64(p.period))
	return min(max(b, p.Min), p.Max)
}

// Rest records that the page skipped a frame because nothing changed: the
// time until the next frame it runs is a pause, not a frame period, and
// must not stretch the next budget (a first step after a minute of rest
// would otherwise train for the maximum at once).
func (p *Pacer) Rest() { p.last = time.Time{} }
