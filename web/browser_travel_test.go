//go:build browser && !js

package web

// Browser tests of the Model and Substrate panels: checkpoints down and
// up, share links, the session saved across reloads, CSV uploads, the
// gradient check and the edge editor (chip mode: browser_chip_test.go).
// Each test opens its tabs in fresh browser contexts (openAt, in
// browser_actions_test.go), so their saved sessions do not meet.

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"delaylab/checkpoint"
	"delaylab/dataset"
	"delaylab/render/layout"
)

// TestDownloadAndOpen: train, download (bytes read through the page) and
// decode natively: the same parameters; open the file in a fresh page: the
// same predictions on the test split, and training goes on from the same
// epoch. Then bad files — not a checkpoint (dropped), truncated, from a
// future version — each show a message naming the problem and leave the
// predictions as they were.
func TestDownloadAndOpen(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(1)
	epoch := p.status("epoch")
	params, preds := p.params(), p.predictions()
	p.click("download")
	p.waitFor(`delaylab.lastDownload() !== ""`, 10*time.Second)
	name := eval[string](p, `delaylab.lastDownloadName()`)
	if !regexp.MustCompile(`^yinyang-4-5-3-synaptic-val\d+\.\d\.dlab$`).MatchString(name) {
		p.fatalf("download named %q", name)
	}
	raw, err := base64.StdEncoding.DecodeString(eval[string](p, `delaylab.lastDownload()`))
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(raw)
	if err != nil {
		p.fatalf("decoding the download: %v", err)
	}
	if !slices.Equal(flatParams(f), params) {
		p.fatalf("the downloaded parameters differ from the page's")
	}
	if f.Train == nil || strconv.Itoa(f.Train.EpochsDone) != epoch || f.Data.Name != "yinyang" {
		p.fatalf("the download holds no training state at epoch %s, or another data set (%s)", epoch, f.Data.Name)
	}
	t.Logf("downloaded %s: %d bytes, epoch %s", name, len(raw), epoch)

	q := openAt(t, pageURL(t), 2*time.Minute)
	fresh := q.predictions()
	q.upload("open-file", writeTemp(t, name, raw))
	msg := q.waitMessage("Opened "+name, false)
	t.Logf("message: %s", msg)
	if got := q.predictions(); got != preds {
		q.fatalf("predictions after opening the file differ from before downloading it")
	}
	if fresh == preds {
		q.fatalf("the fresh page already predicted like the trained model: the test proves nothing")
	}
	if got := q.status("epoch"); got != epoch {
		q.fatalf("opened at epoch %s, want %s", got, epoch)
	}

	future := slices.Clone(raw)
	future[6] = 9 // the format version follows the 6-byte signature
	for _, bad := range []struct {
		name string
		b    []byte
		drop bool
		says string
	}{
		{"notes.dlab", []byte("x,y,label\n0.1,0.2,1\n"), true, "not a DelayLab checkpoint"},
		{"cut.dlab", raw[:len(raw)/3], false, "truncated"},
		{"future.dlab", future, false, "newer DelayLab (format version 9"},
		{"empty.dlab", nil, true, "empty"},
	} {
		q.clearMessage()
		if bad.drop {
			q.drop(bad.name, bad.b)
		} else {
			q.upload("open-file", writeTemp(t, bad.name, bad.b))
		}
		msg := q.waitMessage(bad.says, true)
		if !strings.Contains(msg, bad.name) {
			q.fatalf("message %q does not name the file %s", msg, bad.name)
		}
		t.Logf("%s: %s", bad.name, msg)
		if got := q.predictions(); got != preds {
			q.fatalf("%s changed the model's predictions", bad.name)
		}
	}
	if !slices.Equal(q.params(), params) {
		q.fatalf("the bad files changed the parameters")
	}
}

// TestShareLink: a share link opens the same model (same predictions) in a
// fresh page; bad links (corrupt, truncated, oversize) say so and change
// nothing.
func TestShareLink(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	fresh := p.predictions()
	for range 3 {
		p.click("step")
	}
	defer func() {
		if fresh == p.predictions() {
			t.Error("three steps did not change any prediction: the test proves little")
		}
	}()
	p.waitFor(`document.getElementById("status").textContent.startsWith("Epoch 0 (")`, 10*time.Second)
	preds := p.predictions()
	p.click("share")
	p.waitFor(`delaylab.shareLink() !== ""`, 10*time.Second)
	link := eval[string](p, `delaylab.shareLink()`)
	if shown := eval[string](p, `document.getElementById("share-link").value`); shown != link {
		p.fatalf("the share field shows %q, want the link", shown)
	}
	if !strings.HasPrefix(link, pageURL(t)+"#m=") {
		p.fatalf("link %.60q… does not carry the model in the fragment", link)
	}
	t.Logf("share link: %d characters", len(link))

	q := openAt(t, link, 2*time.Minute)
	q.waitMessage("Opened the shared model", false)
	if got := q.predictions(); got != preds {
		q.fatalf("predictions from the share link differ")
	}
	if h := eval[string](q, `location.hash`); h != "" {
		q.fatalf("the fragment stayed in the address: %.40q", h)
	}

	// Bad links, pasted into the address of this tab (hashchange runs the
	// same code as a link opened in a new tab).
	frag := link[strings.Index(link, "#"):]
	for _, bad := range []struct{ hash, says string }{
		{"#m=!!not-base64!!", "cannot appear in a link"},
		{frag[:len(frag)/2], "truncated"},
		{"#m=" + strings.Repeat("A", checkpoint.MaxShareLen+10), "too large"},
		{"#m=" + strings.Repeat("x", 100), "damaged"},
	} {
		q.clearMessage()
		eval[bool](q, fmt.Sprintf(`(location.hash = %q, true)`, bad.hash))
		msg := q.waitMessage(bad.says, true)
		t.Logf("%.30s…: %s", bad.hash, msg)
		if got := q.predictions(); got != preds {
			q.fatalf("a bad link changed the model")
		}
	}
}

// TestReloadRestores: the session is saved in the browser and a reload
// restores model and epoch; Start fresh clears it; when storage throws, a
// warning shows and training goes on.
func TestReloadRestores(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(1)
	epoch, params := p.status("epoch"), p.params()
	// Hiding the page saves at once, from the event itself: frames stop
	// while a page is hidden, so the save cannot wait for the next one.
	stored := eval[string](p, `(() => {
		Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
		document.dispatchEvent(new Event("visibilitychange"));
		delete document.hidden;
		return localStorage.getItem("delaylab.entry." + JSON.parse(localStorage.getItem("delaylab.library")).current) || "";
	})()`)
	saved, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		t.Fatal(err)
	}
	f, err := checkpoint.Unmarshal(saved)
	if err != nil {
		p.fatalf("the saved session does not decode: %v", err)
	}
	if !slices.Equal(flatParams(f), params) || strconv.Itoa(f.Train.EpochsDone) != epoch {
		p.fatalf("hiding the page did not save the current model")
	}
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		p.fatalf("reload: %v", err)
	}
	p.waitReady()
	p.waitMessage("Opened the session saved in this browser", false)
	if got := p.status("epoch"); got != epoch {
		p.fatalf("restored at epoch %s, want %s", got, epoch)
	}
	if !slices.Equal(p.params(), params) {
		p.fatalf("the restored parameters differ")
	}
	if got := eval[string](p, `document.getElementById("preset").value`); got != "yinyang-h5-ws" {
		p.fatalf("restored preset %q", got)
	}

	// Storage full: a warning, and training goes on.
	eval[bool](p, `(window.realSetItem = Storage.prototype.setItem, Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }, true)`)
	p.click("play")
	p.waitFor(`!document.getElementById("storage-warning").hidden`, 15*time.Second)
	warning := eval[string](p, `document.getElementById("storage-warning").textContent`)
	if !strings.Contains(warning, "QuotaExceededError") || !strings.Contains(warning, "Training goes on") {
		p.fatalf("warning %q", warning)
	}
	v := p.status("version")
	p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.version !== %q`, v), 10*time.Second)
	p.click("play")
	t.Logf("warning: %s", warning)

	// Start fresh (after its question): the opening model, the saved
	// session kept in the list, and nothing restored after a reload.
	p.clearMessage()
	eval[bool](p, `(Storage.prototype.setItem = window.realSetItem, window.confirm = () => true, true)`)
	p.click("start-fresh")
	p.waitMessage("Started fresh", false)
	if got := p.status("params"); got != "420" || p.status("epoch") != "0" {
		p.fatalf("start fresh gave %s parameters at epoch %s", got, p.status("epoch"))
	}
	if lib := eval[string](p, `localStorage.getItem("delaylab.library")`); !strings.Contains(lib, `"current":""`) || !strings.Contains(lib, `"epoch":`+epoch) {
		p.fatalf("start fresh: the library should keep the trained session and work on none: %s", lib)
	}
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		p.fatalf("reload: %v", err)
	}
	p.waitReady()
	p.waitFrames(3)
	if got := p.status("params"); got != "420" || p.status("epoch") != "0" {
		p.fatalf("after start fresh and a reload: %s parameters at epoch %s", got, p.status("epoch"))
	}
}

// TestCSVUpload: a CSV of points becomes the data set and trains; a CSV
// with a bad row names the line and changes nothing.
func TestCSVUpload(t *testing.T) {
	d, err := dataset.Generate(dataset.Spec{Name: "circles", Train: 600, Validation: 1, Test: 1})
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := dataset.WriteCSV(&sb, d.Train); err != nil {
		t.Fatal(err)
	}
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.upload("csv-file", writeTemp(t, "rings.csv", []byte(sb.String())))
	msg := p.waitMessage("Loaded 600 points in 2 classes from rings.csv", false)
	t.Logf("%s", msg)
	if got := eval[string](p, `document.getElementById("dataset").selectedOptions[0].textContent`); got != "Your data (rings.csv)" {
		p.fatalf("the data select shows %q", got)
	}
	if got := p.status("params"); got != "60" {
		p.fatalf("%s parameters, want 60 (4-5-2 synaptic)", got)
	}
	p.trainEpochs(1)
	acc := p.status("valAcc")
	if acc == "" {
		p.fatalf("no validation accuracy after an epoch")
	}
	t.Logf("validation accuracy after %s epochs on the upload: %s", p.status("epoch"), acc)

	preds := p.predictions()
	p.clearMessage()
	p.upload("csv-file", writeTemp(t, "bad.csv", []byte("x,y,label\n0.1,0.2,0\n0.3,abc,1\n")))
	msg = p.waitMessage("line 3", true)
	if !strings.Contains(msg, "bad.csv") || !strings.Contains(msg, `"abc" is not a number`) {
		p.fatalf("message %q", msg)
	}
	if p.predictions() != preds {
		p.fatalf("a bad CSV changed the model")
	}
	t.Logf("%s", msg)
}

// TestGradCheckTable: the gradient check shows 12 parameters, weights and
// delays, whose relative errors are all ≤ 1e-5.
func TestGradCheckTable(t *testing.T) {
	p := openAt(t, pageURL(t), 2*time.Minute)
	p.click("gradcheck")
	p.waitFor(`document.getElementById("gradcheck-out").dataset.rows === "12"`, 20*time.Second)
	rows := eval[[][]string](p, `[...document.querySelectorAll("#gradcheck-out tbody tr")].map(r => [...r.cells].map(c => c.textContent))`)
	delays := 0
	for _, r := range rows {
		rel, err := strconv.ParseFloat(r[3], 64)
		if err != nil || rel > 1e-5 {
			p.fatalf("row %q: relative error %q", r, r[3])
		}
		if strings.HasPrefix(r[0], "d ") {
			delays++
		}
	}
	if len(rows) != 12 || delays == 0 {
		p.fatalf("%d rows, %d of them delays", len(rows), delays)
	}
	t.Logf("largest relative error %s over %d rows (%d delays)", eval[string](p, `document.getElementById("gradcheck-out").dataset.maxRelErr`), len(rows), delays)
}

// TestEdgeEdit: clicking an edge opens its editor; a new weight and delay
// apply at once (the model's version, parameters and predictions change).
func TestEdgeEdit(t *testing.T) {
	p := openAt(t, pageURL(t), 2*time.Minute)
	p.set("speed", "0", "change")
	p.waitFrames(2)
	pg := p.page()
	g := layout.Network(pg.NetBody(), []int{4, 30, 3}, nil, 1)
	e := layout.Edge{Layer: 1, Row: 11, Post: 1}
	at := g.Along(e, 0.45)
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		p.fatalf("click: %v", err)
	}
	p.waitFor(`!document.getElementById("edge-form").hidden`, 5*time.Second)
	if title := eval[string](p, `document.getElementById("edge-title").textContent`); title != "Edge h 11 → out 1" {
		p.fatalf("editor title %q", title)
	}
	preds, version := p.predictions(), p.status("version")
	p.set("edge-weight", "8", "input")
	p.set("edge-delay", "0.05", "input")
	p.click("edge-apply")
	p.waitMessage("Edge h 11 → out 1 set", false)
	if p.status("version") == version {
		p.fatalf("the edit did not change the model's version")
	}
	// Layer 0 has 4·30 weights and 4·30 θ; then layer 1's weight (11, 1).
	if w := p.params()[240+11*3+1]; w != 8 {
		p.fatalf("weight is %v after the edit, want 8", w)
	}
	if got := eval[string](p, `document.getElementById("edge-delay").value`); got != "0.05" {
		p.fatalf("the editor reads back delay %q", got)
	}
	// A strong, fast excitatory edge into "yang" makes it win more often:
	// the model's predictions follow the edit at once.
	if p.predictions() == preds {
		p.fatalf("weight 8 and delay 0.05 on h 11 → out 1 changed no test prediction")
	}
	p.save(p.screenshot(), "edge")
	eval[bool](p, `(document.getElementById("edge-close").click(), true)`)
	p.waitFor(`document.getElementById("edge-form").hidden`, 5*time.Second)
}
