package app

import (
	"bytes"
	"fmt"

	"delaylab/dataset"
	"delaylab/run"
)

// CSVDataset is the name of a data set the user uploaded.
const CSVDataset = "csv"

// MinCSVPoints is the fewest points an upload needs: the 80/10/10 split
// must leave validation and test points.
const MinCSVPoints = 10

// LoadCSV trains a fresh model, with the current settings, on the points
// of a CSV file (header "x,y,label", x and y in [0,1], labels 0 to 9; see
// dataset.ReadCSV), split 80/10/10 into training, validation and test. A
// bad file gives a *FileError naming the line, and nothing changes.
func (s *Session) LoadCSV(name string, b []byte) error {
	fail := func(err error) error { return &FileError{Name: name, What: "use", Err: err} }
	pts, err := dataset.ReadCSV(bytes.NewReader(b))
	if err != nil {
		return fail(err)
	}
	if len(pts) < MinCSVPoints {
		return fail(fmt.Errorf("%d points; the page needs at least %d", len(pts), MinCSVPoints))
	}
	classes := map[int]bool{}
	for _, p := range pts {
		classes[p.Label] = true
	}
	if len(classes) < 2 {
		return fail(fmt.Errorf("every point has the same label; a classifier needs two classes or more"))
	}
	d, err := buildData(dataset.Spec{Name: CSVDataset, Points: pts, Path: name}, dataset.DefaultCoding())
	if err != nil {
		return fail(err)
	}
	set := s.settings.Clone()
	set.Dataset = CSVDataset
	cfg, err := set.Config(d.Classes)
	if err != nil {
		return fail(err)
	}
	sub, seed, err := s.substrateFor(set)
	if err != nil {
		return fail(err)
	}
	r, err := run.New(cfg, sub, seed, d)
	if err != nil {
		return fail(err)
	}
	s.install(set, r)
	s.playing = false
	s.message, s.msgErr = fmt.Sprintf("Loaded %d points in %d classes from %s: %d to train on, %d to validate, %d to test. Press Play.",
		len(pts), d.Classes, name, len(d.Train), len(d.Val), len(d.Test)), false
	return nil
}
