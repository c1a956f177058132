//go:build js

// Command engine is DelayLab's training engine for the page's Web Worker:
// sim, delgrad, chip, checkpoint and run compiled to WebAssembly without
// Ebiten or the page. The page sends it a run as a checkpoint with a time
// budget ({file: Uint8Array, budgetMs}); it trains with run.Jobs and sends
// the checkpoint back ({file, busyMs} or {error}). It posts {ready: true}
// once it listens.
package main

import (
	"syscall/js"
	"time"

	"delaylab/run"
)

type job struct {
	file   []byte
	budget time.Duration
}

func main() {
	self := js.Global()
	// The handler only queues the job and returns: Go code that runs long
	// inside a JavaScript callback would hold the worker's event loop.
	jobs := make(chan job, 4)
	onMessage := js.FuncOf(func(_ js.Value, args []js.Value) any {
		data := args[0].Get("data")
		src := data.Get("file")
		b := make([]byte, src.Get("length").Int())
		js.CopyBytesToGo(b, src)
		jobs <- job{file: b, budget: time.Duration(data.Get("budgetMs").Float() * float64(time.Millisecond))}
		return nil
	})
	self.Set("onmessage", onMessage)
	self.Call("postMessage", map[string]any{"ready": true})

	var trainer run.Jobs
	for j := range jobs {
		out, busy, err := trainer.Train(j.file, j.budget)
		if err != nil {
			self.Call("postMessage", map[string]any{"error": err.Error()})
			continue
		}
		dst := js.Global().Get("Uint8Array").New(len(out))
		js.CopyBytesToJS(dst, out)
		msg := map[string]any{"file": dst, "busyMs": float64(busy) / float64(time.Millisecond)}
		self.Call("postMessage", msg, []any{dst.Get("buffer")})
	}
}
