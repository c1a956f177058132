//go:build js

package render

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"delaylab/app"
	"delaylab/render/layout"
)

// Options connect a Game to its page.
type Options struct {
	// Budget is the least training time per frame; 0 means
	// app.DefaultBudget. See TrainShare for how it grows.
	Budget time.Duration
	// MaxBudget caps the training time per frame (and so the extra delay
	// a click may wait); 0 means DefaultMaxBudget.
	MaxBudget time.Duration
	// Inset returns how many CSS pixels on the left the HTML controls
	// cover; nil means none.
	Inset func() float64
	// Publish, if set, is called after every update with the new snapshot
	// and the frame statistics (the page's status line).
	Publish func(s *app.Snapshot, st app.PageStats)
	// FirstFrame, if set, is called once the first frame has been drawn
	// (handed to the GPU): the page is ready.
	FirstFrame func()
}

// TrainShare is the part of the wall time that training may take. The
// per-frame budget is this share of the measured frame period, never less
// than Options.Budget nor more than Options.MaxBudget: at 60 frames per
// second that is the 8 ms default; when the browser draws fewer frames (a
// slow or software-rendered GPU, whose work runs in another process while
// the page's thread waits) training still gets its share instead of
// starving.
const TrainShare = 0.5

// DefaultMaxBudget bounds the training time of one frame.
const DefaultMaxBudget = 100 * time.Millisecond

// Game is the ebiten.Game of the page: each update runs one session frame
// (commands, replay clock, training within the budget) and takes a
// snapshot; each draw renders the latest snapshot.
type Game struct {
	s        *app.Session
	opt      Options
	view     *View
	snap     app.Snapshot
	have     bool
	meter    app.FrameMeter
	last     time.Time     // start of the previous update
	period   time.Duration // smoothed time between updates
	scale    float64
	dragging bool
	pointer  pointerQueue
	at       layout.Pt // last pointer position, device pixels
	inside   bool      // the pointer is over the canvas
}

// NewGame returns the page's game for session s.
func NewGame(s *app.Session, opt Options) *Game {
	if opt.Budget == 0 {
		opt.Budget = app.DefaultBudget
	}
	if opt.MaxBudget == 0 {
		opt.MaxBudget = DefaultMaxBudget
	}
	return &Game{s: s, opt: opt, view: NewView(), scale: 1}
}

// Run starts the game loop: one update per displayed frame (so the
// training budget is per frame, not per tick), running while the page is
// not focused (training continues while the user reads the controls).
func Run(g *Game) error {
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetWindowTitle("DelayLab")
	ebiten.SetWindowSize(1400, 900)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	return ebiten.RunGame(g)
}

// Update implements ebiten.Game.
func (g *Game) Update() error {
	t0 := time.Now()
	g.input()
	g.s.Frame(g.budget(t0))
	g.snap = g.s.Snapshot()
	g.have = true
	g.meter.Update(time.Since(t0))
	if g.opt.Publish != nil {
		g.opt.Publish(&g.snap, g.meter.Stats())
	}
	return nil
}

// budget is this frame's training time: TrainShare of the frame period.
func (g *Game) budget(now time.Time) time.Duration {
	if !g.last.IsZero() {
		d := min(now.Sub(g.last), time.Second) // a hidden tab pauses frames
		g.period += (d - g.period) / 4
	}
	g.last = now
	b := time.Duration(TrainShare * float64(g.period))
	return min(max(b, g.opt.Budget), g.opt.MaxBudget)
}

// Draw implements ebiten.Game.
func (g *Game) Draw(screen *ebiten.Image) {
	if !g.have {
		screen.Fill(colBackground)
		return
	}
	t0 := time.Now()
	inset := 0.0
	if g.opt.Inset != nil {
		inset = g.opt.Inset() * g.scale
	}
	g.view.Draw(screen, &g.snap, inset, g.scale)
	now := time.Now()
	g.meter.Draw(now, now.Sub(t0))
	if g.meter.Stats().Frames == 1 && g.opt.FirstFrame != nil {
		g.opt.FirstFrame()
	}
}

// Layout implements ebiten.Game: the screen has one pixel per device pixel,
// so text and lines are sharp on high-density displays.
func (g *Game) Layout(w, h int) (int, int) {
	g.scale = ebiten.Monitor().DeviceScaleFactor()
	if g.scale <= 0 {
		g.scale = 1
	}
	return int(float64(w) * g.scale), int(float64(h) * g.scale)
}
