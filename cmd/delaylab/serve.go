//go:build !js

package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"time"

	"delaylab/web"
)

const serveAbout = `Serves the DelayLab web page over HTTP until interrupted. The page is
embedded in this binary (build it with 'make serve', which runs 'make wasm'
first). A binary built before the wasm existed serves the folder web/static
of the working directory instead, if it holds main.wasm.`

// staticDir is where serve looks for the page, relative to the working
// directory.
const staticDir = "web/static"

func cmdServe(e *env, args []string) int {
	c := newCmd(e, "serve", "[-addr 127.0.0.1:8080]", serveAbout)
	addr := c.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	if code, ok := c.parse(args); !ok {
		return code
	}
	files, from, err := staticFiles()
	if err != nil {
		return c.fail(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintf(e.stdout, "serving %s on http://%s/\n", from, ln.Addr())
	srv := &http.Server{Handler: http.FileServerFS(files), ReadHeaderTimeout: 10 * time.Second}
	if from == embedded {
		srv.Handler = web.Handler()
	}
	return c.fail(srv.Serve(ln))
}

// embedded names the page compiled into the binary.
const embedded = "the embedded page"

// staticFiles returns the page's files and where they come from: the
// embedded page when it holds the wasm, else the folder.
func staticFiles() (fs.FS, string, error) {
	if _, err := fs.Stat(web.FS(), "main.wasm"); err == nil {
		return web.FS(), embedded, nil
	}
	fi, err := os.Stat(staticDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("no %s folder in the working directory: run 'make wasm' (or 'make serve') in the repository root first", staticDir)
	}
	if err != nil {
		return nil, "", err
	}
	if !fi.IsDir() {
		return nil, "", fmt.Errorf("%s is not a directory", staticDir)
	}
	if _, err := os.Stat(staticDir + "/main.wasm"); err != nil {
		return nil, "", fmt.Errorf("neither this binary nor %s holds main.wasm: run 'make wasm' (or 'make serve') in the repository root first", staticDir)
	}
	return os.DirFS(staticDir), staticDir, nil
}
