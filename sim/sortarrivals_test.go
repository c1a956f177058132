package sim

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestInsertionSortsAreStable: both of sortArrivals' insertion sorts (the
// linear one natively, the bisecting one under WebAssembly) order
// arrivals by time exactly as a stable sort does, ties in their original
// order, so that both platforms see the same arrivals in the same order
// (beyond 32 arrivals sortArrivals' Shell passes come first, the same on
// both, and order ties their own way).
func TestInsertionSortsAreStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 3000 {
		n := trial % 41
		a := make([]arrival, n)
		for i := range a {
			// Few distinct times, so that ties are common.
			a[i] = arrival{t: float64(rng.IntN(1+n/3)) * 0.25, w: float64(i)}
			if trial%3 == 0 {
				a[i].t = rng.Float64()*4 - 1
			}
		}
		want := slices.Clone(a)
		slices.SortStableFunc(want, func(x, y arrival) int { return cmp.Compare(x.t, y.t) })
		for _, sorter := range []struct {
			name string
			sort func([]arrival)
		}{{"insertLinear", insertLinear}, {"insertBinary", insertBinary}, {"sortArrivals", sortArrivals}} {
			if sorter.name == "sortArrivals" && n > 32 {
				continue
			}
			got := slices.Clone(a)
			sorter.sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%s of %v:\n got %v\nwant %v", sorter.name, a, got, want)
			}
		}
	}
}
