package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestCSVRoundTrip(t *testing.T) {
	pts := append(YinYang(200, 7),
		Point{X: 0, Y: 1, Label: 9},
		Point{X: math.Nextafter(0, 1), Y: math.Nextafter(1, 0), Label: 0}, // subnormal and 1−ulp
		Point{X: 0.1, Y: 1.0 / 3, Label: 5},
	)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, pts); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, "x,y,label\n") {
		t.Errorf("output starts %q, want header x,y,label", text[:min(len(text), 20)])
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, p := range pts {
		if want := fmt.Sprintf("%.17g,%.17g,%d", p.X, p.Y, p.Label); lines[i+1] != want {
			t.Fatalf("row %d: got %q, want %q", i, lines[i+1], want)
		}
	}
	got, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, pts) {
		t.Fatal("round trip changed the points")
	}
}

func TestReadCSVLenient(t *testing.T) {
	want := []Point{{0.25, 0.5, 1}, {1, 0, 0}, {0.5, 0.125, 9}}
	for _, c := range []struct{ name, in string }{
		{"plain", "x,y,label\n0.25,0.5,1\n1,0,0\n0.5,0.125,9\n"},
		{"crlf", "x,y,label\r\n0.25,0.5,1\r\n1,0,0\r\n0.5,0.125,9\r\n"},
		{"spaces", "  x , y ,label \n 0.25 ,\t0.5, 1\n1,0,0 \n0.5,0.125,9"},
		{"bom and case", "\ufeffX,Y,Label\n0.25,0.5,1\n1,0,0\n0.5,0.125,9\n"},
		{"blank lines", "x,y,label\n\n0.25,0.5,1\n   \n1,0,0\n0.5,0.125,9\n\n\n"},
		{"other notations", "x,y,label\n2.5e-1,.5,+1\n1.0,-0,0\n0x1p-1,0.125,09\n"},
	} {
		got, err := ReadCSV(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", c.name, got, want)
		}
		for _, p := range got {
			if math.Signbit(p.X) || math.Signbit(p.Y) {
				t.Errorf("%s: got negative zero in %+v", c.name, p)
			}
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		line int
		msg  string // the whole message after the line number
	}{
		{"empty", "", 1, `empty input; want header "x,y,label"`},
		{"missing header", "0.1,0.2,1\n", 1, `missing header "x,y,label", got "0.1,0.2,1"`},
		{"wrong header", "x,y\n0.1,0.2\n", 1, `missing header "x,y,label", got "x,y"`},
		{"header only", "x,y,label\n", 1, "no data rows after the header"},
		{"header and blanks", "x,y,label\n\n \n", 3, "no data rows after the header"},
		{"two columns", "x,y,label\n0.1,0.2,1\n0.1,0.2\n", 3, "got 2 columns, want 3 (x,y,label)"},
		{"four columns", "x,y,label\n0.1,0.2,1,4\n", 2, "got 4 columns, want 3 (x,y,label)"},
		{"not a number", "x,y,label\n0.1,abc,1\n", 2, `y "abc" is not a number`},
		{"empty field", "x,y,label\n,0.2,1\n", 2, `x "" is not a number`},
		{"nan", "x,y,label\nNaN,0.2,1\n", 2, `x "NaN" is not finite`},
		{"inf", "x,y,label\n0.1,-Inf,1\n", 2, `y "-Inf" is not finite`},
		{"overflow", "x,y,label\n1e999,0.2,1\n", 2, `x "1e999" is not finite`},
		{"outside", "x,y,label\n0.1,0.2,1\n\n1.5,0.2,1\n", 4, "x 1.5 is outside [0,1]; spike coding expects the unit square"},
		{"negative", "x,y,label\n0.1,-0.01,1\n", 2, "y -0.01 is outside [0,1]; spike coding expects the unit square"},
		{"label too big", "x,y,label\n" + strings.Repeat("0.1,0.2,1\n", 5) + "0.1,0.2,12\n", 7, `label "12" is not an integer in 0..9`},
		{"label negative", "x,y,label\n0.1,0.2,-1\n", 2, `label "-1" is not an integer in 0..9`},
		{"label float", "x,y,label\n0.1,0.2,1.0\n", 2, `label "1.0" is not an integer in 0..9`},
		{"long line", "x,y,label\n" + strings.Repeat(" ", 5000) + "\n", 2, "line longer than 4096 bytes"},
		{"long field", "x,y,label\n" + strings.Repeat("7", 50) + "z,0,0\n", 2, `x "` + strings.Repeat("7", 40) + `..." is not a number`},
	} {
		_, err := ReadCSV(strings.NewReader(c.in))
		var ce *CSVError
		if !errors.As(err, &ce) {
			t.Errorf("%s: got error %v, want *CSVError", c.name, err)
			continue
		}
		if ce.Line != c.line || ce.Msg != c.msg {
			t.Errorf("%s: got line %d %q, want line %d %q", c.name, ce.Line, ce.Msg, c.line, c.msg)
		}
	}
}

func TestCSVErrorString(t *testing.T) {
	for _, c := range []struct {
		err  CSVError
		want string
	}{
		{CSVError{Line: 7, Msg: `label "12" is not an integer in 0..9`}, `dataset: csv line 7: label "12" is not an integer in 0..9`},
		{CSVError{Msg: "oops"}, "dataset: csv: oops"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestReadCSVRowLimit reads the largest accepted file and one row more.
func TestReadCSVRowLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("x,y,label\n")
	for range maxCSVRows {
		b.WriteString("0.5,0.5,1\n")
	}
	pts, err := ReadCSV(strings.NewReader(b.String()))
	if err != nil || len(pts) != maxCSVRows {
		t.Fatalf("%d rows: got %d points, error %v", maxCSVRows, len(pts), err)
	}
	b.WriteString("0.5,0.5,1\n")
	_, err = ReadCSV(strings.NewReader(b.String()))
	var ce *CSVError
	if !errors.As(err, &ce) || ce.Line != maxCSVRows+2 || ce.Msg != "more than 100000 data rows" {
		t.Fatalf("%d rows: got %v, want line %d: more than 100000 data rows", maxCSVRows+1, err, maxCSVRows+2)
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestReadCSVReaderError(t *testing.T) {
	boom := errors.New("boom")
	_, err := ReadCSV(failingReader{boom})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want an error wrapping %v", err, boom)
	}
	var ce *CSVError
	if errors.As(err, &ce) {
		t.Errorf("reader failure reported as format error %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteCSVErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		pts  []Point
	}{
		{"none", nil},
		{"nan", []Point{{math.NaN(), 0, 0}}},
		{"outside", []Point{{0.5, 0.5, 0}, {0.5, 1.5, 0}}},
		{"label", []Point{{0.5, 0.5, 10}}},
		{"too many", make([]Point, maxCSVRows+1)},
	} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, c.pts); err == nil {
			t.Errorf("%s: no error", c.name)
		} else if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", c.name, buf.Len())
		}
	}
	if err := WriteCSV(failingWriter{}, []Point{{0.5, 0.5, 0}}); err == nil {
		t.Error("writer failure: no error")
	}
}
