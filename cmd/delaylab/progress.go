package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"delaylab/delgrad"
)

// progress shows a training run as it goes: one plain line per epoch, or,
// on a terminal, a bar redrawn in place at most ten times a second.
// Speeds are training samples per second of wall-clock time (validation
// included in the time).
type progress struct {
	w        io.Writer
	tty      bool
	epochs   int // epochs to train
	nTrain   int // training samples per epoch
	perEpoch int // samples stepped per epoch: training and validation
	start    time.Time
	drawn    time.Time      // last redraw; zero before the first
	last     *delgrad.Epoch // last finished epoch
	// done0 and trained0 are the samples stepped and trained before the
	// start (a resumed run), which the speed and the ETA leave out.
	done0, trained0 int
}

func newProgress(e *env, epochs, nTrain, nVal int) *progress {
	return &progress{w: e.stdout, tty: e.tty, epochs: epochs, nTrain: nTrain, perEpoch: nTrain + nVal, start: time.Now()}
}

// resumeAt starts the bar where a resumed trainer stands.
func (p *progress) resumeAt(tr *delgrad.Trainer) {
	at := tr.Progress()
	p.done0, p.trained0 = at.Done(), at.TrainedTotal()
	if n := len(tr.History()); n > 0 {
		ep := tr.History()[n-1]
		p.last = &ep
	}
}

// tick redraws the bar if it is due.
func (p *progress) tick(tr *delgrad.Trainer) {
	if p.tty && time.Since(p.drawn) >= 100*time.Millisecond {
		p.draw(tr)
	}
}

// epoch reports a finished epoch that took the given time.
func (p *progress) epoch(tr *delgrad.Trainer, ep delgrad.Epoch, took time.Duration) {
	p.last = &ep
	if p.tty {
		p.draw(tr)
		return
	}
	fmt.Fprintln(p.w, epochLine(ep, p.epochs, float64(p.nTrain)/took.Seconds()))
}

// finish ends the bar's line.
func (p *progress) finish() {
	if p.tty && !p.drawn.IsZero() {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw(tr *delgrad.Trainer) {
	p.drawn = time.Now()
	elapsed := p.drawn.Sub(p.start)
	at := tr.Progress()
	done := at.Done()
	total := max(p.epochs*p.perEpoch, 1)
	rate := float64(at.TrainedTotal()-p.trained0) / elapsed.Seconds()
	eta := time.Duration(-1)
	if work := done - p.done0; work > 0 {
		eta = time.Duration(float64(elapsed) * float64(max(total-done, 0)) / float64(work))
	}
	epoch := min(tr.Progress().Epochs+1, p.epochs)
	fmt.Fprintf(p.w, "\r%s\x1b[K", barLine(epoch, p.epochs, float64(done)/float64(total), p.last, rate, eta))
}

// epochLine is the plain report of one epoch.
func epochLine(ep delgrad.Epoch, epochs int, rate float64) string {
	return fmt.Sprintf("epoch %d/%d loss %.4f train %.4f val %.4f %.0f samples/s",
		ep.Epoch, epochs, ep.TrainLoss, ep.TrainAcc, ep.ValAcc, rate)
}

// barLine is the progress bar: the epoch in progress, the fraction of the
// whole run done, the last finished epoch's metrics (if any), the speed
// and the estimated time left (negative: unknown).
func barLine(epoch, epochs int, frac float64, last *delgrad.Epoch, rate float64, eta time.Duration) string {
	const width = 20
	frac = min(max(frac, 0), 1)
	full := int(frac * width)
	var b strings.Builder
	fmt.Fprintf(&b, "epoch %d/%d [%s%s] %3.0f%%", epoch, epochs,
		strings.Repeat("#", full), strings.Repeat("-", width-full), 100*frac)
	if last != nil {
		fmt.Fprintf(&b, " loss %.4f train %.4f val %.4f", last.TrainLoss, last.TrainAcc, last.ValAcc)
	}
	fmt.Fprintf(&b, " %.0f samples/s ETA %s", rate, formatETA(eta))
	return b.String()
}

// formatETA writes d as 1h02m, 3m04s or 12s; negative is unknown.
func formatETA(d time.Duration) string {
	if d < 0 {
		return "?"
	}
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s >= 3600:
		return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
	case s >= 60:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%ds", s)
}
