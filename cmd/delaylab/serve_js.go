package main

import "errors"

// cmdServe exists only natively: a program compiled to WebAssembly has no
// sockets to listen on.
func cmdServe(e *env, args []string) int {
	c := newCmd(e, "serve", "[-addr 127.0.0.1:8080]", "Serves the DelayLab web page (native builds only).")
	c.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	if code, ok := c.parse(args); !ok {
		return code
	}
	return c.fail(errors.New("serve is not available in a WebAssembly build"))
}
