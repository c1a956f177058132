// Package layout is the geometry of DelayLab's canvas: where each view,
// neuron, edge and data point is, and what lies under the mouse. It is
// pure arithmetic on float64 screen coordinates (device pixels, origin top
// left), free of ebiten, so that hit testing is tested natively and the
// renderer and the input handling can never disagree about positions.
package layout
