// Command delaylab trains, evaluates and inspects spiking networks with
// learnable delays (DelGrad), and serves the DelayLab web page.
//
// Usage:
//
//	delaylab COMMAND [flags]
//
// Run "delaylab help" for the commands and "delaylab COMMAND -h" for the
// flags of one. Exit status: 0 on success, 1 when the command failed, 2 for
// a bad command line.
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: run gets the arguments after its name and
// returns the exit status.
type command struct {
	name, summary string
	run           func(e *env, args []string) int
}

var commands = []command{
	{"presets", "list the training recipes", cmdPresets},
	{"protocols", "list the training conventions -protocol can switch", cmdProtocols},
	{"examples", "list the built-in example runs, or write one out as a checkpoint", cmdExamples},
	{"train", "train a preset or resume a checkpoint, and report the test accuracy", cmdTrain},
	{"eval", "measure the accuracy of a net.json or a checkpoint", cmdEval},
	{"grad", "exact gradients of a net.json on some samples", cmdGrad},
	{"data", "write a data set as CSV", cmdData},
	{"export", "write the network of a checkpoint as net.json", cmdExport},
	{"import", "make a checkpoint of a net.json", cmdImport},
	{"inspect", "summarise a checkpoint", cmdInspect},
	{"share", "print a share link of a checkpoint's network", cmdShare},
	{"bench", "measure simulation and training speed", cmdBench},
	{"sweep", "train a grid of configurations and plot the comparison", cmdSweep},
	{"serve", "serve the web page", cmdServe},
}

// env is what a command talks to.
type env struct {
	stdout, stderr io.Writer
	// tty reports whether stdout is a terminal (progress bars).
	tty bool
}

func main() {
	fi, err := os.Stdout.Stat()
	tty := err == nil && fi.Mode()&os.ModeCharDevice != 0
	os.Exit(dispatch(&env{stdout: os.Stdout, stderr: os.Stderr, tty: tty}, os.Args[1:]))
}

// dispatch runs the command args[0] names and returns its exit status.
func dispatch(e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(e.stdout)
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "delaylab: unknown command %q\n", args[0])
	usage(e.stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: delaylab COMMAND [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'delaylab COMMAND -h' for the flags of a command.")
}
