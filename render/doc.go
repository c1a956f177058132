// Package render draws an app.Snapshot with Ebitengine: the network with
// spikes in flight, the decision map, the spike raster with a membrane
// trace, and the training curves, each with a legend. It holds no training
// logic; the only state it keeps is what the mouse is over.
//
// Geometry and hit testing live in render/layout, which does not import
// ebiten and is tested natively. Text is drawn with Ebiten's text/v2 from
// the Go fonts (golang.org/x/image/font/gofont), not ebitenutil, which
// would pull net/http into the WebAssembly binary.
package render
