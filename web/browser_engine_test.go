//go:build browser

package web

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTrainingInWorker: the page trains in its Web Worker (the status says
// so), training progresses while the page keeps drawing, and a model
// trained there behaves like one trained in the page: a change while it
// plays trains on, and Step, edits and pausing act on the worker's
// latest model.
func TestTrainingInWorker(t *testing.T) {
	p := openPage(t, 3*time.Minute)
	p.waitFor(`document.getElementById("status").dataset.engine === "worker"`, 20*time.Second)
	p.click("play")
	p.waitFor(`+document.getElementById("status").dataset.epoch >= 3`, 60*time.Second)
	frames := p.status("frames")
	time.Sleep(time.Second)
	if f := p.status("frames"); f == frames {
		p.fatalf("the page stopped drawing while the worker trains")
	}
	// A change while it plays goes to the worker as a new run, which
	// trains on: the worker reads its messages between slices (it once
	// did not, and trained the old run unseen).
	epoch, _ := strconv.Atoi(p.status("epoch"))
	p.set("lr-weights", "0.02", "change")
	p.waitFor(fmt.Sprintf(`+document.getElementById("status").dataset.epoch >= %d`, epoch+2), 60*time.Second)
	if e, playing := p.status("engine"), p.status("playing"); e != "worker" || playing != "1" {
		p.fatalf("after a change while playing: engine %q, playing %s", e, playing)
	}
	p.click("play")
	p.waitFor(`document.getElementById("status").dataset.playing === "0"`, 5*time.Second)
	version := p.status("version")
	p.click("step")
	p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.version !== %q`, version), 5*time.Second)
	if e := p.status("engine"); e != "worker" {
		p.fatalf("engine %q after pausing and stepping", e)
	}
}

// TestTimeToAccuracy measures, side by side in one run, the wall time from
// Play to 90, 95 and 97 % validation accuracy on the default setup with
// training in the Web Worker and in the page's frames (?engine=page), and
// the samples per second of each. It runs with DELAYLAB_MEASURE=1 (several
// minutes) and fails if the worker does not reach 97 % within five
// minutes; README's performance section quotes its log.
func TestTimeToAccuracy(t *testing.T) {
	if os.Getenv("DELAYLAB_MEASURE") == "" {
		t.Skip("set DELAYLAB_MEASURE=1 to measure the time to 90/95/97 % (minutes)")
	}
	for _, engine := range []string{"worker", "page"} {
		p := openAt(t, pageURL(t)+"?fresh&engine="+engine, 7*time.Minute)
		p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.engine === %q`, engine), 20*time.Second)
		p.click("play")
		start := time.Now()
		var rates []int
		for _, target := range []float64{0.90, 0.95, 0.97} {
			_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](fmt.Sprintf(`+document.getElementById("status").dataset.valAcc >= %v`, target),
				chromedp.WithPollingTimeout(5*time.Minute-time.Since(start)), chromedp.WithPollingInterval(100*time.Millisecond)))
			if err != nil {
				if engine == "worker" {
					p.fatalf("%s: no %.0f %% validation within 5 minutes", engine, 100*target)
				}
				t.Logf("%s: no %.0f %% validation within 5 minutes", engine, 100*target)
				break
			}
			r, _ := strconv.Atoi(p.status("samplesPerSec"))
			rates = append(rates, r)
			t.Logf("%s: %.0f %% validation after %.1f s (epoch %s, %d samples/s, %s fps)",
				engine, 100*target, time.Since(start).Seconds(), p.status("epoch"), r, p.status("fps"))
		}
		p.cancel()
	}
}
