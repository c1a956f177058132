package dataset

// Features is the number of input spikes per sample: x, y, 1−x and 1−y.
// The mirrored pair gives every sample the same total input, so the network
// cannot tell classes apart by how much input arrives, only by when.
const Features = 4

// Coding is the latency code that turns a Point into input spike times.
// A feature v in [0,1] fires once at TEarly + v·(TLate−TEarly): small values
// spike early. Times are in units of the synaptic time constant τs.
//
// The zero Coding puts every spike at time 0; use DefaultCoding.
type Coding struct {
	TEarly, TLate float64
}

// DefaultCoding returns the code of the reference experiments (docs/science.md
// §7): spikes between 0.15 and 2.0 τs.
func DefaultCoding() Coding {
	return Coding{TEarly: 0.15, TLate: 2.0}
}

// Encode appends the Features spike times of p to dst, in the order x, y,
// 1−x, 1−y, and returns the extended slice.
func (c Coding) Encode(dst []float64, p Point) []float64 {
	span := c.TLate - c.TEarly
	return append(dst,
		c.TEarly+p.X*span,
		c.TEarly+p.Y*span,
		c.TEarly+(1-p.X)*span,
		c.TEarly+(1-p.Y)*span,
	)
}

// EncodeAll codes every point: one row of Features spike times per point,
// sharing one backing array, and the labels.
func (c Coding) EncodeAll(pts []Point) (features [][]float64, labels []int) {
	flat := make([]float64, 0, len(pts)*Features)
	features = make([][]float64, len(pts))
	labels = make([]int, len(pts))
	for i, p := range pts {
		flat = c.Encode(flat, p)
		features[i] = flat[i*Features : (i+1)*Features : (i+1)*Features]
		labels[i] = p.Label
	}
	return features, labels
}
