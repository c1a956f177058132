package dataset

import (
	"math"

	"gonum.org/v1/gonum/mathext/prng"
)

// Geometry of the Yin-Yang symbol (Kriener et al.): the big circle has radius
// yyBig and is centred at (yyBig, yyBig), so with yyBig = 0.5 the data fill
// the unit square; the two dots have radius yySmall.
const (
	yySmall = 0.1
	yyBig   = 0.5
)

// Reference seeds and sizes of the published Yin-Yang splits.
const (
	yyTrainSeed      = 42
	yyValidationSeed = 41
	yyTestSeed       = 40
)

// YinYang returns n samples of the Yin-Yang data set generated from seed.
//
// The result is bit-identical to the reference Python generator, which uses
// numpy's legacy RandomState(seed): for each sample it draws a goal class
// with randint(3), then draws points uniformly in the bounding square until
// one inside the big circle has the goal class. Drawing the class first keeps
// the three classes balanced although their areas differ.
func YinYang(n int, seed uint32) []Point {
	rs := newRandomState(seed)
	pts := make([]Point, n)
	for i := range pts {
		goal := rs.randint3()
		for {
			// numpy computes rand(2) * 2. * r_big left to right; the factors
			// are powers of two, so the products are exact either way.
			x := rs.rand() * 2 * yyBig
			y := rs.rand() * 2 * yyBig
			if math.Sqrt((x-yyBig)*(x-yyBig)+(y-yyBig)*(y-yyBig)) > yyBig {
				continue
			}
			if c := yinYangClass(x, y); c == goal {
				pts[i] = Point{X: x, Y: y, Label: c}
				break
			}
		}
	}
	return pts
}

// yinYangClass returns 0 (yin), 1 (yang) or 2 (dot) for a point inside the
// big circle, transcribing the reference which_class, including its mix of
// strict and non-strict comparisons.
func yinYangClass(x, y float64) int {
	dr := math.Sqrt((x-1.5*yyBig)*(x-1.5*yyBig) + (y-yyBig)*(y-yyBig))
	dl := math.Sqrt((x-0.5*yyBig)*(x-0.5*yyBig) + (y-yyBig)*(y-yyBig))
	if dr < yySmall || dl < yySmall {
		return 2
	}
	if dr <= yySmall || (yySmall < dl && dl <= 0.5*yyBig) || (y > yyBig && dr > 0.5*yyBig) {
		return 1
	}
	return 0
}

// randomState is the subset of numpy's legacy RandomState that the reference
// generator uses, on top of the same MT19937 stream.
type randomState struct {
	src *prng.MT19937
}

// newRandomState seeds like RandomState(seed): init_genrand with the 32-bit
// seed, which is what prng.MT19937.Seed does.
func newRandomState(seed uint32) randomState {
	src := prng.NewMT19937()
	src.Seed(uint64(seed))
	return randomState{src: src}
}

// randint3 mirrors randint(3): numpy masks a 32-bit draw with the smallest
// all-ones mask covering the range (3) and redraws values above 2.
func (r randomState) randint3() int {
	for {
		if v := r.src.Uint32() & 3; v <= 2 {
			return int(v)
		}
	}
}

// rand mirrors random_sample: a 53-bit double built from the top 27 bits of
// one draw and the top 26 bits of the next.
func (r randomState) rand() float64 {
	a := r.src.Uint32() >> 5
	b := r.src.Uint32() >> 6
	return (float64(a)*67108864 + float64(b)) / 9007199254740992
}
