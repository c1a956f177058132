package dataset

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in, name, split, path string
	}{
		{"yinyang", "yinyang", "test", ""},
		{"yinyang:train", "yinyang", "train", ""},
		{"yinyang:validation", "yinyang", "validation", ""},
		{"yinyang:test", "yinyang", "test", ""},
		{"xor", "xor", "test", ""},
		{"xor:train", "xor", "train", ""},
		{"circles:validation", "circles", "validation", ""},
		{"spirals", "spirals", "test", ""},
		{"csv:data/points.csv", "csv", "test", "data/points.csv"},
		{`csv:C:\data\my points.csv`, "csv", "test", `C:\data\my points.csv`},
	} {
		s, split, err := Parse(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if s.Name != c.name || split != c.split || s.Path != c.path || s.Points != nil {
			t.Errorf("%q: got %q %q path %q, want %q %q path %q", c.in, s.Name, split, s.Path, c.name, c.split, c.path)
		}
		if c.name != "csv" && s.Train != 5000 {
			t.Errorf("%q: spec %+v lacks default sizes", c.in, s)
		}
		if c.name == "yinyang" && s.Seed != 0 {
			t.Errorf("%q: seed %d, want 0 (reference seeds)", c.in, s.Seed)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"", `unknown data name ""`},
		{"mnist", `unknown data name "mnist"`},
		{"YinYang", `unknown data name "YinYang"`},
		{"yinyang:val", `unknown split "val"`},
		{"yinyang:", `unknown split ""`},
		{"xor:train:1", `unknown split "train:1"`},
		{"csv", "lacks a path"},
		{"csv:", "lacks a path"},
	} {
		_, _, err := Parse(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want one containing %q", c.in, err, c.want)
		}
	}
}

func TestDataSplit(t *testing.T) {
	d := Data{Train: make([]Point, 3), Validation: make([]Point, 2), Test: make([]Point, 1)}
	for name, n := range map[string]int{"train": 3, "validation": 2, "test": 1} {
		if got, ok := d.Split(name); !ok || len(got) != n {
			t.Errorf("Split(%q): got %d points, ok %v; want %d", name, len(got), ok, n)
		}
	}
	if _, ok := d.Split("val"); ok {
		t.Error(`Split("val") accepted`)
	}
}
