package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTablesMatchSummaries: every generated table in the README is
// the one its summary holds (a typed edit, or a summary regenerated
// without the README, fails here).
func TestReadmeTablesMatchSummaries(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	out, changed, err := update(string(b), "../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) > 0 || out != string(b) {
		t.Fatalf("README tables out of date: %v (run go run ./scripts/readme-tables)", changed)
	}
	if !strings.Contains(string(b), "<!-- table ") {
		t.Fatal("weak test: the README has no generated table")
	}
}

// TestUpdate: a block is replaced by the named table of its summary, and
// a missing table is an error.
func TestUpdate(t *testing.T) {
	dir := t.TempDir()
	sum := "intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n| c |\n|---|\n| 3 |\n"
	if err := os.WriteFile(filepath.Join(dir, "s.md"), []byte(sum), 0o644); err != nil {
		t.Fatal(err)
	}
	readme := "x\n<!-- table s.md 2 -->\n| old |\n<!-- /table -->\ny\n"
	out, changed, err := update(readme, dir)
	if err != nil || len(changed) != 1 || out != "x\n<!-- table s.md 2 -->\n| c |\n|---|\n| 3 |\n<!-- /table -->\ny\n" {
		t.Fatalf("got %q, %v, %v", out, changed, err)
	}
	if _, _, err := update("<!-- table s.md 3 -->\n<!-- /table -->", dir); err == nil {
		t.Fatal("a missing table accepted")
	}
	cmd := exec.Command("go", "run", ".", "-check", filepath.Join(dir, "missing.md"))
	if cmd.Run() == nil {
		t.Fatal("-check on a missing README succeeded")
	}
}
