//go:build !js

package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func TestFSHasPage(t *testing.T) {
	for _, name := range []string{"index.html", "style.css", "app.js"} {
		if _, err := fs.Stat(FS(), name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestPageHasBoundElements: every id the bridge binds exists exactly once,
// and every form control has a label.
func TestPageHasBoundElements(t *testing.T) {
	b, err := fs.ReadFile(FS(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, id := range elementIDs {
		if n := strings.Count(html, `id="`+id+`"`); n != 1 {
			t.Errorf("id %q appears %d times in index.html, want 1", id, n)
		}
	}
	controls := regexp.MustCompile(`<(?:input|select)[^>]*\bid="([^"]+)"`).FindAllStringSubmatch(html, -1)
	if len(controls) < 10 {
		t.Fatalf("found only %d controls", len(controls))
	}
	for _, m := range controls {
		if !strings.Contains(html, `for="`+m[1]+`"`) {
			t.Errorf("control %q has no <label for>", m[1])
		}
	}
	for _, src := range []string{"wasm_exec.js", "app.js", "style.css"} {
		if !strings.Contains(html, src) {
			t.Errorf("index.html does not load %s", src)
		}
	}
}
