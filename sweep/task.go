package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"delaylab/run"
)

// ErrOtherBuild is wrapped by the error of a task or merge whose program
// is not the one that made the plan.
var ErrOtherBuild = errors.New("another build")

// rowPath is the file of cell id's result.
func rowPath(dir string, id int) string {
	return filepath.Join(dir, rowsDir, fmt.Sprintf("%06d.csv", id))
}

// RunTask trains cell id of the plan in dir as build, unless its row is
// already there (then it returns done = false at once). The curve and
// then the row are written atomically, so a task killed at any moment
// leaves either no row or a whole one, and two copies of a task running
// at once leave one row.
func RunTask(ctx context.Context, dir string, id int, build string, data *run.Data) (res Result, trained bool, err error) {
	p, err := ReadPlan(dir)
	if err != nil {
		return Result{}, false, err
	}
	if p.Build != build {
		return Result{}, false, fmt.Errorf("sweep: %w: %s was planned by build %s, this is %s", ErrOtherBuild, dir, p.Build, build)
	}
	cells := p.Cells()
	if id < 0 || id >= len(cells) {
		return Result{}, false, fmt.Errorf("sweep: task %d: the plan has cells 0 to %d", id, len(cells)-1)
	}
	if r, err := readRow(dir, id, p); err == nil {
		return r, false, nil
	}
	cell := cells[id]
	res, hist, err := TrainCell(ctx, cell, p.Grid.Epochs, data)
	if err != nil {
		return Result{}, false, err
	}
	var curve bytes.Buffer
	if err := encodeCurve(&curve, hist); err != nil {
		return Result{}, false, err
	}
	if err := writeAtomic(filepath.Join(dir, curvesDir, CurveName(cell)), curve.Bytes()); err != nil {
		return Result{}, false, err
	}
	var row bytes.Buffer
	w := csv.NewWriter(&row)
	w.Write(append([]string{"plan"}, header...))
	w.Write(append([]string{p.ID}, res.record()...))
	w.Flush()
	if err := writeAtomic(rowPath(dir, id), row.Bytes()); err != nil {
		return Result{}, false, err
	}
	return res, true, nil
}

// readRow reads the row of cell id, checking that it belongs to plan p
// and to that cell.
func readRow(dir string, id int, p Plan) (Result, error) {
	b, err := os.ReadFile(rowPath(dir, id))
	if err != nil {
		return Result{}, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(recs) != 2 || len(recs[1]) < 2 {
		return Result{}, fmt.Errorf("sweep: %s is not a row file", rowPath(dir, id))
	}
	if recs[1][0] != p.ID {
		return Result{}, fmt.Errorf("sweep: %s belongs to plan %s, not %s", rowPath(dir, id), recs[1][0], p.ID)
	}
	res, err := parseRecord(recs[1][1:])
	if err != nil {
		return Result{}, fmt.Errorf("sweep: %s: %w", rowPath(dir, id), err)
	}
	if want := p.Cells()[id].Key(); res.Run.Key() != want {
		return Result{}, fmt.Errorf("sweep: %s holds cell %s, want %s", rowPath(dir, id), res.Run.Key(), want)
	}
	return res, nil
}

// Merged is what a merge found.
type Merged struct {
	Plan    Plan
	Results []Result // in the plan's order, the cells that have a row
	Missing []int    // ids of the cells without a row
	Bad     []error  // rows that do not belong (another plan, damaged)
}

// Merge collects the rows of the planned sweep in dir, in the plan's
// order, and writes them as dir/sweep.csv when every cell has one. A row
// from another plan or a damaged one is reported in Bad and counts as
// missing; a merge by another build is refused.
func Merge(dir, build string) (Merged, error) {
	p, err := ReadPlan(dir)
	if err != nil {
		return Merged{}, err
	}
	if p.Build != build {
		return Merged{}, fmt.Errorf("sweep: %w: %s was planned by build %s, this is %s", ErrOtherBuild, dir, p.Build, build)
	}
	m := Merged{Plan: p}
	for id := range p.Cells() {
		r, err := readRow(dir, id, p)
		switch {
		case err == nil:
			m.Results = append(m.Results, r)
		case errors.Is(err, os.ErrNotExist):
			m.Missing = append(m.Missing, id)
		default:
			m.Bad = append(m.Bad, err)
			m.Missing = append(m.Missing, id)
		}
	}
	if len(m.Missing) > 0 {
		return m, nil
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Write(header)
	for _, r := range m.Results {
		w.Write(r.record())
	}
	w.Flush()
	return m, writeAtomic(filepath.Join(dir, "sweep.csv"), out.Bytes())
}

// ArraySpec is ids in sbatch --array form, runs of consecutive ids
// joined: 0-3,7,9-10.
func ArraySpec(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		} else {
			parts = append(parts, fmt.Sprint(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}
