// Package render draws an app.Snapshot: the network with spikes in
// flight, the decision map, the spike raster with a membrane trace, and
// the training curves, each with a legend. It holds no training logic; the
// state it keeps is what the mouse is over and whether the picture on
// screen is current: a page at rest draws nothing and waits (rest.go).
//
// The views draw on a canvas, which builds triangles and places text, and
// the canvas hands them to a surface. Only the files that touch Ebiten
// (the Ebiten surface, the game loop, input, the sprite of data points)
// build for js/wasm alone; the drawing code builds natively too, so the
// layout test (fit_test.go) runs the real views on a surface that records
// every text box and checks, at a phone's, a tablet's and three desktop
// window sizes, that no two texts collide and none leaves its panel. Text
// that does not fit is shortened or left out by rules in fit.go (a
// subtitle is cut with "…", a legend uses short labels, a tick label gives
// way to another). The native build never links Ebiten's desktop backend
// (cgo, X11), so native tests need no display. Text is drawn with Ebiten's
// text/v2 from the Go fonts (golang.org/x/image/font/gofont), measured
// with the same faces natively; not ebitenutil, which would pull net/http
// into the WebAssembly binary.
package render
