// Package render draws an app.Snapshot with Ebitengine: the network with
// spikes in flight, the decision map, the spike raster with a membrane
// trace, and the training curves, each with a legend. It holds no training
// logic; the state it keeps is what the mouse is over and whether the
// picture on screen is current: a page at rest draws nothing and waits
// (rest.go).
//
// Every file but this one builds only for js/wasm: the native build of the
// module then never links Ebiten's desktop backend (cgo, X11), so native
// tests need no display. Geometry and hit testing live in render/layout, which does not import
// ebiten and is tested natively. Text is drawn with Ebiten's text/v2 from
// the Go fonts (golang.org/x/image/font/gofont), not ebitenutil, which
// would pull net/http into the WebAssembly binary.
package render
