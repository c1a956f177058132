// Package app is DelayLab's application without a screen: the state of one
// session (settings, the trainer, the selected sample), the commands the page
// sends, a scheduler that trains for at most a time budget per frame, and
// read-only snapshots that a renderer draws.
//
// # Threading
//
// A Session belongs to one goroutine, the one that calls Frame (Ebiten's
// update loop in the browser). Other goroutines — DOM callbacks — hand it
// work with Post, which queues the command for the next Frame; they never
// touch the session directly and never wait for it.
//
// # Invariants
//
// A command that fails returns an error and leaves the model, the settings
// and the training state exactly as they were. Snapshots never alias state
// that the session mutates later: what they hold is either copied or
// immutable once published, so a renderer may keep one across frames.
//
// The package imports neither ebiten nor syscall/js, so its tests run
// natively and as js/wasm under Node.
package app
