package sim

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// lambertRefPrec is the working precision, in bits, of the math/big
// reference values below.
const lambertRefPrec = 256

// lambertBigExp returns e^x to about prec bits: the Taylor series of
// e^r for r = x/2^k, |r| < 2^-12, then k squarings, with 64 guard bits.
func lambertBigExp(x *big.Float, prec uint) *big.Float {
	wp := prec + 64
	r := new(big.Float).SetPrec(wp).Set(x)
	k := 0
	if e := r.MantExp(nil); r.Sign() != 0 && e > -12 {
		k = e + 12
		r.SetMantExp(r, -k)
	}
	sum := new(big.Float).SetPrec(wp).SetInt64(1)
	term := new(big.Float).SetPrec(wp).SetInt64(1)
	n := new(big.Float).SetPrec(wp)
	for i := int64(1); ; i++ {
		term.Mul(term, r)
		term.Quo(term, n.SetInt64(i))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(wp) {
			break
		}
	}
	for range k {
		sum.Mul(sum, sum)
	}
	return sum
}

// lambertNewton applies Newton steps w ← w − (w·e^w − z)/((w+1)·e^w) at
// lambertRefPrec bits until the step is below 2^-(lambertRefPrec-8)·|w|
// or maxSteps steps were taken. It reports whether it converged.
func lambertNewton(w *big.Float, z float64, maxSteps int) bool {
	prec := uint(lambertRefPrec)
	zb := new(big.Float).SetPrec(prec).SetFloat64(z)
	f := new(big.Float).SetPrec(prec)
	fp := new(big.Float).SetPrec(prec)
	one := big.NewFloat(1)
	for range maxSteps {
		ew := lambertBigExp(w, prec)
		f.Mul(w, ew)
		f.Sub(f, zb)
		fp.Add(w, one)
		fp.Mul(fp, ew)
		f.Quo(f, fp)
		w.Sub(w, f)
		if f.Sign() == 0 || w.Sign() != 0 && f.MantExp(nil) < w.MantExp(nil)-int(prec-8) {
			return true
		}
	}
	return false
}

// lambertRef returns W0(z) to about 250 bits, independently of
// LambertW0: Newton's method on f(w) = w·e^w − z, started at a point
// w0 ≥ W0(z) (0 for z < 0, z for 0 < z ≤ 1, 1 + ln z for z > 1). f is
// increasing and convex on [−1, ∞), so the iterates decrease
// monotonically to the root. z must be > −1/e.
func lambertRef(t *testing.T, z float64) *big.Float {
	t.Helper()
	var w0 float64
	switch {
	case z == 0:
		return new(big.Float).SetPrec(lambertRefPrec)
	case z < 0:
		w0 = 0
	case z <= 1:
		w0 = z
	default:
		w0 = 1 + math.Log(z)
	}
	w := new(big.Float).SetPrec(lambertRefPrec).SetFloat64(w0)
	if !lambertNewton(w, z, 500) {
		t.Fatalf("reference W0(%v) did not converge", z)
	}
	return w
}

// lambertErr returns |got − want| in units of the spacing of float64 at
// want (ulps) and relative to |want|.
func lambertErr(got float64, want *big.Float) (ulps, rel float64) {
	wf, _ := want.Float64()
	diff := new(big.Float).SetPrec(lambertRefPrec).SetFloat64(got)
	diff.Sub(diff, want)
	d, _ := diff.Float64()
	d = math.Abs(d)
	if d == 0 {
		return 0, 0
	}
	ulp := math.Abs(math.Nextafter(wf, math.Inf(1)) - wf)
	if a := math.Abs(math.Nextafter(wf, math.Inf(-1)) - wf); a < ulp {
		ulp = a
	}
	return d / ulp, d / math.Abs(wf)
}

func TestLambertW0Special(t *testing.T) {
	t.Parallel()
	negZero := math.Copysign(0, -1)
	below := math.Nextafter(-1/math.E, math.Inf(-1))
	below2 := math.Nextafter(below, math.Inf(-1))
	for i, test := range []struct {
		z, want float64
	}{
		{math.NaN(), math.NaN()},
		{math.Inf(1), math.Inf(1)},
		{math.Inf(-1), math.NaN()},
		{-math.MaxFloat64, math.NaN()},
		{-1, math.NaN()},
		{-0.37, math.NaN()},
		// Three ulps below the float64 nearest −1/e: outside the domain.
		{math.Nextafter(below2, math.Inf(-1)), math.NaN()},
		// The float64 nearest −1/e is 1.24e-17 below −1/e; it and its two
		// lower neighbours are taken as the branch point.
		{-1 / math.E, -1},
		{below, -1},
		{below2, -1},
		{0, 0},
		{negZero, negZero},
		{math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64},
		{-math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64},
		{0x1p-1060, 0x1p-1060},
		{1e-300, 1e-300},
		{-1e-300, -1e-300},
	} {
		got := LambertW0(test.z)
		switch {
		case math.IsNaN(test.want):
			if !math.IsNaN(got) {
				t.Errorf("test %d: LambertW0(%v) = %v, want NaN", i, test.z, got)
			}
		case got != test.want || math.Signbit(got) != math.Signbit(test.want):
			t.Errorf("test %d: LambertW0(%v) = %v, want %v", i, test.z, got, test.want)
		}
	}
}

// lambertTable holds W0(z) for float64 arguments z to 40 significant
// digits. They were computed with lambertRef (Newton's method at 256 bits
// with math/big; TestLambertW0Table recomputes and checks them) and agree
// to 60 digits with mpmath 1.3.0 lambertw at 300 bits. The argument of
// each entry is the float64 value of the expression, not the exact real.
var lambertTable = []struct {
	z    float64
	want string
}{
	{math.Nextafter(-1/math.E, 0), "-0.9999999846957458715048286939393421507177"},
	{-1/math.E + 1e-16, "-0.9999999768481081575670496868360708553896"},
	{-1/math.E + 1e-10, "-0.9999766837418852391849678795002404498525"},
	{-0.3678794, "-0.9995269666077005325018726081762165835547"},
	{-0.3678, "-0.979360714957830517130292458791292026159"},
	{-0.36, "-0.806084315970817624450041805921681668719"},
	{-0.3, "-0.489402227180214933565021502577121264316"},
	{-0.25, "-0.3574029561813889030688111040559047533166"},
	{-0.1, "-0.1118325591589629718231908036388909398806"},
	{-1e-3, "-0.001001001502671885844253596128216892170902"},
	{-1e-10, "-1.000000000100000036447197322786847710572e-10"},
	{1e-10, "9.999999999000000364471973082086354510393e-11"},
	{1e-3, "0.0009990014973385309107329696759698807424711"},
	{0.5, "0.3517337112491958260249093009299510651715"},
	// Ω = 0.567143290409783872999968662210355549753815787…
	{1, "0.5671432904097838729999686622103555497538"},
	// float64(e) is below e, so W0 is just below 1 (and rounds to 1).
	{math.E, "0.9999999999999999734088114669705433241736"},
	{10, "1.745528002740699383074301264875389911535"},
	{1e3, "5.249602852401596227126056319697306282521"},
	{1e100, "224.8431064451185015552056097889864904583"},
	{1e300, "684.2472086297608492920157606522940852892"},
	{math.MaxFloat64, "703.2270331047701868757037139665666463554"},
}

func TestLambertW0Table(t *testing.T) {
	t.Parallel()
	const tol = 4 // ulps
	for i, test := range lambertTable {
		want, _, err := big.ParseFloat(test.want, 10, lambertRefPrec, big.ToNearestEven)
		if err != nil {
			t.Fatalf("test %d: %v", i, err)
		}
		// The table digits must be reproducible from lambertRef, to
		// 2^-128 relative (the 40 digits hold 132 bits).
		ref := lambertRef(t, test.z)
		if d := new(big.Float).Sub(ref, want); d.Sign() != 0 && d.MantExp(nil) > want.MantExp(nil)-128 {
			t.Errorf("test %d: table W0(%v) = %s, lambertRef gives %s", i, test.z, test.want, ref.Text('g', 40))
		}
		got := LambertW0(test.z)
		if ulps, rel := lambertErr(got, want); ulps > tol {
			t.Errorf("test %d: LambertW0(%v) = %v, want %s: error %.2f ulp (%.2g relative)", i, test.z, got, test.want, ulps, rel)
		}
	}
}

// lambertSamples returns n arguments spread over the whole domain with a
// fixed seed, plus the float64 neighbours of the boundaries between the
// methods of LambertW0.
func lambertSamples(n int) []float64 {
	rnd := rand.New(rand.NewPCG(1, 2))
	logUniform := func(lo, hi float64) float64 {
		return math.Pow(10, lo+(hi-lo)*rnd.Float64())
	}
	zmin := math.Nextafter(-1/math.E, 0) // smallest float64 > −1/e
	zs := make([]float64, 0, n+100)
	for i := range n {
		var z float64
		switch i % 8 {
		case 0, 1: // near the branch point
			z = max(-1/math.E+logUniform(-17, -0.6), zmin)
		case 2, 3: // the whole negative range
			z = -1 / math.E * rnd.Float64()
			z = max(z, zmin)
		case 4: // tiny of either sign, down to subnormal
			z = logUniform(-323, -2)
			if rnd.IntN(2) == 0 {
				z = -z
			}
		case 5: // moderate
			z = logUniform(-2, 1.5)
		case 6: // large
			z = logUniform(1.5, 308)
		case 7: // close to MaxFloat64
			z = math.MaxFloat64 * rnd.Float64()
		}
		zs = append(zs, z)
	}
	// The boundaries between the methods of LambertW0: the branch series
	// (p = 0.01) and its use as initial guess (p = 0.1), the iteration on
	// t = W0+1 (z = −0.3), the Taylor series (|z| = 1e-3), the residual
	// with e^−w − 1 (z = 1.25) and the initial guesses (z = 10).
	zp := func(p float64) float64 { return -1/math.E + p*p/(2*math.E) }
	for _, b := range []float64{zp(0.01), zp(0.1), -0.3, -1e-3, 1e-3, 1.25, 10} {
		lo, hi := b, b
		for range 4 {
			lo = math.Nextafter(lo, math.Inf(-1))
			hi = math.Nextafter(hi, math.Inf(1))
			zs = append(zs, lo, hi)
		}
		zs = append(zs, b)
	}
	return zs
}

func TestLambertW0Random(t *testing.T) {
	t.Parallel()
	const tol = 4 // ulps
	n := 10000
	if testing.Short() {
		n = 1000
	}
	var maxULP, maxRel, zULP, zRel float64
	for _, z := range lambertSamples(n) {
		got := LambertW0(z)
		if math.IsNaN(got) || got < -1 {
			t.Errorf("LambertW0(%v) = %v", z, got)
			continue
		}
		// Reference: Newton's method at 256 bits started at got; it
		// converges in two or three steps from a float64-accurate start.
		want := new(big.Float).SetPrec(lambertRefPrec).SetFloat64(got)
		if got != 0 && !lambertNewton(want, z, 8) {
			t.Errorf("reference W0(%v) did not converge from %v", z, got)
			continue
		}
		ulps, rel := lambertErr(got, want)
		if ulps > maxULP {
			maxULP, zULP = ulps, z
		}
		if rel > maxRel {
			maxRel, zRel = rel, z
		}
		if ulps > tol {
			w, _ := want.Float64()
			t.Errorf("LambertW0(%v) = %v, want %v: error %.2f ulp (%.2g relative)", z, got, w, ulps, rel)
		}
	}
	t.Logf("max error %.2f ulp at z = %v; max relative error %.3g at z = %v", maxULP, zULP, maxRel, zRel)
}

func TestLambertW0Monotone(t *testing.T) {
	t.Parallel()
	// Consecutive float64 values from the branch point up: W0 is steep
	// there (dW/dz ~ 1/sqrt(z+1/e)), so it must increase strictly.
	z := -1 / math.E
	prev := LambertW0(z)
	if prev != -1 {
		t.Fatalf("LambertW0(%v) = %v, want -1", z, prev)
	}
	for range 20000 {
		z = math.Nextafter(z, 0)
		w := LambertW0(z)
		if !(w > prev) || w < -1 {
			t.Fatalf("LambertW0(%v) = %v, not above %v at the previous float64", z, w, prev)
		}
		prev = w
	}
	// Log-spaced offsets from the branch point up to z = 0, across the
	// method boundaries.
	zs := make([]float64, 0, 4000)
	for i := range 4000 {
		zs = append(zs, -1/math.E+math.Pow(10, -16+15.6*float64(i)/3999))
	}
	zs = append(zs, -0.3, math.Nextafter(-0.3, 0), math.Nextafter(-0.3, -1))
	slices.Sort(zs)
	prev = -1
	for _, z := range zs {
		if z > 0 {
			break
		}
		w := LambertW0(z)
		if w < prev || w < -1 || w > 0 {
			t.Fatalf("LambertW0(%v) = %v, below %v at a smaller argument", z, w, prev)
		}
		prev = w
	}
}

func TestLambertW0Allocs(t *testing.T) {
	zs := []float64{-1 / math.E, -0.3678, -0.2, 1e-5, 0.5, 5, 1e300}
	if n := testing.AllocsPerRun(10, func() {
		for _, z := range zs {
			lambertSink += LambertW0(z)
		}
	}); n != 0 {
		t.Errorf("LambertW0 allocates: %v allocations per run", n)
	}
}

var lambertSink float64

func BenchmarkLambertW0(b *testing.B) {
	for _, bench := range []struct {
		name string
		z    float64
	}{
		{"branch", -1/math.E + 1e-6},
		{"-0.3", -0.3},
		{"-0.1", -0.1},
		{"tiny", 1e-5},
		{"0.5", 0.5},
		{"5", 5},
		{"1e3", 1e3},
		{"1e300", 1e300},
	} {
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			var s float64
			for b.Loop() {
				s += LambertW0(bench.z)
			}
			lambertSink = s
		})
	}
	// A mix of arguments of the τm = τs neuron, z ∈ [−1/e, 0).
	zs := make([]float64, 1024)
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range zs {
		zs[i] = -1 / math.E * rnd.Float64()
	}
	b.Run("neuron", func(b *testing.B) {
		var s float64
		i := 0
		for b.Loop() {
			s += LambertW0(zs[i&1023])
			i++
		}
		lambertSink = s
	})
}
