package dataset

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// maxCSVRows bounds the data rows ReadCSV accepts, so that a wrong file
// (a log, an image) fails fast instead of filling memory.
const maxCSVRows = 100_000

// maxCSVLine bounds the length of one line in bytes. A valid row needs at
// most about 50; the slack allows generous whitespace.
const maxCSVLine = 4096

// csvHeader is the required first line.
const csvHeader = "x,y,label"

// CSVError reports malformed CSV input.
type CSVError struct {
	Line int    // 1-based line number, counting the header; 0 if unknown
	Msg  string // what is wrong, without the line number
}

func (e *CSVError) Error() string { return "dataset: " + e.Reason() }

// Reason is the message without the package's name.
func (e *CSVError) Reason() string {
	if e.Line <= 0 {
		return "csv: " + e.Msg
	}
	return fmt.Sprintf("csv line %d: %s", e.Line, e.Msg)
}

// ReadCSV reads labelled points from r.
//
// The first line must be the header "x,y,label". Each further line holds x and
// y, finite numbers in [0,1], and an integer label in 0..9, separated by
// commas. Spaces around fields, CRLF line ends, a UTF-8 byte order mark and
// blank lines are tolerated; quoting is not, as numbers never need it. At most
// 100,000 data rows are accepted and at least one is required. Format errors
// are *CSVError; errors from r are returned wrapped.
func ReadCSV(r io.Reader) ([]Point, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxCSVLine)

	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return strings.TrimSpace(sc.Text()), true
	}
	fail := func(ln int, format string, args ...any) error {
		return &CSVError{Line: ln, Msg: fmt.Sprintf(format, args...)}
	}
	scanErr := func() error {
		err := sc.Err()
		if errors.Is(err, bufio.ErrTooLong) {
			return fail(line+1, "line longer than %d bytes", maxCSVLine)
		}
		return fmt.Errorf("dataset: reading csv: %w", err)
	}

	header, ok := next()
	if !ok {
		if sc.Err() != nil {
			return nil, scanErr()
		}
		return nil, fail(1, "empty input; want header %q", csvHeader)
	}
	// Spreadsheet programs often prepend a byte order mark.
	header = strings.TrimSpace(strings.TrimPrefix(header, "\ufeff"))
	if !isHeader(header) {
		return nil, fail(line, "missing header %q, got %q", csvHeader, clipText(header))
	}

	var pts []Point
	for {
		text, ok := next()
		if !ok {
			break
		}
		if text == "" {
			continue
		}
		if len(pts) == maxCSVRows {
			return nil, fail(line, "more than %d data rows", maxCSVRows)
		}
		p, msg := parseRow(text)
		if msg != "" {
			return nil, fail(line, "%s", msg)
		}
		pts = append(pts, p)
	}
	if sc.Err() != nil {
		return nil, scanErr()
	}
	if len(pts) == 0 {
		return nil, fail(line, "no data rows after the header")
	}
	return pts, nil
}

// isHeader reports whether text is "x,y,label", ignoring case and spaces
// around the fields.
func isHeader(text string) bool {
	f := strings.Split(text, ",")
	if len(f) != 3 {
		return false
	}
	for i, want := range []string{"x", "y", "label"} {
		if !strings.EqualFold(strings.TrimSpace(f[i]), want) {
			return false
		}
	}
	return true
}

// parseRow parses one trimmed, non-empty data row, returning the point or a
// message saying what is wrong.
func parseRow(text string) (Point, string) {
	f := strings.Split(text, ",")
	if len(f) != 3 {
		return Point{}, fmt.Sprintf("got %d columns, want 3 (x,y,label)", len(f))
	}
	var xy [2]float64
	for i, name := range []string{"x", "y"} {
		s := strings.TrimSpace(f[i])
		v, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return Point{}, fmt.Sprintf("%s %q is not a number", name, clipText(s))
		}
		// ParseFloat accepts "NaN" and "Inf" and overflows to ±Inf; quote
		// the text as written rather than the parsed value.
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Point{}, fmt.Sprintf("%s %q is not finite", name, clipText(s))
		}
		if msg := checkCoord(name, v); msg != "" {
			return Point{}, msg
		}
		// Adding zero turns -0 into +0, so equal inputs give identical bits.
		xy[i] = v + 0
	}
	s := strings.TrimSpace(f[2])
	label, err := strconv.Atoi(s)
	if err != nil || label < 0 || label > maxLabel {
		return Point{}, fmt.Sprintf("label %q is not an integer in 0..%d", clipText(s), maxLabel)
	}
	return Point{X: xy[0], Y: xy[1], Label: label}, ""
}

// clipText shortens s for quoting in an error message.
func clipText(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// WriteCSV writes pts to w in the format ReadCSV reads. Coordinates are
// written with %.17g, which round-trips every float64 exactly. WriteCSV
// refuses, before writing anything, points that ReadCSV would reject, so its
// output can always be read back.
func WriteCSV(w io.Writer, pts []Point) error {
	if len(pts) == 0 {
		return newError("WriteCSV: no points")
	}
	if len(pts) > maxCSVRows {
		return newError("WriteCSV: %d points, more than %d", len(pts), maxCSVRows)
	}
	for i, p := range pts {
		if msg := p.check(); msg != "" {
			return newError("WriteCSV: point %d: %s", i, msg)
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(csvHeader + "\n")
	var buf []byte
	for _, p := range pts {
		buf = strconv.AppendFloat(buf[:0], p.X, 'g', 17, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, p.Y, 'g', 17, 64)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(p.Label), 10)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	return bw.Flush()
}
