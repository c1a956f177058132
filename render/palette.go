package render

import "image/color"

// The palette: a dark background so spikes and fills read as light, and
// colours chosen so the three meanings never share a hue family — red/blue
// for the weight sign, yellow for spikes, violet/teal/orange for classes.
var (
	colBackground = color.NRGBA{0x0d, 0x11, 0x17, 0xff}
	colPanel      = color.NRGBA{0x14, 0x1a, 0x22, 0xff} // plot areas and tooltips
	colBorder     = color.NRGBA{0x2a, 0x34, 0x42, 0xff}
	colText       = color.NRGBA{0xe6, 0xed, 0xf3, 0xff}
	colDim        = color.NRGBA{0x8b, 0x98, 0xa8, 0xff}
	colGrid       = color.NRGBA{0x24, 0x2d, 0x39, 0xff}
	colExc        = color.NRGBA{0xff, 0x6b, 0x5a, 0xff} // positive weight
	colInh        = color.NRGBA{0x4d, 0xa3, 0xff, 0xff} // negative weight
	colSpike      = color.NRGBA{0xff, 0xd8, 0x4d, 0xff}
	colDisc       = color.NRGBA{0x1e, 0x26, 0x31, 0xff}
	colRim        = color.NRGBA{0x5c, 0x6b, 0x7d, 0xff}
	colFill       = color.NRGBA{0xff, 0xa9, 0x4d, 0xff} // membrane potential above rest
	colFillNeg    = color.NRGBA{0x4d, 0xa3, 0xff, 0xff} // below rest
	colTrain      = color.NRGBA{0x8b, 0x98, 0xa8, 0xff}
	colVal        = color.NRGBA{0x5e, 0xe0, 0xb0, 0xff}
	colSelect     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// classColors are the classes' colours, in label order.
var classColors = []color.NRGBA{
	{0xb1, 0x8c, 0xff, 0xff}, // violet
	{0x3d, 0xd6, 0xb0, 0xff}, // teal
	{0xff, 0x9f, 0x43, 0xff}, // orange
	{0xff, 0x6b, 0xb5, 0xff},
	{0x9c, 0xe0, 0x4d, 0xff},
	{0x4d, 0xd2, 0xff, 0xff},
	{0xff, 0xe0, 0x66, 0xff},
	{0xd0, 0xd0, 0xd0, 0xff},
	{0xff, 0x80, 0x80, 0xff},
	{0x80, 0x9f, 0xff, 0xff},
}

// classColor is the colour of class k; −1 (no output fired) is grey.
func classColor(k int) color.NRGBA {
	if k < 0 || k >= len(classColors) {
		return color.NRGBA{0x55, 0x5d, 0x68, 0xff}
	}
	return classColors[k]
}

// withAlpha returns c with opacity a in [0,1].
func withAlpha(c color.NRGBA, a float64) color.NRGBA {
	c.A = uint8(min(max(a, 0), 1) * 255)
	return c
}

// mix blends a towards b by f in [0,1].
func mix(a, b color.NRGBA, f float64) color.NRGBA {
	f = min(max(f, 0), 1)
	l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f + 0.5) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}
