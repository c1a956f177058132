package web

import (
	"net/url"
	"sync"
	"syscall/js"
	"time"

	"delaylab/app"
)

// workerEngine is app.Engine over the page's Web Worker (static/engine.js
// running engine.wasm): jobs go out as messages with the checkpoint's
// bytes, results come back the same way.
type workerEngine struct {
	w  js.Value
	mu sync.Mutex
	// The last result, until Result hands it out.
	done bool
	file []byte
	busy time.Duration
	err  error
}

func (e *workerEngine) Train(file []byte, budget time.Duration) {
	buf := js.Global().Get("Uint8Array").New(len(file))
	js.CopyBytesToJS(buf, file)
	msg := map[string]any{"file": buf, "budgetMs": float64(budget) / float64(time.Millisecond)}
	e.w.Call("postMessage", msg, []any{buf.Get("buffer")})
}

func (e *workerEngine) Result() ([]byte, time.Duration, bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		return nil, 0, false, nil
	}
	e.done = false
	return e.file, e.busy, true, e.err
}

// startEngine starts the worker and, once it listens, makes it train the
// session (until then, and without Worker support, training runs in the
// page's frames). "?engine=page" in the address keeps training in the
// page, for comparison.
func (b *Bridge) startEngine() {
	if u, err := url.Parse(js.Global().Get("location").Get("href").String()); err == nil && u.Query().Get("engine") == "page" {
		return
	}
	ctor := js.Global().Get("Worker")
	if !ctor.Truthy() {
		return
	}
	e := &workerEngine{w: ctor.New("engine.js")}
	b.dom.on(e.w, "message", false, func(ev js.Value) {
		data := ev.Get("data")
		switch {
		case data.Get("ready").Truthy():
			// Quiet: starting the engine must not clear a message the user is reading.
			b.s.PostQuiet(func(s *app.Session) { s.SetEngine(e) })
		case data.Get("error").Truthy():
			e.mu.Lock()
			e.done, e.err = true, errString(data.Get("error").String())
			e.mu.Unlock()
		default:
			src := data.Get("file")
			f := make([]byte, src.Get("length").Int())
			js.CopyBytesToGo(f, src)
			e.mu.Lock()
			e.done, e.file, e.err = true, f, nil
			e.busy = time.Duration(data.Get("busyMs").Float() * float64(time.Millisecond))
			e.mu.Unlock()
		}
	})
	b.dom.on(e.w, "error", false, func(ev js.Value) {
		e.mu.Lock()
		e.done, e.err = true, errString("the worker failed to load")
		e.mu.Unlock()
		ev.Call("preventDefault")
	})
}

type errString string

func (e errString) Error() string { return string(e) }
