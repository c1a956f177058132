package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"delaylab/app"
	"delaylab/run"
	"delaylab/sim"
	"delaylab/sweep"
)

// TestSameRunEverywhere: the command line, a sweep cell and the page train
// the same recipe with the same seed to the same per-epoch figures, bit
// for bit, because all three build their run through package run.
func TestSameRunEverywhere(t *testing.T) {
	const epochs, seed = 2, 3
	dir := t.TempDir()
	logPath := filepath.Join(dir, "log.csv")
	mustRun(t, dir, "train", "-preset", "yinyang-h30-wa", "-epochs", strconv.Itoa(epochs), "-seed", strconv.Itoa(seed), "-workers", "2", "-log", logPath)
	fh, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(fh).ReadAll()
	fh.Close()
	if err != nil || len(rows) != epochs+1 {
		t.Fatalf("log: %d rows, %v", len(rows), err)
	}

	data, err := run.DefaultData("yinyang")
	if err != nil {
		t.Fatal(err)
	}
	_, cell, err := sweep.TrainCell(context.Background(), sweep.Run{Substrate: run.Ideal, Hidden: 30, Delay: sim.DelayAxonal, Seed: seed}, epochs, data)
	if err != nil {
		t.Fatal(err)
	}

	set, err := app.PresetSettings("yinyang-h30-wa")
	if err != nil {
		t.Fatal(err)
	}
	set.Seed = seed
	s, err := app.NewSession(app.Options{Settings: &set})
	if err != nil {
		t.Fatal(err)
	}
	page := s.Run()
	for len(page.History()) < epochs {
		page.Step(100) // the page steps in pieces of its frame budget
	}

	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for i, e := range cell {
		p := page.History()[i]
		cli := rows[i+1]
		for _, c := range []struct {
			what          string
			cli, sw, page string
		}{
			{"train loss", cli[1], g(e.TrainLoss), g(p.TrainLoss)},
			{"validation loss", cli[3], g(e.ValLoss), g(p.ValLoss)},
			{"validation accuracy", cli[4], g(e.ValAcc), g(p.ValAcc)},
		} {
			if c.cli != c.sw || c.sw != c.page {
				t.Errorf("epoch %d %s: CLI %s, sweep %s, page %s", i+1, c.what, c.cli, c.sw, c.page)
			}
		}
	}
}
