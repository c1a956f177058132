package main

import (
	"io"

	"delaylab/dataset"
)

const dataAbout = `Writes the points of a data set as CSV: the header x,y,label, then one
point per line with coordinates printed with %.17g, so that they read back
exactly (as with -data csv:OUT.csv). csv:PATH rewrites every point of the file.`

func cmdData(e *env, args []string) int {
	c := newCmd(e, "data", "-data NAME [-o OUT.csv]", dataAbout)
	dataName := c.String("data", "", "the `NAME` of the samples: yinyang:train|validation|test, xor, circles, spirals or csv:PATH")
	outPath := c.String("o", "-", "write to `OUT.csv` (- for standard output)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	if *dataName == "" {
		return c.usageErr("-data is required")
	}
	src, err := parseData(*dataName)
	if err != nil {
		return c.usageErr("%v", err)
	}
	pts, err := src.points()
	if err != nil {
		return c.fail(err)
	}
	if err := writeFile(e, *outPath, func(w io.Writer) error { return dataset.WriteCSV(w, pts) }); err != nil {
		return c.fail(err)
	}
	return exitOK
}
