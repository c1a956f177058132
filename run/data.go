package run

import (
	"delaylab/dataset"
	"delaylab/delgrad"
)

// Data is a data set ready for a run: its splits coded as spike times, the
// validation points (for decision maps), and the spec and coding it was
// made from, which a checkpoint records so that the run can be rebuilt.
// It is immutable once built, so runs and snapshots share it.
type Data struct {
	Spec    dataset.Spec
	Coding  dataset.Coding
	Classes int
	Train   []delgrad.Sample
	Val     []delgrad.Sample
	Test    []delgrad.Sample
	// ValPoints are the validation points, in the order of Val.
	ValPoints []dataset.Point
}

// LoadData generates (or, for user points, splits) the data set of spec
// and codes it with coding.
func LoadData(spec dataset.Spec, coding dataset.Coding) (*Data, error) {
	d, err := dataset.Generate(spec)
	if err != nil {
		return nil, err
	}
	return &Data{
		Spec: spec, Coding: coding, Classes: d.Classes,
		Train: Code(d.Train, coding), Val: Code(d.Validation, coding), Test: Code(d.Test, coding),
		ValPoints: d.Validation,
	}, nil
}

// DefaultData is the named data set with its reference splits and the
// reference latency code (what a preset trains on).
func DefaultData(name string) (*Data, error) {
	return LoadData(dataset.DefaultSpec(name), dataset.DefaultCoding())
}

// Code turns points into coded samples.
func Code(pts []dataset.Point, c dataset.Coding) []delgrad.Sample {
	return delgrad.MakeSamples(c.EncodeAll(pts))
}

// Split names one part of a run's data.
type Split int

// The splits.
const (
	TrainSplit Split = iota
	ValSplit
	TestSplit
)

// Samples is split s of d.
func (d *Data) Samples(s Split) []delgrad.Sample {
	switch s {
	case TrainSplit:
		return d.Train
	case ValSplit:
		return d.Val
	}
	return d.Test
}
