package dataset

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"strconv"
	"testing"
)

// digest is the canonical Yin-Yang digest of shared/testdata/yinyang.md: for
// each sample x and y as float64 little-endian, then the label as one byte.
func digest(pts []Point) string {
	h := sha256.New()
	var b [17]byte
	for _, p := range pts {
		binary.LittleEndian.PutUint64(b[0:], math.Float64bits(p.X))
		binary.LittleEndian.PutUint64(b[8:], math.Float64bits(p.Y))
		b[16] = byte(p.Label)
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hexFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad test vector %q: %v", s, err)
	}
	return v
}

// yinYangRefs are the reference splits, copied from
// shared/testdata/yinyang.md.
var yinYangRefs = []struct {
	split  string
	seed   uint32
	n      int
	counts [3]int
	sha256 string
	first  [][3]string // x, y as hex floats, label
}{
	{
		split: "train", seed: 42, n: 5000, counts: [3]int{1681, 1702, 1617},
		sha256: "a0c90f4fecff259315a24286ab2450b8593d69c78645a34c82097012f18f789e",
		first: [][3]string{
			{"0x1.5c51450ae9de0p-1", "0x1.cd4fad08539c4p-2", "2"},
			{"0x1.9010a27637b70p-4", "0x1.5e53ca8f6cf61p-1", "1"},
			{"0x1.82bebb13f3130p-1", "0x1.b35c0fc29196cp-2", "2"},
			{"0x1.321ff22e8b9fdp-1", "0x1.d7ffe654e60b4p-1", "1"},
			{"0x1.4d2364ec19af6p-2", "0x1.8e016b5fa82f6p-2", "1"},
		},
	},
	{
		split: "validation", seed: 41, n: 1000, counts: [3]int{316, 336, 348},
		sha256: "247ba563d59ea19f33a868408d926c653d2dbe3ebbf13b590d4d062340a27b7b",
		first: [][3]string{
			{"0x1.5c740742f33bep-1", "0x1.48ad3fd6a1ea2p-2", "0"},
			{"0x1.5647b12cfd86ap-1", "0x1.d5bbb9755f423p-1", "1"},
			{"0x1.9a9cd89543bedp-1", "0x1.6ea69d4874e44p-3", "0"},
		},
	},
	{
		split: "test", seed: 40, n: 1000, counts: [3]int{350, 316, 334},
		sha256: "529bca2166f727e07dc797e953693414ccc89b5055598b37e66b28300ba46ec2",
		first: [][3]string{
			{"0x1.df6e0fe77e0e4p-3", "0x1.9b5dcab9967b6p-2", "2"},
			{"0x1.80ae3293af921p-1", "0x1.df7af78b6999cp-2", "2"},
			{"0x1.1b4a4c74a9654p-3", "0x1.24541434b9943p-1", "1"},
		},
	},
}

func TestYinYangReference(t *testing.T) {
	for _, ref := range yinYangRefs {
		t.Run(ref.split, func(t *testing.T) {
			pts := YinYang(ref.n, ref.seed)
			if len(pts) != ref.n {
				t.Fatalf("got %d points, want %d", len(pts), ref.n)
			}
			for i, row := range ref.first {
				want := Point{X: hexFloat(t, row[0]), Y: hexFloat(t, row[1]), Label: int(row[2][0] - '0')}
				if pts[i] != want {
					t.Errorf("point %d: got (%x, %x, %d), want (%x, %x, %d)",
						i, pts[i].X, pts[i].Y, pts[i].Label, want.X, want.Y, want.Label)
				}
			}
			var counts [3]int
			for _, p := range pts {
				counts[p.Label]++
			}
			if counts != ref.counts {
				t.Errorf("class counts: got %v, want %v", counts, ref.counts)
			}
			if got := digest(pts); got != ref.sha256 {
				t.Errorf("sha256: got %s, want %s", got, ref.sha256)
			}
		})
	}
}

// TestYinYangGenerate checks that the zero-seed Spec reproduces the reference
// splits, and that a nonzero seed gives seeds Seed, Seed+1, Seed+2.
func TestYinYangGenerate(t *testing.T) {
	d, err := Generate(Spec{Name: "yinyang"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Classes != 3 {
		t.Errorf("classes: got %d, want 3", d.Classes)
	}
	for i, split := range [][]Point{d.Train, d.Validation, d.Test} {
		if got, want := digest(split), yinYangRefs[i].sha256; got != want {
			t.Errorf("%s sha256: got %s, want %s", yinYangRefs[i].split, got, want)
		}
	}

	d, err = Generate(Spec{Name: "yinyang", Seed: 40, Train: 10, Validation: 20, Test: 30})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		got  []Point
		seed uint32
		n    int
	}{{d.Train, 40, 10}, {d.Validation, 41, 20}, {d.Test, 42, 30}} {
		if want := YinYang(c.n, c.seed); digest(c.got) != digest(want) || len(c.got) != c.n {
			t.Errorf("split %d: not YinYang(%d, %d)", i, c.n, c.seed)
		}
	}
}

// TestYinYangClass checks the class regions at hand-picked points of the
// symbol, away from every boundary.
func TestYinYangClass(t *testing.T) {
	for _, c := range []struct {
		x, y float64
		want int
	}{
		{0.75, 0.5, 2},  // centre of the right dot
		{0.25, 0.5, 2},  // centre of the left dot
		{0.25, 0.62, 1}, // ring around the left dot
		{0.75, 0.62, 0}, // ring around the right dot
		{0.5, 0.95, 1},  // top of the upper half, outside the right bulge
		{0.5, 0.05, 0},  // bottom
	} {
		if got := yinYangClass(c.x, c.y); got != c.want {
			t.Errorf("class(%v, %v): got %d, want %d", c.x, c.y, got, c.want)
		}
	}
}
