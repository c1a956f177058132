package sweep

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"delaylab/delgrad"
	"delaylab/run"
)

// Options configures Execute.
type Options struct {
	Grid    Grid
	Workers int // runs trained at once (each on one core)
	// CurvesDir, if set, receives one CSV of per-epoch metrics per run.
	CurvesDir string
	// Progress is called after every finished run.
	Progress func(done, total int, last Result, eta time.Duration)
}

// Execute trains every run of the grid not already in the CSV at path,
// appending rows as runs finish. Cancelling ctx abandons the runs in
// progress; finished rows are kept, and running Execute again skips them.
func Execute(ctx context.Context, opt Options, path string) ([]Result, error) {
	have, err := ReadResults(path)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, r := range have {
		done[r.Run.Key()] = true
	}
	var todo []Run
	for _, r := range opt.Grid.Runs() {
		if !done[r.Key()] {
			todo = append(todo, r)
		}
	}
	data, err := run.DefaultData("yinyang")
	if err != nil {
		return nil, err
	}

	out, err := openAppender(path)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	if opt.CurvesDir != "" {
		if err := os.MkdirAll(opt.CurvesDir, 0o755); err != nil {
			return nil, err
		}
	}
	jobs := make(chan Run)
	var mu sync.Mutex
	var firstErr error
	results := have
	start := time.Now()
	finished := 0
	var wg sync.WaitGroup
	for range max(1, opt.Workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				res, hist, err := TrainCell(ctx, r, opt.Grid.Epochs, data)
				mu.Lock()
				if err == nil {
					err = out.add(res)
				}
				if err == nil && opt.CurvesDir != "" {
					err = writeCurve(filepath.Join(opt.CurvesDir, CurveName(r)), hist)
				}
				if err != nil {
					if firstErr == nil && ctx.Err() == nil {
						firstErr = err
					}
				} else {
					results = append(results, res)
					finished++
					if opt.Progress != nil {
						el := time.Since(start)
						eta := time.Duration(float64(el) / float64(finished) * float64(len(todo)-finished))
						opt.Progress(finished, len(todo), res, eta)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, r := range todo {
		if ctx.Err() != nil {
			break
		}
		jobs <- r
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return results, firstErr
	}
	return results, ctx.Err()
}

// CurveName is the file of a run's per-epoch metrics.
func CurveName(r Run) string {
	return fmt.Sprintf("%s%s-h%d-%s-s%d.csv", r.Substrate, r.protocolTag(), r.Hidden, r.Delay, r.Seed)
}

// TrainCell trains one cell of a grid for epochs epochs on data (the
// Yin-Yang reference splits), on the cell's substrate with the chip
// instance of its seed, and returns its row and per-epoch metrics.
func TrainCell(ctx context.Context, r Run, epochs int, data *run.Data) (Result, []delgrad.Epoch, error) {
	cfg, err := Config(r, epochs)
	if err != nil {
		return Result{}, nil, err
	}
	sub, err := run.ForRecipe(cfg)
	if err != nil {
		return Result{}, nil, err
	}
	t0 := time.Now()
	rn, err := run.New(cfg, sub, r.Seed, data)
	if err != nil {
		return Result{}, nil, err
	}
	for !rn.Done() {
		if err := ctx.Err(); err != nil {
			return Result{}, nil, err
		}
		rn.RunEpoch()
	}
	_, acc := rn.Evaluate(run.TestSplit)
	w, d := rn.Model().ParamCount()
	h := rn.History()
	last := h[len(h)-1]
	return Result{
		Run: r, Weights: w, Delays: d, TestAcc: acc, ValAcc: last.ValAcc,
		ValSpread: valSpread(h, 100), Epochs: len(h), Seconds: time.Since(t0).Seconds(),
	}, h, nil
}

// valSpread is the standard deviation of validation accuracy over the
// last n epochs.
func valSpread(h []delgrad.Epoch, n int) float64 {
	h = h[max(0, len(h)-n):]
	var m, s float64
	for _, e := range h {
		m += e.ValAcc
	}
	m /= float64(len(h))
	for _, e := range h {
		s += (e.ValAcc - m) * (e.ValAcc - m)
	}
	return math.Sqrt(s / float64(len(h)))
}

func writeCurve(path string, h []delgrad.Epoch) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = encodeCurve(f, h)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// encodeCurve writes a run's per-epoch metrics as CSV.
func encodeCurve(out io.Writer, h []delgrad.Epoch) error {
	w := csv.NewWriter(out)
	w.Write([]string{"epoch", "train_loss", "train_acc", "val_loss", "val_acc"})
	for _, e := range h {
		g := func(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
		w.Write([]string{strconv.Itoa(e.Epoch), g(e.TrainLoss), g(e.TrainAcc), g(e.ValLoss), g(e.ValAcc)})
	}
	w.Flush()
	return w.Error()
}
