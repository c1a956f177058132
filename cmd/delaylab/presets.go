package main

import (
	"fmt"

	"delaylab/delgrad"
)

func cmdPresets(e *env, args []string) int {
	c := newCmd(e, "presets", "", "Lists the training recipes, one per line, with a description.")
	if code, ok := c.parse(args); !ok {
		return code
	}
	ps := delgrad.Presets()
	width := 0
	for _, p := range ps {
		width = max(width, len(p.Name))
	}
	for _, p := range ps {
		fmt.Fprintf(e.stdout, "%-*s  %s\n", width, p.Name, p.Description)
	}
	return exitOK
}
