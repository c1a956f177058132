// Package layout is the geometry of DelayLab's canvas: where the controls
// are (a column at the left on wide windows, a bar at the top below
// DrawerBelow), where each view goes (a 2×2 grid, or stacked on a narrow
// area), where each neuron, edge and data point is, and what lies under
// the mouse. It is pure arithmetic on float64 screen coordinates (device
// pixels, origin top left), free of ebiten, so that hit testing is tested
// natively and the renderer and the input handling can never disagree
// about positions.
package layout
