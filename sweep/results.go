package sweep

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"delaylab/sim"
)

// Result is one finished run: a row of the CSV.
type Result struct {
	Run
	Weights, Delays int // trainable parameters
	TestAcc, ValAcc float64
	// ValSpread is the standard deviation of the validation accuracy over
	// the last 100 epochs (or all, if fewer): how much training wobbles.
	ValSpread float64
	Epochs    int
	Seconds   float64
}

// Params is the total parameter count.
func (r Result) Params() int { return r.Weights + r.Delays }

// header names the columns. Rows of sweeps made before protocols existed
// lack the last column and read as protocol "ours".
var header = []string{"substrate", "hidden", "delay", "seed", "weights", "delays", "params",
	"test_acc", "val_acc", "val_spread_last100", "epochs", "seconds", "protocol"}

func (r Result) record() []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
	return []string{r.Substrate, strconv.Itoa(r.Hidden), r.Delay.String(), strconv.FormatUint(r.Seed, 10),
		strconv.Itoa(r.Weights), strconv.Itoa(r.Delays), strconv.Itoa(r.Params()),
		f(r.TestAcc), f(r.ValAcc), f(r.ValSpread), strconv.Itoa(r.Epochs), strconv.FormatFloat(r.Seconds, 'f', 1, 64),
		cmp.Or(r.Protocol, "ours")}
}

func parseRecord(rec []string) (Result, error) {
	if len(rec) != len(header) && len(rec) != len(header)-1 {
		return Result{}, fmt.Errorf("want %d fields, got %d", len(header), len(rec))
	}
	var r Result
	var err error
	num := func(s string) int {
		v, e := strconv.Atoi(s)
		err = errors.Join(err, e)
		return v
	}
	flt := func(s string) float64 {
		v, e := strconv.ParseFloat(s, 64)
		err = errors.Join(err, e)
		return v
	}
	r.Substrate = rec[0]
	r.Hidden = num(rec[1])
	r.Delay, err = sim.ParseDelayKind(rec[2])
	seed, e := strconv.ParseUint(rec[3], 10, 64)
	err = errors.Join(err, e)
	r.Seed = seed
	r.Weights, r.Delays = num(rec[4]), num(rec[5])
	r.TestAcc, r.ValAcc, r.ValSpread = flt(rec[7]), flt(rec[8]), flt(rec[9])
	r.Epochs = num(rec[10])
	r.Seconds = flt(rec[11])
	if len(rec) > 12 && rec[12] != "ours" {
		r.Protocol = rec[12]
	}
	return r, err
}

// ReadResults reads a sweep CSV. A missing file is an empty sweep.
func ReadResults(path string) ([]Result, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readResults(f, path)
}

func readResults(r io.Reader, name string) ([]Result, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("sweep: %s: %w", name, err)
	}
	var out []Result
	for i, rec := range recs {
		if i == 0 {
			continue // header
		}
		res, err := parseRecord(rec)
		if err != nil {
			return nil, fmt.Errorf("sweep: %s line %d: %w", name, i+1, err)
		}
		out = append(out, res)
	}
	return out, nil
}

// appender adds rows to the CSV as runs finish, so Ctrl-C loses nothing
// that was done.
type appender struct {
	f *os.File
	w *csv.Writer
}

func openAppender(path string) (*appender, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	a := &appender{f: f, w: csv.NewWriter(f)}
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		a.w.Write(header)
		a.w.Flush()
	}
	return a, a.w.Error()
}

func (a *appender) add(r Result) error {
	a.w.Write(r.record())
	a.w.Flush()
	if err := a.w.Error(); err != nil {
		return err
	}
	return a.f.Sync()
}

func (a *appender) Close() error { return a.f.Close() }
