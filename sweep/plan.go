package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A planned sweep is a directory that a cluster fills cell by cell: the
// grid is written once (plan.json, cells.tsv), each array task trains one
// cell and leaves its row and curve (rows/, curves/), and a merge collects
// the rows into the same sweep.csv and figures as a local sweep. Slurm
// does the scheduling; this package only makes every step safe to repeat.

// Plan is a grid written out for a cluster.
type Plan struct {
	Grid Grid `json:"grid"`
	// Build identifies the program that made the plan (a hash of its
	// executable); tasks and merges refuse another build, so that the rows
	// of one sweep all come from one program.
	Build string `json:"build"`
	// ID identifies the grid and build; every row records it.
	ID string `json:"id"`
	// ArrayLimit is the job array's %LIMIT (0: none), kept for the
	// line that reruns missing cells.
	ArrayLimit int `json:"array_limit,omitempty"`
}

// The files of a planned sweep.
const (
	planFile  = "plan.json"
	cellsFile = "cells.tsv"
	rowsDir   = "rows"
	curvesDir = "curves"
	logsDir   = "logs"
)

// NewPlan is the plan of grid g made by build.
func NewPlan(g Grid, build string) Plan {
	b, _ := json.Marshal(struct {
		Grid  Grid
		Build string
	}{g, build})
	sum := sha256.Sum256(b)
	return Plan{Grid: g, Build: build, ID: hex.EncodeToString(sum[:8])}
}

// Cells is the grid's cells in their stable order; a cell's index is its
// array task id.
func (p Plan) Cells() []Run { return p.Grid.Runs() }

// WritePlan writes p into dir (plan.json and cells.tsv, one cell per line:
// id, key). A directory that already holds another plan is refused, so
// the rows of two grids never mix.
func WritePlan(dir string, p Plan) error {
	if old, err := ReadPlan(dir); err == nil && old.ID != p.ID {
		return fmt.Errorf("sweep: %s already holds another plan (%s; this one is %s): use a new directory", dir, old.ID, p.ID)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, d := range []string{dir, filepath.Join(dir, rowsDir), filepath.Join(dir, curvesDir), filepath.Join(dir, logsDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, planFile), append(b, '\n')); err != nil {
		return err
	}
	var cells strings.Builder
	for i, r := range p.Cells() {
		fmt.Fprintf(&cells, "%d\t%s\n", i, r.Key())
	}
	return writeAtomic(filepath.Join(dir, cellsFile), []byte(cells.String()))
}

// ReadPlan reads the plan of dir; the error wraps os.ErrNotExist when dir
// holds none.
func ReadPlan(dir string) (Plan, error) {
	b, err := os.ReadFile(filepath.Join(dir, planFile))
	if err != nil {
		return Plan{}, err
	}
	var p Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return Plan{}, fmt.Errorf("sweep: %s: %w", filepath.Join(dir, planFile), err)
	}
	if want := NewPlan(p.Grid, p.Build).ID; p.ID != want {
		return Plan{}, fmt.Errorf("sweep: %s was changed by hand (its id %s does not match its grid)", filepath.Join(dir, planFile), p.ID)
	}
	return p, nil
}

// writeAtomic writes b to path through a temporary file in the same
// directory and a rename, so that a reader (or a killed writer) never
// sees half a file.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
