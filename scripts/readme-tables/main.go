// Command readme-tables keeps the README's result tables equal to the
// summaries the study scripts write, so that no figure in the README is
// typed by hand. A block in the README
//
//	<!-- table docs/results/protocol/summary.md 2 -->
//	| … the second table of that file … |
//	<!-- /table -->
//
// is replaced by the N-th Markdown table (1-based) of the named summary.
// With -check it changes nothing and exits 1 if a block differs (make test
// runs it through its test); without, it rewrites the README in place.
//
// Usage: go run ./scripts/readme-tables [-check] [README.md]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var blockRE = regexp.MustCompile(`(?s)(<!-- table (\S+) (\d+) -->\n)(.*?)(<!-- /table -->)`)

// tables splits Markdown into its tables (runs of lines starting with "|").
func tables(md string) []string {
	var out []string
	var cur []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "|") {
			cur = append(cur, l)
			continue
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n")+"\n")
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, "\n")+"\n")
	}
	return out
}

// update returns readme with every block refreshed from the summaries,
// which are read relative to root, and the blocks that changed.
func update(readme, root string) (string, []string, error) {
	var changed []string
	var err error
	out := blockRE.ReplaceAllStringFunc(readme, func(b string) string {
		m := blockRE.FindStringSubmatch(b)
		n, _ := strconv.Atoi(m[3])
		src, e := os.ReadFile(filepath.Join(root, m[2]))
		if e != nil {
			err = e
			return b
		}
		ts := tables(string(src))
		if n < 1 || n > len(ts) {
			err = fmt.Errorf("%s has %d tables, the README asks for table %d", m[2], len(ts), n)
			return b
		}
		if m[4] != ts[n-1] {
			changed = append(changed, fmt.Sprintf("%s table %d", m[2], n))
		}
		return m[1] + ts[n-1] + m[5]
	})
	return out, changed, err
}

func main() {
	check := flag.Bool("check", false, "only report blocks that differ from their summaries")
	flag.Parse()
	path := "README.md"
	if flag.NArg() > 0 {
		path = flag.Arg(0)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out, changed, err := update(string(b), filepath.Dir(path))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *check {
		for _, c := range changed {
			fmt.Fprintf(os.Stderr, "%s: the table from %s differs; run go run ./scripts/readme-tables\n", path, c)
		}
		if len(changed) > 0 {
			os.Exit(1)
		}
		return
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
