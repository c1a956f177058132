package web

import (
	"encoding/base64"
	"fmt"
	"strings"
	"syscall/js"

	"delaylab/app"
)

// Files: Download saves the session as a .dlab file; Open (a file button,
// or a file dropped anywhere on the page) opens a checkpoint, or a CSV of
// points to train on. Reading a file waits for a Promise, so it runs on a
// goroutine of its own and then posts the result to the session like any
// command; a bad file becomes the page's error message and leaves the
// model as it was.

// fileKind says what a file is for.
type fileKind int

const (
	kindCheckpoint fileKind = iota
	kindCSV
)

// kindOf guesses from a file's name: .csv and .txt are data, anything
// else is offered to the checkpoint reader (which names the problem).
func kindOf(name string) fileKind {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".csv") || strings.HasSuffix(n, ".txt") {
		return kindCSV
	}
	return kindCheckpoint
}

func (b *Bridge) bindFiles() {
	d := b.dom
	d.on(d.el[idDownload], "click", false, func(js.Value) { b.post(idDownload, b.download) })
	d.on(d.el[idOpen], "click", false, func(js.Value) { d.el[idOpenFile].Call("click") })
	d.on(d.el[idCSVOpen], "click", false, func(js.Value) { d.el[idCSVFile].Call("click") })
	d.on(d.el[idOpenFile], "change", false, func(js.Value) { b.takeFile(d.el[idOpenFile], kindCheckpoint) })
	d.on(d.el[idCSVFile], "change", false, func(js.Value) { b.takeFile(d.el[idCSVFile], kindCSV) })

	// Dropping a file anywhere. dragenter/dragleave fire for every element
	// crossed, so the zone is shown on dragover and hidden when the drag
	// leaves the window (relatedTarget null) or ends.
	zone := d.el[idDropZone]
	hasFiles := func(e js.Value) bool {
		dt := e.Get("dataTransfer")
		if !dt.Truthy() {
			return false
		}
		types := dt.Get("types")
		for i := range types.Length() {
			if types.Index(i).String() == "Files" {
				return true
			}
		}
		return false
	}
	win := js.Global()
	d.on(win, "dragover", false, func(e js.Value) {
		if !hasFiles(e) {
			return
		}
		e.Call("preventDefault") // allow the drop
		e.Get("dataTransfer").Set("dropEffect", "copy")
		zone.Set("hidden", false)
	})
	d.on(win, "dragleave", false, func(e js.Value) {
		if r := e.Get("relatedTarget"); r.IsNull() || r.IsUndefined() {
			zone.Set("hidden", true)
		}
	})
	d.on(win, "drop", false, func(e js.Value) {
		zone.Set("hidden", true)
		if !hasFiles(e) {
			return
		}
		e.Call("preventDefault") // do not let the browser open the file
		files := e.Get("dataTransfer").Get("files")
		if files.Length() == 0 {
			return
		}
		f := files.Index(0)
		go b.readAndPost(f, kindOf(f.Get("name").String()))
	})
}

// takeFile starts reading the file chosen in input.
func (b *Bridge) takeFile(input js.Value, kind fileKind) {
	files := input.Get("files")
	if files.Length() == 0 {
		return
	}
	f := files.Index(0)
	input.Set("value", "") // choosing the same file again fires change again
	go b.readAndPost(f, kind)
}

// readAndPost reads f and hands it to the session. It blocks: run it on
// its own goroutine.
func (b *Bridge) readAndPost(f js.Value, kind fileKind) {
	name := f.Get("name").String()
	size := int64(f.Get("size").Float())
	id, what, limit := idOpen, "open", int64(app.MaxOpenBytes)
	if kind == kindCSV {
		id, what, limit = idCSVOpen, "use", app.MaxCSVBytes
	}
	if size > limit {
		err := app.TooLarge(name, what, size, limit)
		b.post(id, func(*app.Session) error { return err })
		return
	}
	data, err := readFile(f)
	if err != nil {
		err = fmt.Errorf("Cannot read %s: %v.", name, err)
		b.post(id, func(*app.Session) error { return err })
		return
	}
	b.post(id, func(s *app.Session) error {
		var err error
		if kind == kindCSV {
			err = s.LoadCSV(name, data)
		} else {
			err = s.Load(name, data)
		}
		if err == nil {
			b.m.store.opened() // a new entry in the library: it replaces no other
			b.closeEdge()
		}
		return err
	})
}

// download saves the session as a .dlab file the browser downloads. It
// is a command: it runs on the game goroutine.
func (b *Bridge) download(s *app.Session) error {
	data, err := s.Save()
	if err != nil {
		return fmt.Errorf("Cannot download the model: %v", err)
	}
	name := s.FileName()
	b.m.mu.Lock()
	b.m.downloadB64, b.m.downloadName = base64.StdEncoding.EncodeToString(data), name
	b.m.mu.Unlock()

	g := js.Global()
	u8 := g.Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	blob := g.Get("Blob").New([]any{u8}, map[string]any{"type": "application/octet-stream"})
	url := g.Get("URL")
	if b.m.objectURL.Truthy() {
		url.Call("revokeObjectURL", b.m.objectURL)
	}
	b.m.objectURL = url.Call("createObjectURL", blob)
	a := b.dom.doc.Call("createElement", "a")
	a.Set("href", b.m.objectURL)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	body := b.dom.doc.Get("body")
	body.Call("appendChild", a)
	a.Call("click")
	body.Call("removeChild", a)
	s.Notify(fmt.Sprintf("Downloaded %s (%.1f kB): open it here later, or with `delaylab train -resume`.", name, float64(len(data))/1000))
	return nil
}
