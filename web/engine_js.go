package web

import (
	"net/url"
	"sync"
	"syscall/js"
	"time"

	"delaylab/app"
)

// workerEngine is app.Engine over the page's Web Worker (static/engine.js
// running engine.wasm): runs go out as messages with the checkpoint's
// bytes, results come back the same way.
type workerEngine struct {
	w  js.Value
	mu sync.Mutex
	// The newest result, until Result hands it out, and the training time
	// of every result since the last call.
	have bool
	file []byte
	id   uint64
	busy time.Duration
	err  error
}

func (e *workerEngine) Start(file []byte, id uint64) {
	buf := js.Global().Get("Uint8Array").New(len(file))
	js.CopyBytesToJS(buf, file)
	e.w.Call("postMessage", map[string]any{"file": buf, "id": float64(id)}, []any{buf.Get("buffer")})
}

func (e *workerEngine) Stop() { e.w.Call("postMessage", map[string]any{"stop": true}) }

func (e *workerEngine) Result() ([]byte, uint64, time.Duration, bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return nil, 0, 0, false, e.err
	}
	if !e.have {
		return nil, 0, 0, false, nil
	}
	busy := e.busy
	e.have, e.busy = false, 0
	return e.file, e.id, busy, true, nil
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
			e.err = errString(data.Get("error").String())
			e.mu.Unlock()
			b.s.PostQuiet(func(*app.Session) {}) // wakes a resting page to say so
		default:
			src := data.Get("file")
			f := make([]byte, src.Get("length").Int())
			js.CopyBytesToGo(f, src)
			e.mu.Lock()
			e.have, e.file, e.id = true, f, uint64(data.Get("id").Float())
			e.busy += time.Duration(data.Get("busyMs").Float() * float64(time.Millisecond))
			e.mu.Unlock()
		}
	})
	b.dom.on(e.w, "error", false, func(ev js.Value) {
		e.mu.Lock()
		e.err = errString("the worker failed to load")
		e.mu.Unlock()
		b.s.PostQuiet(func(*app.Session) {})
		ev.Call("preventDefault")
	})
}

type errString string

func (e errString) Error() string { return string(e) }
