package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"delaylab/dataset"
	"delaylab/delgrad"
	"delaylab/run"
)

// trainDataNames are the data sets train -data accepts: the generated
// ones, whose splits a checkpoint can rebuild from their spec alone (a
// csv file would have to travel with it).
func trainDataNames() []string {
	return slices.DeleteFunc(dataset.Names(), func(n string) bool { return n == "csv" })
}

// reshapeRecipe changes a preset's recipe for train -data and -hidden: the
// data set (with its reference splits and coding; the output layer gets
// one neuron per class) and the size of its one hidden layer. Everything
// else — neuron, delays, loss, learning rates, initialisation, schedule —
// stays the preset's, as on the page when one changes only these. The
// recipe keeps the preset's name, so the page knows which preset to build
// on, and its description says what was changed. data "" and hidden 0
// leave those as they are; the returned data is nil when the data set is
// the preset's own.
func reshapeRecipe(cfg *delgrad.Config, data string, hidden int) (*run.Data, error) {
	var d *run.Data
	if data != "" {
		if !slices.Contains(trainDataNames(), data) {
			return nil, fmt.Errorf("-data %q: want one of %s", data, strings.Join(trainDataNames(), ", "))
		}
		var err error
		if d, err = run.DefaultData(data); err != nil {
			return nil, err
		}
		cfg.Dataset, cfg.Outputs = data, d.Classes
	}
	if hidden != 0 {
		if len(cfg.Hidden) != 1 {
			return nil, fmt.Errorf("-hidden: preset %s has %d hidden layers; -hidden sets the size of a single one", cfg.Name, len(cfg.Hidden))
		}
		cfg.Hidden = []int{hidden}
	}
	arch := strconv.Itoa(cfg.Features)
	if cfg.Copies > 1 {
		arch += "x" + strconv.Itoa(cfg.Copies)
	}
	for _, n := range append(slices.Clone(cfg.Hidden), cfg.Outputs) {
		arch += "-" + strconv.Itoa(n)
	}
	cfg.Description = fmt.Sprintf("the recipe of %s on %s data, %s", cfg.Name, cfg.Dataset, arch)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}
