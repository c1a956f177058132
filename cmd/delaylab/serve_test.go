//go:build !js

package main

import (
	"bufio"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"delaylab/web"
)

// TestServe starts the server as a process and fetches the page: the
// embedded one when the binary holds the wasm (as after `make wasm`), else
// the web/static folder of the working directory.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	_, err := fs.Stat(web.FS(), "main.wasm")
	embeddedWasm := err == nil
	want, page := "the embedded page", "/"
	if !embeddedWasm {
		static := filepath.Join(dir, "web", "static")
		if err := os.MkdirAll(static, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range map[string]string{"index.html": "<title>DelayLab</title>", "main.wasm": "\x00asm"} {
			if err := os.WriteFile(filepath.Join(static, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want = "web/static"
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Dir = dir
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	lines := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		lines <- l
	}()
	var first string
	select {
	case first = <-lines:
	case <-time.After(20 * time.Second):
		t.Fatal("serve printed nothing")
	}
	m := regexp.MustCompile(`^serving (.+) on (http://127\.0\.0\.1:\d+/)\n$`).FindStringSubmatch(first)
	if m == nil || m[1] != want {
		t.Fatalf("serve printed %q, want it to serve %s", first, want)
	}
	resp, err := http.Get(strings.TrimSuffix(m[2], "/") + page)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "DelayLab") {
		t.Errorf("GET %s: %s %.80q", page, resp.Status, body)
	}
	if embeddedWasm {
		resp, err := http.Get(m[2] + "main.wasm")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "application/wasm" {
			t.Errorf("GET main.wasm: %s, Content-Type %q", resp.Status, ct)
		}
	}
}
