package delgrad

import "runtime"

// A trainer's helper goroutines. Starting goroutines for every batch
// allocates (the go statements' closures, and the counter and wait group
// they share: 6 allocations per batch on two workers); instead a trainer
// starts its helpers once and hands each parallel step to them over
// channels, which carry values and allocate nothing. The helpers end when
// their trainer is garbage: a cleanup closes their channel.

// gang is the helpers of one trainer.
type gang struct {
	jobs chan gangJob
	done chan struct{}
	size int // helpers started
}

// gangJob is one helper's part of a parallel step: it takes chunks of the
// step, as the trainer's own goroutine does, until none is left.
type gangJob struct {
	t    *Trainer
	w    *worker
	n    int
	task func(t *Trainer, w *worker, c int)
}

// helpers returns t's gang with at least k helpers started.
func (t *Trainer) helpers(k int) *gang {
	g := t.gang
	if g == nil {
		g = &gang{jobs: make(chan gangJob), done: make(chan struct{})}
		t.gang = g
		// g does not reach t, so t can become garbage and stop them.
		runtime.AddCleanup(t, func(jobs chan gangJob) { close(jobs) }, g.jobs)
	}
	for ; g.size < k; g.size++ {
		go g.help()
	}
	return g
}

// help runs jobs until the channel closes. A job's trainer is reachable
// only while the job runs, so an idle helper keeps no trainer alive.
func (g *gang) help() {
	for j := range g.jobs {
		j.t.drain(j.w, j.n, j.task)
		g.done <- struct{}{}
	}
}

// drain runs task(t, w, c) for the chunks c of the step under way not yet
// taken by another goroutine.
func (t *Trainer) drain(w *worker, n int, task func(t *Trainer, w *worker, c int)) {
	for c := int(t.next.Add(1)) - 1; c < n; c = int(t.next.Add(1)) - 1 {
		task(t, w, c)
	}
}
