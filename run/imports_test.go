package run

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestREADMEImports: the README's list of which project package imports
// which is the real import graph (all build targets, tests excluded), so
// the architecture a reader sees is the one the code has.
func TestREADMEImports(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)<!-- imports -->\n```\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no ```-block after <!-- imports -->")
	}
	documented := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(block[1])), "\n") {
		pkg, deps, ok := strings.Cut(line, "─►")
		if !ok {
			t.Fatalf("README imports line %q has no ─►", line)
		}
		var list []string
		if d := strings.TrimSpace(deps); d != "(nothing)" {
			for _, p := range strings.Split(d, ",") {
				list = append(list, strings.TrimSpace(p))
			}
		}
		documented[strings.TrimSpace(pkg)] = list
	}
	actual := projectImports(t, "..")
	for pkg, deps := range actual {
		if got, ok := documented[pkg]; !ok {
			t.Errorf("README does not list package %s (imports %s)", pkg, strings.Join(deps, ", "))
		} else if !slices.Equal(got, deps) {
			t.Errorf("README says %s imports %v; it imports %v", pkg, got, deps)
		}
	}
	for pkg := range documented {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("README lists %s, which is not a package", pkg)
		}
	}
}

// projectImports maps each package directory under root (scripts and
// testdata aside) to the sorted project packages its non-test files import.
func projectImports(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (strings.HasPrefix(name, ".") || name == "scripts" || name == "testdata" || name == "docs" || name == "bin" || name == "dist") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		deps := out[dir]
		if deps == nil {
			deps = []string{}
		}
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if rest, ok := strings.CutPrefix(p, "delaylab/"); ok && !slices.Contains(deps, rest) {
				deps = append(deps, rest)
			}
		}
		slices.Sort(deps)
		out[dir] = deps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
