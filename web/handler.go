//go:build !js

package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// Handler serves the page (FS) for `delaylab serve`. Beyond
// http.FileServerFS it sets an ETag from each file's content, so a browser
// revalidates the 12 MB main.wasm with one small request instead of
// downloading it again (embedded files have no modification time to
// compare), and it names the wasm type explicitly, which streaming
// compilation requires. The tags are computed once, here, not on the first
// request, which is the one a user waits for.
func Handler() http.Handler {
	fsys := FS()
	etags := map[string]string{}
	fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := fs.ReadFile(fsys, name); err == nil {
			sum := sha256.Sum256(b)
			etags[name] = `"` + hex.EncodeToString(sum[:12]) + `"`
		}
		return nil
	})
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "index.html"
		}
		if tag, ok := etags[name]; ok {
			w.Header().Set("ETag", tag)
			w.Header().Set("Cache-Control", "no-cache")
		}
		if strings.HasSuffix(name, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}
