package app

import (
	"delaylab/dataset"
	"delaylab/delgrad"
)

// data is one data set ready for training and for the page: coded samples
// for the trainer and the validation points the decision map shows. It is
// immutable once built, so snapshots share it.
type data struct {
	name       string
	classes    int
	train, val []delgrad.Sample
	test       []delgrad.Sample
	points     []dataset.Point // validation points, in the order of val
	// spec and coding are what the data was made from; checkpoints record them.
	spec   dataset.Spec
	coding dataset.Coding
}

// ClassNames are the names of the classes of a data set, for legends.
func ClassNames(name string, classes int) []string {
	if name == "yinyang" && classes == 3 {
		return []string{"yin", "yang", "dot"}
	}
	out := make([]string, classes)
	for i := range out {
		out[i] = "class " + string(rune('0'+i))
	}
	return out
}

// loadData generates a data set with its default spec (Yin-Yang with the
// reference seeds) and codes it with the reference latency code.
func loadData(name string) (*data, error) {
	return buildData(dataset.DefaultSpec(name), dataset.DefaultCoding())
}

// buildData generates (or, for "csv", splits) the data set of spec and
// codes it with coding.
func buildData(spec dataset.Spec, coding dataset.Coding) (*data, error) {
	d, err := dataset.Generate(spec)
	if err != nil {
		return nil, err
	}
	code := func(pts []dataset.Point) []delgrad.Sample { return delgrad.MakeSamples(coding.EncodeAll(pts)) }
	return &data{
		name:    spec.Name,
		classes: d.Classes,
		train:   code(d.Train),
		val:     code(d.Validation),
		test:    code(d.Test),
		points:  d.Validation,
		spec:    spec,
		coding:  coding,
	}, nil
}
