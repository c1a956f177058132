package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"delaylab/checkpoint"
	"delaylab/checkpoint/netjson"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
)

// dataSource is a parsed -data name: yinyang:train|validation|test, xor,
// circles, spirals (each with an optional :SPLIT, test by default) or
// csv:PATH.
type dataSource struct {
	name  string
	spec  dataset.Spec
	split string
}

// parseData checks a -data name without touching files.
func parseData(name string) (dataSource, error) {
	spec, split, err := dataset.Parse(name)
	return dataSource{name: name, spec: spec, split: split}, err
}

// points returns the samples the name selects. csv:PATH means every point
// of the file, so that "delaylab data" output evaluates to the same numbers.
func (d dataSource) points() ([]dataset.Point, error) {
	if d.spec.Name == "csv" {
		f, err := os.Open(d.spec.Path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		pts, err := dataset.ReadCSV(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.spec.Path, err)
		}
		return pts, nil
	}
	data, err := dataset.Generate(d.spec)
	if err != nil {
		return nil, err
	}
	pts, _ := data.Split(d.split)
	return pts, nil
}

// loadNet reads a net.json file.
func loadNet(path string) (*delgrad.Model, dataset.Coding, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, dataset.Coding{}, err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(checkpoint.SniffLen)
	isCheckpoint, _ := checkpoint.Sniff(head)
	m, coding, err := netjson.Decode(br)
	if err != nil {
		if isCheckpoint {
			return nil, dataset.Coding{}, fmt.Errorf("%s: %w (this is a .dlab checkpoint: 'delaylab export -ckpt %s' makes a net.json of it)", path, err, path)
		}
		return nil, dataset.Coding{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, coding, nil
}

// codeSamples turns points into input spike times for m, checking that
// the network has the right inputs and enough outputs for the labels.
func codeSamples(m *delgrad.Model, coding dataset.Coding, pts []dataset.Point) ([]delgrad.Sample, error) {
	if m.Features != dataset.Features {
		return nil, fmt.Errorf("the network takes %d input features; the data has %d (x, y, 1-x, 1-y)", m.Features, dataset.Features)
	}
	for i, p := range pts {
		if p.Label >= m.Net.Outputs() {
			return nil, fmt.Errorf("sample %d has label %d but the network has %d outputs", i, p.Label, m.Net.Outputs())
		}
	}
	return run.Code(pts, coding), nil
}

// checkDir fails early, before hours of work, when path's directory does
// not exist.
func checkDir(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("cannot write %s: %s is not a directory", path, dir)
	}
	return nil
}

// writeFile writes path through a temporary file in the same directory, so
// that a failed write never leaves a half-written file under that name.
// The path "-" means standard output.
func writeFile(e *env, path string, write func(w io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private; give it the mode of the file it
	// replaces, or the usual 0644. (Not every system can: no matter.)
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	f.Chmod(mode)
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		// On disk before the rename, so that a crash leaves the old file
		// or the new one, never a torn one.
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
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
