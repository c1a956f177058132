//go:build browser && !js

package web

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"delaylab/checkpoint"
)

// TestShareLinkShowsRecord: a trained model's share link opens in a fresh
// page at its epoch, with its validation and test accuracy and its curves.
func TestShareLinkShowsRecord(t *testing.T) {
	p := openAt(t, pageURL(t), 3*time.Minute)
	p.set("preset", "yinyang-h5-ws", "change")
	p.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	p.trainEpochs(2)
	epoch, val, test := p.status("epoch"), p.status("valAcc"), p.status("testAcc")
	if val == "" || test == "" {
		p.fatalf("after %s epochs: validation %q, test %q", epoch, val, test)
	}
	p.click("share")
	p.waitFor(`delaylab.shareLink() !== ""`, 10*time.Second)
	link := eval[string](p, `delaylab.shareLink()`)
	sh, err := checkpoint.ParseShareFragment(link)
	if err != nil {
		t.Fatal(err)
	}
	if sh.Record == nil || fmt.Sprint(sh.Record.Epochs) != epoch || len(sh.Record.History) != sh.Record.Epochs {
		t.Fatalf("the link's record: %+v, want %s epochs with curves", sh.Record, epoch)
	}
	t.Logf("share link of %s epochs: %d characters; validation %s, test %s", epoch, len(link), val, test)

	q := openAt(t, link, 2*time.Minute)
	msg := q.waitMessage("Opened the shared model", false)
	t.Logf("%s", msg)
	if got := q.status("epoch"); got != epoch {
		q.fatalf("opened at epoch %s, want %s", got, epoch)
	}
	if v, te := q.status("valAcc"), q.status("testAcc"); v != val || te != test {
		q.fatalf("opened with validation %s and test %s, want %s and %s", v, te, val, test)
	}
	var v, te float64
	fmt.Sscan(val, &v)
	fmt.Sscan(test, &te)
	for _, says := range []string{
		fmt.Sprintf("trained %s epochs: validation %.1f %%, test %.1f %%", epoch, 100*v, 100*te),
	} {
		if !strings.Contains(msg, says) {
			q.fatalf("the message %q does not say %q", msg, says)
		}
	}
	if line := eval[string](q, `document.getElementById("status").textContent`); !strings.Contains(line, fmt.Sprintf("Epoch %s · validation %.1f %%", epoch, 100*v)) {
		q.fatalf("the status line reads %q", line)
	}
	// The training view draws the curves, not the empty view of a fresh
	// model: the sharer's and the opened page's curves look alike.
	q.waitFrames(2)
	p.waitFrames(2)
	pg := q.page()
	r := rect(pg.Curves.Frame)
	opened, sharer := q.screenshot(), p.screenshot()
	q.save(opened, "shared")
	if d := differing(opened, sharer, r); d > 0.02 {
		q.fatalf("the opened page's training view differs from the sharer's in %.1f %% of its pixels", 100*d)
	}
	fresh := openAt(t, pageURL(t), time.Minute)
	fresh.set("preset", "yinyang-h5-ws", "change")
	fresh.waitFor(`document.getElementById("status").dataset.params === "70"`, 10*time.Second)
	fresh.waitFrames(2)
	if d := differing(opened, fresh.screenshot(), r); d < 0.01 {
		q.fatalf("the opened page's training view looks like a fresh model's (%.2f %% of pixels differ)", 100*d)
	}
}
