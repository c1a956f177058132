package app

import "time"

// PageStats is what the page measures about its own frames, for the status
// line and the browser tests (is it smooth, where does the time go).
type PageStats struct {
	Frames   int     // frames drawn so far
	FPS      float64 // frames per second, over the last second or so
	UpdateMS float64 // mean time of an update (commands, training, snapshot)
	DrawMS   float64 // mean time of a draw (building the picture, not the GPU)
}

// FrameMeter accumulates PageStats; the renderer calls it.
type FrameMeter struct {
	stats        PageStats
	winStart     time.Time
	winFrames    int
	upSum, drSum time.Duration
	ups, drs     int
}

// Update records the duration of one update.
func (m *FrameMeter) Update(d time.Duration) { m.upSum += d; m.ups++ }

// Draw records one drawn frame that took d, ending at now.
func (m *FrameMeter) Draw(now time.Time, d time.Duration) {
	m.stats.Frames++
	m.drSum += d
	m.drs++
	m.winFrames++
	if m.winStart.IsZero() {
		m.winStart = now
		return
	}
	if el := now.Sub(m.winStart); el >= time.Second {
		m.stats.FPS = float64(m.winFrames) / el.Seconds()
		m.stats.UpdateMS = ms(m.upSum) / float64(max(m.ups, 1))
		m.stats.DrawMS = ms(m.drSum) / float64(max(m.drs, 1))
		m.winStart, m.winFrames = now, 0
		m.upSum, m.drSum, m.ups, m.drs = 0, 0, 0, 0
	}
}

// Stats returns the figures so far.
func (m *FrameMeter) Stats() PageStats { return m.stats }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
