package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"time"
)

const serveAbout = `Serves the DelayLab web page over HTTP until interrupted. For now the
page is the folder web/static under the working directory (build it with
'make wasm' in the repository root).`

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
	return c.fail(srv.Serve(ln))
}

// staticFiles returns the page's files and where they come from.
//
// HOOK(web): once package web embeds the page, return its file system
// instead (keeping the folder as an override for development if wanted):
//
//	return web.Static(), "the embedded page", nil
func staticFiles() (fs.FS, string, error) {
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
	return os.DirFS(staticDir), staticDir, nil
}
