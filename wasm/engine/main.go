//go:build js

// Command engine is DelayLab's training engine for the page's Web Worker:
// sim, delgrad, chip, checkpoint and run compiled to WebAssembly without
// Ebiten or the page. The page sends it a run as a checkpoint,
// {file: Uint8Array, id}, or {stop: true}; it trains the run without pause
// (run.Jobs) and about every 100 ms sends it back, {file, id, busyMs}, or
// {error}. It posts {ready: true} once it listens.
package main

import (
	"syscall/js"
	"time"

	"delaylab/run"
)

// slice is how much training the engine does between two results (the
// page's app.EngineSlice).
const slice = 100 * time.Millisecond

// message is what the page sent: a run to train, or stop.
type message struct {
	file []byte
	id   float64
	stop bool
}

func main() {
	self := js.Global()
	// The handler only queues the message and returns: Go code that runs
	// long inside a JavaScript callback would hold the worker's event loop.
	inbox := make(chan message, 16)
	onMessage := js.FuncOf(func(_ js.Value, args []js.Value) any {
		data := args[0].Get("data")
		if data.Get("stop").Truthy() {
			inbox <- message{stop: true}
			return nil
		}
		src := data.Get("file")
		b := make([]byte, src.Get("length").Int())
		js.CopyBytesToGo(b, src)
		inbox <- message{file: b, id: data.Get("id").Float()}
		return nil
	})
	self.Set("onmessage", onMessage)
	self.Call("postMessage", map[string]any{"ready": true})

	yield := yielder(self)
	var jobs run.Jobs
	var id float64
	handle := func(m message) {
		if m.stop {
			jobs = run.Jobs{} // nothing to train until the next run
			return
		}
		id = m.id
		if err := jobs.Open(m.file); err != nil {
			self.Call("postMessage", map[string]any{"error": err.Error()})
		}
	}
	for {
		if !jobs.Active() {
			handle(<-inbox) // idle: wait for work
			continue
		}
		// Between two slices the worker's event loop must run: the page's
		// messages (a new run, stop) reach onMessage only then, and a Go
		// program that never blocks never returns to it.
		yield()
		select {
		case m := <-inbox:
			handle(m)
			continue
		default:
		}
		out, busy, err := jobs.Slice(slice)
		if err != nil {
			self.Call("postMessage", map[string]any{"error": err.Error()})
			jobs = run.Jobs{}
			continue
		}
		dst := js.Global().Get("Uint8Array").New(len(out))
		js.CopyBytesToJS(dst, out)
		msg := map[string]any{"file": dst, "id": id, "busyMs": float64(busy) / float64(time.Millisecond)}
		self.Call("postMessage", msg, []any{dst.Get("buffer")})
	}
}

// yielder returns a function that lets the worker's event loop run the
// tasks waiting in it, then returns. It posts itself a message on a
// MessageChannel and waits for it: unlike setTimeout(0), which browsers
// clamp to 4 ms when nested, that costs only the round trip.
func yielder(self js.Value) func() {
	ch := self.Get("MessageChannel").New()
	back := make(chan struct{}, 1)
	ch.Get("port1").Set("onmessage", js.FuncOf(func(js.Value, []js.Value) any {
		back <- struct{}{}
		return nil
	}))
	port := ch.Get("port2")
	return func() {
		port.Call("postMessage", nil)
		<-back
	}
}
