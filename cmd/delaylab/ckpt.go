package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
)

// version is the DelayLab version; checkpoints record "delaylab " + version
// as the program that wrote them.
const version = "0.1.0"

// program is what checkpoints record in meta.program.
const program = "delaylab " + version

// dlab is a checkpoint read from a file.
type dlab struct {
	*checkpoint.File
	path    string
	size    int64 // bytes
	version int   // format version of the file
}

// readCheckpoint reads and validates a .dlab file. A file that is not a
// valid checkpoint gives "PATH: " and the checkpoint package's message.
func readCheckpoint(path string) (*dlab, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// Unmarshal refuses more than MaxFileSize bytes; reading one more is
	// enough to know.
	b, err := io.ReadAll(io.LimitReader(fh, checkpoint.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	f, err := checkpoint.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	d := &dlab{File: f, path: path, size: int64(len(b)), version: checkpoint.Version}
	// The version follows the 6-byte signature; a valid file's is a small
	// positive integer, one byte in MessagePack.
	if len(b) > 6 && b[6] < 0x80 {
		d.version = int(b[6])
	}
	return d, nil
}

// model returns the network of the file, the recipe and the spike coding.
func (d *dlab) model() (delgrad.Config, *delgrad.Model, dataset.Coding, error) {
	cfg, m, _, err := d.Restore()
	if err != nil {
		return delgrad.Config{}, nil, dataset.Coding{}, fmt.Errorf("%s: %w", d.path, err)
	}
	_, coding := d.Dataset()
	return cfg, m, coding, nil
}

// substrate returns the engine the file's model ran on: its chip instance,
// or the ideal simulator.
func (d *dlab) substrate() (delgrad.Substrate, error) {
	s, seed, err := run.FileSubstrate(d.Chip)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.path, err)
	}
	sub, err := s.New(seed, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: chip: %w", d.path, err)
	}
	return sub, nil
}

// newMeta describes a file written now.
func newMeta(name string) checkpoint.Meta {
	return checkpoint.Meta{Name: name, Created: time.Now().UTC(), Program: program}
}

// writeCheckpoint validates f and writes it to path through a temporary
// file in the same directory, so that an interrupted or failed write
// leaves whatever was there before.
func writeCheckpoint(path string, f *checkpoint.File) error {
	if path == "-" {
		return fmt.Errorf("%s", errStdoutCheckpoint)
	}
	// Marshal first: a file that does not validate is never started.
	b, err := checkpoint.Marshal(f)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return writeFile(nil, path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// errStdoutCheckpoint refuses -o - for a checkpoint: it is binary and
// train writes its progress to standard output.
const errStdoutCheckpoint = "-o -: a checkpoint cannot be written to standard output"
