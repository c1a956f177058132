package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"delaylab/run"
	"delaylab/sim"
)

func tinyGrid() Grid {
	return Grid{Substrate: "ideal", Hidden: []int{3}, Delays: []sim.DelayKind{sim.DelayNone, sim.DelayAxonal}, Seeds: 2, Epochs: 1}
}

func tinyData(t *testing.T) *run.Data {
	t.Helper()
	d, err := run.DefaultData("yinyang")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPlannedSweepEqualsLocal: tasks run in any order (one twice at once),
// then a merge gives the rows of a local sweep of the same grid, wall
// time aside; a merge with a cell missing names it and writes nothing.
func TestPlannedSweepEqualsLocal(t *testing.T) {
	dir := t.TempDir()
	p := NewPlan(tinyGrid(), "build-a")
	if err := WritePlan(dir, p); err != nil {
		t.Fatal(err)
	}
	data := tinyData(t)
	ctx := context.Background()
	for _, id := range []int{3, 0, 2} {
		if _, trained, err := RunTask(ctx, dir, id, "build-a", data); err != nil || !trained {
			t.Fatalf("task %d: trained %v, %v", id, trained, err)
		}
	}
	m, err := Merge(dir, "build-a")
	if err != nil || !slices.Equal(m.Missing, []int{1}) || len(m.Bad) != 0 {
		t.Fatalf("merge with cell 1 missing: %+v, %v", m.Missing, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sweep.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an incomplete merge wrote sweep.csv (%v)", err)
	}
	// The same task twice at once: one row.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := RunTask(ctx, dir, 1, "build-a", data); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	rows, _ := filepath.Glob(filepath.Join(dir, rowsDir, "*"))
	if len(rows) != 4 {
		t.Fatalf("%d files in rows/ after a task ran twice at once: %v", len(rows), rows)
	}
	if _, trained, err := RunTask(ctx, dir, 1, "build-a", data); err != nil || trained {
		t.Fatalf("a done task trained again (%v)", err)
	}
	if m, err = Merge(dir, "build-a"); err != nil || len(m.Missing) != 0 {
		t.Fatalf("full merge: %+v, %v", m.Missing, err)
	}
	planned, err := ReadResults(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}

	local := filepath.Join(t.TempDir(), "sweep.csv")
	want, err := Execute(ctx, Options{Grid: tinyGrid(), Workers: 1}, local)
	if err != nil {
		t.Fatal(err)
	}
	if len(planned) != len(want) {
		t.Fatalf("%d planned rows, %d local", len(planned), len(want))
	}
	for i := range want {
		a, b := planned[i], want[i]
		a.Seconds, b.Seconds = 0, 0
		if a != b {
			t.Errorf("row %d: planned %+v, local %+v", i, a, b)
		}
	}
	curves, _ := filepath.Glob(filepath.Join(dir, curvesDir, "*.csv"))
	if len(curves) != 4 {
		t.Errorf("%d curves", len(curves))
	}
}

// TestPlanRefusals: another build may neither run a task nor merge; a
// directory keeps its plan; a row of another plan is not taken; task ids
// out of range are refused.
func TestPlanRefusals(t *testing.T) {
	dir := t.TempDir()
	p := NewPlan(tinyGrid(), "build-a")
	if err := WritePlan(dir, p); err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(dir, p); err != nil {
		t.Fatalf("writing the same plan again: %v", err)
	}
	other := tinyGrid()
	other.Seeds = 3
	if err := WritePlan(dir, NewPlan(other, "build-a")); err == nil || !strings.Contains(err.Error(), "another plan") {
		t.Fatalf("another grid in the same directory: %v", err)
	}
	data := tinyData(t)
	ctx := context.Background()
	if _, _, err := RunTask(ctx, dir, 0, "build-b", data); !errors.Is(err, ErrOtherBuild) {
		t.Fatalf("task of another build: %v", err)
	}
	if _, err := Merge(dir, "build-b"); !errors.Is(err, ErrOtherBuild) {
		t.Fatalf("merge by another build: %v", err)
	}
	if _, _, err := RunTask(ctx, dir, 4, "build-a", data); err == nil {
		t.Fatal("task 4 of a 4-cell plan ran")
	}
	// A row copied in from another plan's directory.
	dir2 := t.TempDir()
	p2 := NewPlan(tinyGrid(), "build-c")
	if err := WritePlan(dir2, p2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := RunTask(ctx, dir2, 0, "build-c", data); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(rowPath(dir2, 0))
	os.WriteFile(rowPath(dir, 0), b, 0o644)
	m, err := Merge(dir, "build-a")
	if err != nil || len(m.Bad) != 1 || !slices.Contains(m.Missing, 0) {
		t.Fatalf("foreign row: bad %v, missing %v, %v", m.Bad, m.Missing, err)
	}
	// A cancelled task writes nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := RunTask(cctx, dir, 2, "build-a", data); err == nil {
		t.Fatal("a cancelled task succeeded")
	}
	if _, err := os.Stat(rowPath(dir, 2)); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a cancelled task left a row")
	}
	// A hand-edited plan is refused.
	pb, _ := os.ReadFile(filepath.Join(dir, planFile))
	os.WriteFile(filepath.Join(dir, planFile), []byte(strings.Replace(string(pb), `"Seeds": 2`, `"Seeds": 9`, 1)), 0o644)
	if _, err := ReadPlan(dir); err == nil {
		t.Fatal("an edited plan was read")
	}
}

func TestArraySpec(t *testing.T) {
	for _, c := range []struct {
		ids  []int
		want string
	}{{[]int{0, 1, 2, 3, 7, 9, 10}, "0-3,7,9-10"}, {[]int{5}, "5"}, {nil, ""}} {
		if got := ArraySpec(c.ids); got != c.want {
			t.Errorf("%v: %q, want %q", c.ids, got, c.want)
		}
	}
}
