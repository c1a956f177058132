package app

import (
	"delaylab/dataset"
	"delaylab/run"
)

// data is one data set ready for training and for the page (coded
// samples and the validation points the decision map shows); it is
// immutable once built, so snapshots share it.
type data = run.Data

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
func loadData(name string) (*data, error) { return run.DefaultData(name) }

// buildData generates (or, for "csv", splits) the data set of spec and
// codes it with coding.
func buildData(spec dataset.Spec, coding dataset.Coding) (*data, error) {
	return run.LoadData(spec, coding)
}
