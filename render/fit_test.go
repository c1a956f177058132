package render

import (
	"fmt"
	"image/color"
	"testing"
	"time"

	"delaylab/app"
	"delaylab/dataset"
	"delaylab/render/layout"
	"delaylab/sim"
)

// recorder is a surface that keeps the text boxes and draws nothing.
type recorder struct{ texts []textBox }

type textBox struct {
	s string
	r layout.Rect
}

func (r *recorder) triangles([]vertex, []uint16)                 {}
func (r *recorder) points([]dataset.Point, layout.Rect, float64) {}
func (r *recorder) glyphs(s string, x, top, w, h float64, _ faceKey, _ color.Color) {
	r.texts = append(r.texts, textBox{s, layout.Rect{X: x, Y: top, W: w, H: h}})
}

// screens are the sizes the page must work at (CSS pixels): a phone, a
// tablet upright, a small laptop, a laptop, a desktop.
var screens = []struct{ w, h float64 }{{390, 844}, {768, 1024}, {1024, 700}, {1400, 900}, {1920, 1080}}

// trainedSnapshot is the page's session for settings set, trained for two
// epochs with its decision map done and replaying at time t.
func trainedSnapshot(t *testing.T, set *app.Settings) app.Snapshot {
	t.Helper()
	s, err := app.NewSession(app.Options{Settings: set})
	if err != nil {
		t.Fatal(err)
	}
	s.Post(func(s *app.Session) error { return s.Play() })
	for i := 0; i < 2000; i++ {
		s.Frame(40 * time.Millisecond)
		if snap := s.Snapshot(); snap.Epoch >= 2 {
			break
		}
	}
	s.Post(func(s *app.Session) error { return s.Pause() })
	for i := 0; i < 2000; i++ {
		s.Frame(40 * time.Millisecond)
		if snap := s.Snapshot(); snap.Map != nil && snap.Map.Version == snap.Version {
			break
		}
	}
	s.Post(func(s *app.Session) error { return s.SetReplayTime(1.5) })
	s.Frame(time.Millisecond)
	return s.Snapshot()
}

// TestViewsDoNotCollide draws the real views, at every screen size and
// scale, for networks of one and two hidden layers, and checks the
// geometry a user would see: panels inside the canvas and apart, every
// text inside one panel, no two texts on top of each other, and axes that
// run the right way.
func TestViewsDoNotCollide(t *testing.T) {
	two := app.PageSettings()
	two.Hidden = []int{20, 10}
	two.Delays = []sim.DelayKind{sim.DelayAxonal, sim.DelaySynaptic, sim.DelayDendritic}
	two.Dataset = "spirals"
	chipSet, err := app.PresetSettings("chip-yinyang-wa")
	if err != nil {
		t.Fatal(err)
	}
	snaps := map[string]app.Snapshot{
		"default":       trainedSnapshot(t, nil),
		"spirals 20,10": trainedSnapshot(t, &two),
		"chip copies":   trainedSnapshot(t, &chipSet),
	}
	for name, snap := range snaps {
		for _, sc := range screens {
			for _, scale := range []float64{1, 2} {
				t.Run(fmt.Sprintf("%s %gx%g@%g", name, sc.w, sc.h, scale), func(t *testing.T) {
					checkScreen(t, &snap, sc.w, sc.h, scale)
				})
			}
		}
	}
}

func checkScreen(t *testing.T, snap *app.Snapshot, w, h, scale float64) {
	in := layout.ControlsFor(w, h)
	v := NewView()
	rec := &recorder{}
	v.paint(rec, snap, w*scale, h*scale, in.Scaled(scale), scale)
	p := v.page
	panels := map[string]layout.Panel{"network": p.Network, "map": p.Map, "raster": p.Raster, "curves": p.Curves}
	area := p.Area
	for n, pa := range panels {
		if !inside(pa.Frame, area) {
			t.Errorf("%s panel %+v leaves the views' area %+v", n, pa.Frame, area)
		}
		if pa.Body.W < 60*scale || pa.Body.H < 40*scale {
			t.Errorf("%s panel's body %+v is too small to show anything", n, pa.Body)
		}
		for m, pb := range panels {
			if n < m && overlap(pa.Frame, pb.Frame) {
				t.Errorf("%s and %s panels overlap", n, m)
			}
		}
	}
	if ax := layout.TimeAxis(p.RasterBody, 4, scale); ax.To <= ax.From+40*scale {
		t.Errorf("time axis runs from %v to %v px", ax.From, ax.To)
	}
	// One device pixel of slack: line boxes include the font's leading.
	const slack = 1
	for i, a := range rec.texts {
		home := ""
		for n, pa := range panels {
			if inside(shrink(a.r, slack), pa.Frame) {
				home = n
			}
		}
		if home == "" {
			t.Errorf("text %q at %+v is not inside any panel", a.s, a.r)
		}
		for _, b := range rec.texts[i+1:] {
			if overlap(shrink(a.r, slack), shrink(b.r, slack)) {
				t.Errorf("texts %q %+v and %q %+v overlap", a.s, a.r, b.s, b.r)
			}
		}
	}
	if len(rec.texts) < 20 {
		t.Errorf("only %d texts drawn", len(rec.texts))
	}
}

func shrink(r layout.Rect, d float64) layout.Rect { return r.Inset(d) }

func overlap(a, b layout.Rect) bool {
	return a.X < b.Right() && b.X < a.Right() && a.Y < b.Bottom() && b.Y < a.Bottom()
}

func inside(a, b layout.Rect) bool {
	const eps = 1e-6
	return a.X >= b.X-eps && a.Y >= b.Y-eps && a.Right() <= b.Right()+eps && a.Bottom() <= b.Bottom()+eps
}

// triangleRecorder keeps the vertices drawn.
type triangleRecorder struct {
	recorder
	vs []vertex
}

func (r *triangleRecorder) triangles(vs []vertex, _ []uint16) { r.vs = append(r.vs, vs...) }

// TestReplayCursorStaysInPlot: a replay clock past the axis's end (Spirals'
// samples end early) draws the cursor at the plot's edge, not beyond it.
func TestReplayCursorStaysInPlot(t *testing.T) {
	body := layout.Rect{X: 100, Y: 50, W: 300, H: 100}
	ax := layout.TimeAxis(body, 2, 1)
	for _, tm := range []float64{-1, 0.5, 7} {
		rec := &triangleRecorder{}
		c := &canvas{surf: rec, scale: 1, fonts: newFonts()}
		(&View{}).timeCursor(c, &app.Snapshot{Time: tm}, ax, body)
		c.flush()
		if len(rec.vs) == 0 {
			t.Fatalf("time %v: no cursor drawn", tm)
		}
		for _, v := range rec.vs {
			if float64(v.X) < ax.From-2 || float64(v.X) > ax.To+2 {
				t.Errorf("time %v: cursor at x = %v, outside the plot [%v, %v]", tm, v.X, ax.From, ax.To)
				break
			}
		}
	}
}

// TestInputCopiesNamedByFeature: with every feature given several times
// (the chip presets' input copies), a row is named by its feature and the
// copy, tiled or interleaved alike.
func TestInputCopiesNamedByFeature(t *testing.T) {
	for _, tc := range []struct {
		features []int
		want     []string
	}{
		{[]int{0, 1, 2, 3, 0, 1, 2, 3}, []string{"x", "y", "1−x", "1−y", "x #2", "y #2", "1−x #2", "1−y #2"}},
		{[]int{0, 0, 1, 1, 2, 2, 3, 3}, []string{"x", "x #2", "y", "y #2", "1−x", "1−x #2", "1−y", "1−y #2"}},
	} {
		s := &app.Snapshot{InputFeature: tc.features}
		for i, want := range tc.want {
			if got := inputName(s, i); got != want {
				t.Errorf("features %v: row %d is %q, want %q", tc.features, i, got, want)
			}
		}
	}
}
