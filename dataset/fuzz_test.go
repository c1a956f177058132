package dataset

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

// FuzzReadCSV checks that ReadCSV never panics, that it fails only with a
// *CSVError naming a line, and that whatever it accepts is valid and survives
// a WriteCSV round trip unchanged.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"",
		"x,y,label\n",
		"x,y,label\n0.25,0.5,1\n1,0,0\n",
		"\ufeff X , Y , LABEL \r\n0x1p-2,1e-300,9\r\n\r\n",
		"x,y,label\nNaN,Inf,1\n",
		"x,y,label\n0.5,0.5,12\n",
		"x,y,label\n0.5,0.5\n",
		"x,y,label\n\"0.5\",0.5,1\n",
		"0.1,0.2,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		pts, err := ReadCSV(bytes.NewReader(in))
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) || ce.Line < 1 {
				t.Fatalf("got error %v, want *CSVError with a line", err)
			}
			return
		}
		if len(pts) == 0 || len(pts) > maxCSVRows {
			t.Fatalf("accepted %d points", len(pts))
		}
		for i, p := range pts {
			if msg := p.check(); msg != "" {
				t.Fatalf("point %d %+v accepted but invalid: %s", i, p, msg)
			}
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, pts); err != nil {
			t.Fatalf("WriteCSV of accepted points: %v", err)
		}
		back, err := ReadCSV(&buf)
		if err != nil || !slices.Equal(back, pts) {
			t.Fatalf("round trip: err %v, equal %v", err, slices.Equal(back, pts))
		}
	})
}
