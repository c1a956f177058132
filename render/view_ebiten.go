//go:build js

package render

import (
	"github.com/hajimehoshi/ebiten/v2"

	"delaylab/app"
	"delaylab/render/layout"
)

// Draw draws s on dst, leaving what in (device pixels) covers to the HTML
// controls, at scale device pixels per CSS pixel.
func (v *View) Draw(dst *ebiten.Image, s *app.Snapshot, in layout.Insets, scale float64) {
	es, _ := v.surf.(*ebitenSurface)
	if es == nil {
		es = &ebitenSurface{fonts: v.fonts}
		v.surf = es
	}
	es.dst = dst
	dst.Fill(colBackground)
	b := dst.Bounds()
	v.paint(es, s, float64(b.Dx()), float64(b.Dy()), in, scale)
}
