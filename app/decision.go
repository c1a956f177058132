package app

import (
	"math"
	"time"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/sim"
)

// MapSize is the decision map's resolution per side. 48² = 2304 forward
// passes: about 10 ms natively and 30 ms in the browser, so the map is
// computed a row at a time inside the frame budget, never in one go.
const MapSize = 48

// mapInterval is the least time between two decision maps while training
// plays: the map follows training a few times a second without taking
// much of the budget from it.
const mapInterval = 400 * time.Millisecond

// DecisionMap is the class the model predicts over the unit square. It is
// immutable once published.
type DecisionMap struct {
	Size int
	// Class[iy*Size+ix] is the prediction at x = (ix+½)/Size,
	// y = (iy+½)/Size (row 0 is the bottom, y ≈ 0); −1 where every output
	// is silent.
	Class []int8
	// Margin is how long before the runner-up the winning output fired, in
	// τs, capped at 1: a measure of how sure the network is.
	Margin  []float32
	Version uint64 // the model version it shows
}

// mapper computes decision maps incrementally.
type mapper struct {
	dirty   bool      // the model changed since the last map started
	started time.Time // when the last map started
	job     *mapJob
	done    *DecisionMap // the latest finished map
}

type mapJob struct {
	model *delgrad.Model // a copy: training may change the live one
	ws    *sim.Workspace
	next  int // next row
	m     *DecisionMap
	in    []float64
	feat  []float64
}

func (p *mapper) reset() { *p = mapper{dirty: true} }

// maybeStart begins a new map of model if the model changed and the last
// map is old enough (while playing) or at once (while paused).
func (p *mapper) maybeStart(now time.Time, playing bool, m *delgrad.Model, version uint64) {
	if !p.dirty || p.job != nil {
		return
	}
	if playing && !p.started.IsZero() && now.Sub(p.started) < mapInterval {
		return
	}
	c := m.Clone()
	p.job = &mapJob{
		model: c,
		ws:    sim.NewWorkspace(c.Net),
		m: &DecisionMap{
			Size:    MapSize,
			Class:   make([]int8, MapSize*MapSize),
			Margin:  make([]float32, MapSize*MapSize),
			Version: version,
		},
	}
	p.dirty = false
	p.started = now
}

// row computes the next row of the running job and publishes the map when
// it is complete. It reports whether a row was computed.
func (p *mapper) row() bool {
	j := p.job
	if j == nil {
		return false
	}
	coding := dataset.DefaultCoding()
	iy := j.next
	for ix := range MapSize {
		pt := dataset.Point{X: (float64(ix) + 0.5) / MapSize, Y: (float64(iy) + 0.5) / MapSize}
		j.feat = coding.Encode(j.feat[:0], pt)
		j.in = j.model.InputTimes(j.in, j.feat)
		j.ws.Forward(j.model.Net, j.in)
		out := j.ws.Output()
		c := delgrad.Predict(out)
		i := iy*MapSize + ix
		j.m.Class[i] = int8(c)
		j.m.Margin[i] = float32(margin(out, c))
	}
	j.next++
	if j.next == MapSize {
		p.done = j.m
		p.job = nil
	}
	return true
}

// margin is the winner's lead over the runner-up, capped at 1.
func margin(out []float64, winner int) float64 {
	if winner < 0 {
		return 0
	}
	second := math.Inf(1)
	for k, t := range out {
		if k != winner && t < second {
			second = t
		}
	}
	return min(second-out[winner], 1)
}
