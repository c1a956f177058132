package assets

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Example is one example run.
type Example struct {
	// Name is stable: the file is Name + ".dlab", and `delaylab examples
	// -write` takes it.
	Name string
	// Title is a short label for a menu; About is one sentence on what the
	// example shows.
	Title, About string
	// TestRight of TestTotal samples of the test split were classified
	// correctly by the final network — the one the file holds — when the
	// example was made (the last line `delaylab train` printed).
	TestRight, TestTotal int
}

// TestAccuracy is TestRight / TestTotal.
func (e Example) TestAccuracy() float64 { return float64(e.TestRight) / float64(e.TestTotal) }

// FileName is the name the checkpoint has in the catalogue: Name + ".dlab".
func (e Example) FileName() string { return e.Name + ".dlab" }

// Bytes is the example's .dlab checkpoint, a fresh copy each time.
func (e Example) Bytes() []byte {
	b, err := fs.ReadFile(files, dir+"/"+e.FileName())
	if err != nil {
		// The files are compiled in, and a test checks that the
		// catalogue and the files match.
		panic(fmt.Sprintf("assets: example %s has no file: %v", e.Name, err))
	}
	return b
}

// All lists the examples in catalogue order.
func All() []Example { return append([]Example(nil), examples()...) }

// Names lists the examples' names in catalogue order.
func Names() []string {
	var out []string
	for _, e := range examples() {
		out = append(out, e.Name)
	}
	return out
}

// Lookup returns the example called name; an unknown name is an
// *UnknownError that lists the names there are.
func Lookup(name string) (Example, error) {
	for _, e := range examples() {
		if e.Name == name {
			return e, nil
		}
	}
	return Example{}, &UnknownError{Name: name, Names: Names()}
}

// UnknownError is a name that is not in the catalogue.
type UnknownError struct {
	Name  string
	Names []string // the examples there are
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("no example %q (there are: %s)", e.Name, strings.Join(e.Names, ", "))
}

// Manifest is examples/MANIFEST: the commit the examples were made at and
// the exact command lines.
func Manifest() string { return mustRead("MANIFEST") }

// examples joins the catalogue with the recorded results, once.
var examples = sync.OnceValue(func() []Example {
	results, err := parseResults(mustRead("RESULTS"))
	if err != nil {
		panic("assets: examples/RESULTS: " + err.Error())
	}
	out := make([]Example, 0, len(catalogue))
	for _, c := range catalogue {
		r, ok := results[c.name]
		if !ok {
			panic("assets: examples/RESULTS has no line for " + c.name)
		}
		out = append(out, Example{Name: c.name, Title: c.title, About: c.about, TestRight: r[0], TestTotal: r[1]})
	}
	return out
})

// mustRead reads one of the records. They are compiled in (embed.go), so
// a missing one is a broken build, not bad input.
func mustRead(name string) string {
	b, err := fs.ReadFile(files, dir+"/"+name)
	if err != nil {
		panic("assets: " + err.Error())
	}
	return string(b)
}
