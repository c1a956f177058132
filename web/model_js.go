package web

import (
	"sync"
	"syscall/js"
	"time"

	"delaylab/app"
)

// model is the state behind the Substrate and Model panels: files, share
// links, the saved session, the gradient check, the edge editor and the
// chip comparison. Its fields belong to the game goroutine, except those
// under mu, which the test hook reads from JS callbacks.
type model struct {
	store storage

	focusEdge js.Func // focuses the open edge editor's weight (edge_js.go)

	mu           sync.Mutex
	downloadB64  string // the last download's bytes, base64
	downloadName string
	shareLink    string

	objectURL  js.Value // the last download's blob URL, revoked on the next
	gradSeed   uint64
	datasetKey string // dataset and label last shown in the data select
	chipKey    string // chip settings last shown in the controls
	chipOn     bool   // the side-by-side comparison is on
	compared   compareKey
	compareAt  time.Time
	compareDue bool        // a comparison waits for compareEvery to pass
	edge       app.EdgeRef // the edge in the editor
	edgeOpen   bool
	compareKey string // what the comparison chart shows
}

// bindModel binds the Substrate and Model panels, the edge editor, the
// drop zone, the examples, the saved session, share links and the test
// hook.
func (b *Bridge) bindModel() {
	d := b.dom
	for _, id := range modelIDs {
		d.el[id] = d.doc.Call("getElementById", id)
	}
	b.m = &model{}
	b.bindFiles()
	b.bindExamples()
	b.bindShare()
	b.bindChip()
	b.bindGradCheck()
	b.bindEdge()
	b.bindCompare()
	b.bindHook()
	// The saved session opens first; a share link in the address then
	// opens over it as a new saved session, so that a damaged link leaves
	// the saved work on the page. The query ?fresh opts out of the saved
	// sessions (nothing restored, nothing saved).
	fresh := js.Global().Get("URLSearchParams").New(js.Global().Get("location").Get("search")).Call("has", "fresh").Bool()
	b.bindStorage(fresh)
	b.loadFromHash()
}

// publishModel shows what the Substrate and Model panels show; it runs on
// the game goroutine after every update, so it does nothing costly unless
// something changed.
func (b *Bridge) publishModel(s *app.Snapshot) {
	b.syncDataOption(s)
	b.syncChip()
	b.autosave(false)
	b.maybeCompare(s)
	b.publishCompare(s)
}

// syncDataOption keeps an entry for an uploaded data set in the data
// select, so it can be chosen again.
func (b *Bridge) syncDataOption(s *app.Snapshot) {
	if s.Settings.Dataset != app.CSVDataset && b.m.datasetKey == "" {
		return
	}
	key := s.Settings.Dataset + "|" + b.s.DataLabel()
	if key == b.m.datasetKey {
		return
	}
	b.m.datasetKey = key
	sel := b.dom.el[idDataset]
	if s.Settings.Dataset == app.CSVDataset {
		label := "Your data (" + b.s.DataLabel() + ")"
		opt := sel.Call("querySelector", `option[value="csv"]`)
		if opt.IsNull() {
			opt = b.dom.doc.Call("createElement", "option")
			opt.Set("value", app.CSVDataset)
			sel.Call("appendChild", opt)
		}
		opt.Set("textContent", label)
	}
	sel.Set("value", s.Settings.Dataset)
}
