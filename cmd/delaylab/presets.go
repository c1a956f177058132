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

const protocolsAbout = `Lists the training conventions of the DelGrad authors' code that
differ from DelayLab's own protocol. -protocol on train and sweep picks
a protocol: ours, authors (all of them), ours+CONV+... (ours with some of
them) or authors-CONV-... (theirs without some).`

func cmdProtocols(e *env, args []string) int {
	c := newCmd(e, "protocols", "", protocolsAbout)
	if code, ok := c.parse(args); !ok {
		return code
	}
	width := 0
	for _, cv := range delgrad.Conventions() {
		width = max(width, len(cv.String()))
	}
	fmt.Fprintln(e.stdout, "protocols: ours, authors, ours+CONV+..., authors-CONV-...; conventions:")
	for _, cv := range delgrad.Conventions() {
		fmt.Fprintf(e.stdout, "  %-*s  %s\n", width, cv.String(), cv.Summary())
	}
	return exitOK
}
