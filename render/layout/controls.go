package layout

// Insets are the parts of the canvas the HTML controls cover: a column at
// the left on a wide screen, a bar at the top on a narrow one.
type Insets struct{ Left, Top float64 }

// Scaled is in in device pixels, from CSS pixels at scale.
func (in Insets) Scaled(scale float64) Insets { return Insets{in.Left * scale, in.Top * scale} }

// The page's two arrangements of its controls (CSS pixels). style.css
// uses the same numbers in its media query and sizes.
const (
	// DrawerBelow is the window width below which the controls are a bar
	// at the top (run buttons and status) with the settings in a drawer
	// that opens over the views, instead of a column at the left.
	DrawerBelow = 1000
	// PanelWidth is the width of the column of controls.
	PanelWidth = 300
	// BarHeight is about how tall the bar is without a message; the page
	// measures the real height, this is what the layout tests assume.
	BarHeight = 92
)

// ControlsFor is where the controls are on a window of w×h CSS pixels.
func ControlsFor(w, h float64) Insets {
	if w < DrawerBelow {
		return Insets{Top: BarHeight}
	}
	return Insets{Left: PanelWidth}
}
