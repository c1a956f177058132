package dataset

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Default noise levels (standard deviation of the Gaussian jitter, in units
// of the unit square). They blur the class boundaries enough that a perfect
// score needs a smooth decision surface, yet leave each task clearly
// learnable.
const (
	defaultXorNoise     = 0.08
	defaultCirclesNoise = 0.03
	defaultSpiralsNoise = 0.02
)

// pcgStream is the second PCG seed word. Fixing it makes the first word the
// only seed a user has to remember.
const pcgStream = 0x6461746173657421 // "dataset!"

// Xor returns n samples of the XOR problem: four Gaussian blobs centred in the
// quadrants of the unit square, where the blobs at (¼,¼) and (¾,¾) are class 0
// and the other two class 1. noise is the blobs' standard deviation; points
// are clipped to [0,1]². Xor panics if noise is negative or not finite.
func Xor(n int, seed uint64, noise float64) []Point {
	checkNoise(noise)
	rng := rand.New(rand.NewPCG(seed, pcgStream))
	pts := make([]Point, n)
	for i := range pts {
		label := rng.IntN(2)
		// Class 0 sits on the main diagonal, class 1 on the anti-diagonal.
		cx := 0.25 + 0.5*float64(rng.IntN(2))
		cy := cx
		if label == 1 {
			cy = 1 - cx
		}
		pts[i] = Point{
			X:     clip01(cx + noise*rng.NormFloat64()),
			Y:     clip01(cy + noise*rng.NormFloat64()),
			Label: label,
		}
	}
	return pts
}

// Circles returns n samples of a disc inside a ring, both centred in the unit
// square: class 0 is uniform in the disc of radius 0.25, class 1 uniform in
// the ring between radii 0.35 and 0.5. Each coordinate then gets Gaussian
// jitter of standard deviation noise and is clipped to [0,1]. Circles panics
// if noise is negative or not finite.
func Circles(n int, seed uint64, noise float64) []Point {
	checkNoise(noise)
	rng := rand.New(rand.NewPCG(seed, pcgStream))
	pts := make([]Point, n)
	for i := range pts {
		label := rng.IntN(2)
		rIn, rOut := 0.0, 0.25
		if label == 1 {
			rIn, rOut = 0.35, 0.5
		}
		// Drawing r² uniformly makes the density uniform in area.
		r := math.Sqrt(rIn*rIn + rng.Float64()*(rOut*rOut-rIn*rIn))
		phi := 2 * math.Pi * rng.Float64()
		pts[i] = Point{
			X:     clip01(0.5 + r*math.Cos(phi) + noise*rng.NormFloat64()),
			Y:     clip01(0.5 + r*math.Sin(phi) + noise*rng.NormFloat64()),
			Label: label,
		}
	}
	return pts
}

// spiralTurns is how often each spiral winds around the centre. One and a
// half turns make the arms interleave three times along any ray, which no
// single linear or radial cut can separate.
const spiralTurns = 1.5

// Spirals returns n samples of two interleaved Archimedean spirals centred in
// the unit square; class 1 is class 0 rotated by half a turn. The radius grows
// from 0.05 to 0.45 along each arm. Each coordinate then gets Gaussian jitter
// of standard deviation noise and is clipped to [0,1]. Spirals panics if noise
// is negative or not finite.
func Spirals(n int, seed uint64, noise float64) []Point {
	checkNoise(noise)
	rng := rand.New(rand.NewPCG(seed, pcgStream))
	pts := make([]Point, n)
	for i := range pts {
		label := rng.IntN(2)
		// t = √u spreads points evenly along the arm, whose length per unit
		// of t grows with the radius.
		t := math.Sqrt(rng.Float64())
		r := 0.05 + 0.4*t
		phi := 2*math.Pi*spiralTurns*t + math.Pi*float64(label)
		pts[i] = Point{
			X:     clip01(0.5 + r*math.Cos(phi) + noise*rng.NormFloat64()),
			Y:     clip01(0.5 + r*math.Sin(phi) + noise*rng.NormFloat64()),
			Label: label,
		}
	}
	return pts
}

// checkNoise panics on a noise level no caller should pass; Generate
// validates user input before it gets here.
func checkNoise(noise float64) {
	if !(noise >= 0) || math.IsInf(noise, 1) {
		panic(fmt.Sprintf("dataset: invalid noise %v", noise))
	}
}

// clip01 clamps v into [0,1]. Clipping piles the rare far tail onto the edge,
// which the latency code maps to the earliest or latest spike; that is
// harmless, whereas a coordinate outside [0,1] would leave the coding window.
func clip01(v float64) float64 {
	return min(max(v, 0), 1)
}
