package dataset

import (
	"slices"
	"strings"
)

// splitNames lists the valid split names in data order.
var splitNames = []string{"train", "validation", "test"}

// defaultSplit is the split a data name without one selects: the held-out
// test set is what reports quote.
const defaultSplit = "test"

// parseForms is shown in Parse errors so a mistyped flag can be fixed
// without looking up the documentation.
const parseForms = "yinyang[:SPLIT], xor[:SPLIT], circles[:SPLIT], spirals[:SPLIT] or csv:PATH, with SPLIT one of train, validation, test"

// Parse parses a command-line data name and returns the default Spec for it
// and the split it selects.
//
// The forms are NAME or NAME:SPLIT for the synthetic sets ("yinyang",
// "xor", "circles", "spirals"), where SPLIT is "train", "validation" or
// "test" (the default), and "csv:PATH". For csv the returned Spec has Path
// set and no Points: Parse does not touch the file system, so the caller
// reads PATH with ReadCSV and fills Points. The split for csv is "test".
func Parse(name string) (Spec, string, error) {
	base, rest, hasRest := strings.Cut(name, ":")
	switch base {
	case "csv":
		// Everything after the first colon is the path, which may itself
		// contain colons (C:\data.csv).
		if rest == "" {
			return Spec{}, "", newError("data name %q lacks a path; want csv:PATH", name)
		}
		s := DefaultSpec("csv")
		s.Path = rest
		return s, defaultSplit, nil
	case "yinyang", "xor", "circles", "spirals":
	default:
		return Spec{}, "", newError("unknown data name %q (valid: %s)", name, parseForms)
	}
	split := defaultSplit
	if hasRest {
		if !slices.Contains(splitNames, rest) {
			return Spec{}, "", newError("unknown split %q in data name %q (valid: %s)",
				rest, name, strings.Join(splitNames, ", "))
		}
		split = rest
	}
	return DefaultSpec(base), split, nil
}

// Split returns the split called name ("train", "validation" or "test"),
// as returned by Parse, and whether the name is valid.
func (d Data) Split(name string) ([]Point, bool) {
	switch name {
	case "train":
		return d.Train, true
	case "validation":
		return d.Validation, true
	case "test":
		return d.Test, true
	}
	return nil, false
}
