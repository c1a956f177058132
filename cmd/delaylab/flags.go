package main

import (
	"errors"
	"flag"
	"fmt"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and failed
	exitUsage = 2 // bad command line
)

// cmdline is the flag set of one command, with its usage text and ways to
// end the command with an error message.
type cmdline struct {
	*flag.FlagSet
	e *env
}

// newCmd makes the flag set of command name, whose usage is
// "delaylab name synopsis", then about, then the flags.
func newCmd(e *env, name, synopsis, about string) *cmdline {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n\n%s\n\nflags:\n", strings.TrimSpace("delaylab "+name+" "+synopsis), about)
		fs.PrintDefaults()
	}
	return &cmdline{FlagSet: fs, e: e}
}

// parse parses args. If ok is false the command ends with status code:
// 0 after -h, 2 after a bad flag (the usage has been printed).
func (c *cmdline) parse(args []string) (code int, ok bool) {
	if code, ok := c.parseFlags(args); !ok {
		return code, false
	}
	if c.NArg() > 0 {
		return c.usageErr("unexpected argument %q", c.Arg(0)), false
	}
	return 0, true
}

// parseFile parses the args of a command that takes one file name (what,
// as in its usage) before, after or among its flags, and returns the name.
func (c *cmdline) parseFile(args []string, what string) (path string, code int, ok bool) {
	if code, ok := c.parseFlags(args); !ok {
		return "", code, false
	}
	if c.NArg() == 0 {
		return "", c.usageErr("%s is required", what), false
	}
	path = c.Arg(0)
	if rest := c.Args()[1:]; len(rest) > 0 {
		// Flags after the file name.
		if code, ok := c.parseFlags(rest); !ok {
			return "", code, false
		}
		if c.NArg() > 0 {
			return "", c.usageErr("unexpected argument %q", c.Arg(0)), false
		}
	}
	return path, 0, true
}

// parseFlags parses args up to the first one that is not a flag.
func (c *cmdline) parseFlags(args []string) (code int, ok bool) {
	err := c.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK, false
	}
	if err != nil {
		return exitUsage, false
	}
	return 0, true
}

// isSet reports whether the flag was given on the command line.
func (c *cmdline) isSet(name string) bool {
	set := false
	c.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// usageErr reports a bad command line: the message, then the usage.
func (c *cmdline) usageErr(format string, a ...any) int {
	fmt.Fprintf(c.e.stderr, "delaylab %s: %s\n", c.Name(), fmt.Sprintf(format, a...))
	c.Usage()
	return exitUsage
}

// fail reports a command that could not do its work.
func (c *cmdline) fail(err error) int {
	fmt.Fprintf(c.e.stderr, "delaylab %s: %v\n", c.Name(), err)
	return exitFail
}
