package assets

import (
	"errors"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCatalogue: every example has a name fit for a file and a command
// line, a title and one sentence; names are unique; the embedded files
// are exactly the catalogue's, and RESULTS and MANIFEST have one line per
// example.
func TestCatalogue(t *testing.T) {
	name := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, e := range All() {
		if !name.MatchString(e.Name) {
			t.Errorf("name %q: want lower-case words joined by hyphens", e.Name)
		}
		if seen[e.Name] {
			t.Errorf("name %q twice", e.Name)
		}
		seen[e.Name] = true
		if strings.TrimSpace(e.Title) == "" {
			t.Errorf("%s has no title", e.Name)
		}
		// One sentence: it ends with a full stop and has no other end
		// of sentence inside.
		a := e.About
		if !strings.HasSuffix(a, ".") || strings.ContainsAny(a[:len(a)-1], "?!") || strings.Contains(a, ". ") || strings.TrimSpace(a) != a {
			t.Errorf("%s: %q is not one sentence", e.Name, a)
		}
		if e.TestTotal <= 0 || e.TestRight <= 0 || e.TestRight > e.TestTotal {
			t.Errorf("%s: recorded %d right of %d", e.Name, e.TestRight, e.TestTotal)
		}
	}
	if len(seen) == 0 {
		t.Fatal("no examples")
	}

	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	for _, de := range entries {
		switch n := de.Name(); {
		case n == "RESULTS" || n == "MANIFEST":
		case strings.HasSuffix(n, ".dlab") && seen[strings.TrimSuffix(n, ".dlab")]:
			onDisk[strings.TrimSuffix(n, ".dlab")] = true
		default:
			t.Errorf("examples/%s is not in the catalogue", n)
		}
	}
	for n := range seen {
		if !onDisk[n] {
			t.Errorf("the catalogue's %s has no file examples/%s.dlab", n, n)
		}
	}

	results, err := parseResults(mustRead("RESULTS"))
	if err != nil {
		t.Fatal(err)
	}
	for n := range results {
		if !seen[n] {
			t.Errorf("RESULTS has a line for %s, which is not in the catalogue", n)
		}
	}
	manifest := strings.Split(strings.TrimRight(Manifest(), "\n"), "\n")
	if len(manifest) < 2 || !strings.HasPrefix(manifest[0], "commit ") || !strings.HasPrefix(manifest[1], "made by: scripts/make-examples.sh") {
		t.Fatalf("MANIFEST does not start with the commit and the script:\n%s", Manifest())
	}
	var made []string
	for _, line := range manifest[2:] {
		out := regexp.MustCompile(`^bin/delaylab train .* -o assets/examples/([a-z0-9-]+)\.dlab$`).FindStringSubmatch(line)
		if out == nil {
			t.Errorf("MANIFEST line %q is not a train command writing an example", line)
			continue
		}
		made = append(made, out[1])
	}
	slices.Sort(made)
	if names := slices.Sorted(maps.Keys(seen)); !slices.Equal(made, names) {
		t.Errorf("MANIFEST makes %v; the catalogue has %v", made, names)
	}
}

// TestLookup: a name finds its example; another is refused with the names
// there are.
func TestLookup(t *testing.T) {
	e, err := Lookup("xor")
	if err != nil || e.Name != "xor" || len(e.Bytes()) == 0 {
		t.Fatalf("Lookup(xor) = %+v, %v", e, err)
	}
	_, err = Lookup("moon")
	var ue *UnknownError
	if !errors.As(err, &ue) || ue.Name != "moon" || !strings.Contains(err.Error(), `no example "moon" (there are: xor, circles, `) {
		t.Errorf("Lookup(moon): %v", err)
	}
}

// TestParseResults: RESULTS lines that are not what the script writes are
// refused with the line.
func TestParseResults(t *testing.T) {
	good := "xor\ttest accuracy 0.9960 (996/1000)\n"
	if r, err := parseResults(good); err != nil || r["xor"] != [2]int{996, 1000} {
		t.Fatalf("parseResults(%q) = %v, %v", good, r, err)
	}
	for text, want := range map[string]string{
		"xor test accuracy 0.9960 (996/1000)":                       "want a name, a tab",
		"xor\ttest accuracy 0.9960":                                 `want "test accuracy A (RIGHT/TOTAL)"`,
		"xor\ttest accuracy 0.9950 (996/1000)":                      "the accuracy is not 996/1000",
		"xor\ttest accuracy 1.0010 (1001/1000)":                     "1001 right of 1000",
		good + "xor\ttest accuracy 0.9960 (996/1000)":               "line 2: xor a second time",
		"xor\tinterrupted after 3 of 30 epochs":                     "line 1",
		"\ttest accuracy 0.9960 (996/1000)":                         "want a name",
		"xor\ttest accuracy 0.9960 (996/1000)\ncircles\tnot a line": "line 2",
	} {
		if _, err := parseResults(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseResults(%q): %v, want %q", text, err, want)
		}
	}
}
