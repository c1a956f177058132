//go:build !js

package web

import (
	"embed"
	"io/fs"
)

// The js build must not embed static/: it would put the previous main.wasm
// inside the new one.

//go:embed static
var static embed.FS

// FS returns the page's files with index.html at the root, ready for
// http.FileServerFS. main.wasm and wasm_exec.js are included when they were
// built (`make wasm`) before this binary; without them the page loads and
// says what is missing.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // "static" is a literal directory of this package
	}
	return sub
}
