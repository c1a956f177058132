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
	// Pacer sets each frame's training budget; nil means app.NewPacer().
	Pacer *app.Pacer
	// Insets returns what the HTML controls cover of the canvas, in CSS
	// pixels; nil means nothing.
	Insets func() layout.Insets
	// Publish, if set, is called after every update with the new snapshot
	// and the frame statistics (the page's status line).
	Publish func(s *app.Snapshot, st app.PageStats)
	// FirstFrame, if set, is called once the first frame has been drawn
	// (handed to the GPU): the page is ready.
	FirstFrame func()
	// Mark, if set, records a start-up phase by name: the first update
	// ("first-update", after Ebiten's graphics set-up) and the first draw of
	// a snapshot ("first-draw"), so that a slow first frame can be split.
	Mark func(name string)
	// EdgeClick, if set, is called on the game goroutine when a click pins
	// an edge (pinned true, with the click's CSS pixel position on the
	// canvas) or unpins it (pinned false): the page's edge editor.
	EdgeClick func(e app.EdgeRef, pinned bool, x, y float64)
	// Due, if set, returns when the page has work due that waits for a
	// time rather than for a change (a save, a comparison), or the zero
	// time for none: a page at rest wakes up for it (rest.go).
	Due func() time.Time
	// Drawn, if set, is called after every frame that was drawn, with the
	// number drawn so far.
	Drawn func(frames int)
}

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
	scale    float64
	dragging bool
	pointer  pointerQueue
	at       layout.Pt // last pointer position, device pixels
	inside   bool      // the pointer is over the canvas
	hovered  app.NeuronRef
	cursor   ebiten.CursorShapeType

	// dirty is set when the picture on screen no longer shows the
	// snapshot: Draw draws only then. size and inset are what the last
	// frame was drawn for. wake ends a rest (rest.go).
	dirty bool
	size  [2]int
	inset layout.Insets
	wake  chan struct{}
}

// NewGame returns the page's game for session s.
func NewGame(s *app.Session, opt Options) *Game {
	if opt.Pacer == nil {
		opt.Pacer = app.NewPacer()
	}
	g := &Game{s: s, opt: opt, view: NewView(), scale: 1, wake: make(chan struct{}, 1)}
	s.OnPost(g.Wake)
	return g
}

// Run starts the game loop: one update per displayed frame (so the
// training budget is per frame, not per tick), running while the page is
// not focused (training continues while the user reads the controls).
//
// The screen is kept between frames (not cleared), so a frame with nothing
// new is not drawn at all; and when nothing goes on, Update rests until
// something does (rest.go).
func Run(g *Game) error {
	ebiten.SetTPS(ebiten.SyncWithFPS)
	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetWindowTitle("DelayLab")
	ebiten.SetWindowSize(1400, 900)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	return ebiten.RunGame(g)
}

// Update implements ebiten.Game.
func (g *Game) Update() error {
	if !g.have && g.opt.Mark != nil {
		g.opt.Mark("first-update")
	}
	moved := g.sense()
	if g.atRest(moved) {
		g.rest()
		moved = g.sense()
	}
	t0 := time.Now()
	st := g.s.Frame(g.opt.Pacer.Budget(t0))
	g.dirty = g.dirty || st.Changed || moved || !g.have
	g.snap = g.s.Snapshot()
	g.have = true
	g.meter.Update(time.Since(t0))
	if g.opt.Publish != nil {
		g.opt.Publish(&g.snap, g.meter.Stats())
	}
	return nil
}

// Draw implements ebiten.Game.
func (g *Game) Draw(screen *ebiten.Image) {
	if !g.have {
		screen.Fill(colBackground)
		return
	}
	if !g.dirty {
		return // the screen still shows this snapshot
	}
	if g.meter.Stats().Frames == 0 && g.opt.Mark != nil {
		g.opt.Mark("first-draw")
	}
	t0 := time.Now()
	g.view.Draw(screen, &g.snap, g.inset, g.scale)
	g.dirty = false
	now := time.Now()
	g.meter.Draw(now, now.Sub(t0))
	frames := g.meter.Stats().Frames
	if frames == 1 && g.opt.FirstFrame != nil {
		g.opt.FirstFrame()
	}
	if g.opt.Drawn != nil {
		g.opt.Drawn(frames)
	}
}

// Layout implements ebiten.Game: the screen has one pixel per device pixel,
// so text and lines are sharp on high-density displays.
func (g *Game) Layout(w, h int) (int, int) {
	g.scale = ebiten.Monitor().DeviceScaleFactor()
	if g.scale <= 0 {
		g.scale = 1
	}
	size := [2]int{int(float64(w) * g.scale), int(float64(h) * g.scale)}
	if size != g.size {
		// Ebiten makes a new, empty screen for a new size.
		g.size, g.dirty = size, true
	}
	return size[0], size[1]
}
