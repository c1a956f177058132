package dataset

import (
	"slices"
	"strings"
	"testing"
)

func TestGenerateDefaults(t *testing.T) {
	for _, name := range []string{"yinyang", "xor", "circles", "spirals"} {
		d, err := Generate(Spec{Name: name, Seed: 5})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(d.Train) != 5000 || len(d.Validation) != 1000 || len(d.Test) != 1000 {
			t.Errorf("%s: sizes %d/%d/%d, want 5000/1000/1000", name, len(d.Train), len(d.Validation), len(d.Test))
		}
		want := 2
		if name == "yinyang" {
			want = 3
		}
		if d.Classes != want || numClasses(d.Train, d.Validation, d.Test) != want {
			t.Errorf("%s: classes %d (labels seen %d), want %d", name, d.Classes, numClasses(d.Train, d.Validation, d.Test), want)
		}
		if slices.Equal(d.Validation, d.Test) {
			t.Errorf("%s: validation and test splits are identical", name)
		}
		// Generating DefaultSpec must match leaving the fields zero.
		s := DefaultSpec(name)
		s.Seed = 5
		d2, err := Generate(s)
		if err != nil || !slices.Equal(d.Train, d2.Train) || !slices.Equal(d.Test, d2.Test) {
			t.Errorf("%s: DefaultSpec differs from zero fields (err %v)", name, err)
		}
	}
}

func TestGenerateSynthetic(t *testing.T) {
	d, err := Generate(Spec{Name: "xor", Seed: 9, Train: 30, Validation: 20, Test: 10, Noise: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		got  []Point
		seed uint64
		n    int
	}{{d.Train, 9, 30}, {d.Validation, 10, 20}, {d.Test, 11, 10}} {
		if !slices.Equal(c.got, Xor(c.n, c.seed, 0.2)) {
			t.Errorf("split is not Xor(%d, %d, 0.2)", c.n, c.seed)
		}
	}
}

func TestGenerateCSV(t *testing.T) {
	for _, c := range []struct {
		n, train, val, test int
	}{
		{1, 1, 0, 0},
		{4, 4, 0, 0},
		{5, 3, 1, 1},
		{10, 8, 1, 1},
		{14, 12, 1, 1},
		{15, 11, 2, 2},
		{1000, 800, 100, 100},
	} {
		pts := make([]Point, c.n)
		for i := range pts {
			pts[i] = Point{X: float64(i) / float64(c.n), Y: 0.5, Label: i % 3}
		}
		orig := slices.Clone(pts)
		d, err := Generate(Spec{Name: "csv", Seed: 3, Points: pts})
		if err != nil {
			t.Fatalf("n=%d: %v", c.n, err)
		}
		if len(d.Train) != c.train || len(d.Validation) != c.val || len(d.Test) != c.test {
			t.Errorf("n=%d: sizes %d/%d/%d, want %d/%d/%d", c.n,
				len(d.Train), len(d.Validation), len(d.Test), c.train, c.val, c.test)
		}
		if !slices.Equal(pts, orig) {
			t.Errorf("n=%d: Generate modified Spec.Points", c.n)
		}
		wantClasses := min(c.n, 3)
		if d.Classes != wantClasses {
			t.Errorf("n=%d: classes %d, want %d", c.n, d.Classes, wantClasses)
		}
		// The splits must be a permutation of the input.
		all := slices.Concat(d.Train, d.Validation, d.Test)
		cmp := func(a, b Point) int {
			if a.X < b.X {
				return -1
			} else if a.X > b.X {
				return 1
			}
			return 0
		}
		slices.SortFunc(all, cmp)
		if !slices.Equal(all, orig) {
			t.Errorf("n=%d: splits are not a permutation of the points", c.n)
		}
		d2, _ := Generate(Spec{Name: "csv", Seed: 3, Points: pts})
		if !slices.Equal(d.Train, d2.Train) || !slices.Equal(d.Test, d2.Test) {
			t.Errorf("n=%d: same seed split differently", c.n)
		}
		if c.n == 1000 {
			d3, _ := Generate(Spec{Name: "csv", Seed: 4, Points: pts})
			if slices.Equal(d.Train, d3.Train) {
				t.Error("seeds 3 and 4 split identically")
			}
			if slices.Equal(d.Train[:100], orig[:100]) {
				t.Error("split did not shuffle")
			}
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		spec Spec
		want []string // substrings of the error
	}{
		{"unknown", Spec{Name: "mnist"}, []string{`"mnist"`, "yinyang, xor, circles, spirals, csv"}},
		{"empty name", Spec{}, []string{`""`, "yinyang"}},
		{"too big", Spec{Name: "yinyang", Train: 999_000, Test: 1001}, []string{"1000000"}},
		{"huge", Spec{Name: "xor", Train: 1 << 62, Validation: 1 << 62, Test: 1 << 62}, []string{"limit"}},
		{"negative", Spec{Name: "circles", Test: -1}, []string{"negative"}},
		{"negative noise", Spec{Name: "spirals", Noise: -0.1}, []string{"noise"}},
		{"huge noise", Spec{Name: "xor", Noise: 5}, []string{"noise"}},
		{"csv without points", Spec{Name: "csv", Path: "a.csv"}, []string{"no points"}},
		{"csv bad point", Spec{Name: "csv", Points: []Point{{0.5, 0.5, 0}, {2, 0.5, 0}}}, []string{"point 1", "outside"}},
		{"csv bad label", Spec{Name: "csv", Points: []Point{{0.5, 0.5, -1}}}, []string{"label"}},
		{"csv too many", Spec{Name: "csv", Points: make([]Point, maxCSVRows+1)}, []string{"100000"}},
	} {
		_, err := Generate(c.spec)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) || !strings.HasPrefix(err.Error(), "dataset: ") {
				t.Errorf("%s: error %q does not mention %q", c.name, err, w)
			}
		}
	}
}

func TestNames(t *testing.T) {
	got := Names()
	if want := []string{"yinyang", "xor", "circles", "spirals", "csv"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	got[0] = "changed"
	if Names()[0] != "yinyang" {
		t.Error("Names returned its internal slice")
	}
	for _, name := range Names() {
		if DefaultSpec(name).Name != name {
			t.Errorf("DefaultSpec(%q) has name %q", name, DefaultSpec(name).Name)
		}
	}
	if s := DefaultSpec("xor"); s.Noise != 0.08 || s.Train != 5000 {
		t.Errorf("DefaultSpec(xor) = %+v", s)
	}
}
