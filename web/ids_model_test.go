//go:build !js

package web

import (
	"io/fs"
	"strings"
	"testing"
)

// TestPageHasModelElements: every id of the Substrate and Model panels
// exists exactly once, and none clashes with the bridge's own.
func TestPageHasModelElements(t *testing.T) {
	b, err := fs.ReadFile(FS(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, id := range elementIDs {
		seen[id] = true
	}
	for _, id := range modelIDs {
		if n := strings.Count(string(b), `id="`+id+`"`); n != 1 {
			t.Errorf("id %q appears %d times in index.html, want 1", id, n)
		}
		if seen[id] {
			t.Errorf("id %q is bound twice", id)
		}
		seen[id] = true
	}
}
