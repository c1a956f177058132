//go:build browser && !js

package web

// How much CPU the page costs: the CPU time of the whole Chromium process
// tree over a stretch of wall time, read from /proc. The tree is the right
// thing to count under software WebGL: SwiftShader rasterises in the GPU
// process, not in the page's renderer, so the renderer's own figures (the
// DevTools Protocol's Performance.getMetrics TaskDuration) miss most of
// what drawing a frame costs — and here they even reported more task time
// than wall time while the replay played. CPU time, unlike wall time, does
// not grow when other jobs share the cores. Tabs of earlier tests are
// closed by then (each test closes its own), so the tree runs only the
// page and the browser's own upkeep, which is counted too: the figure is
// an upper bound of the page's cost.

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// userHZ is the unit of the CPU times in /proc/PID/stat: USER_HZ, which
// Linux fixes at 100 on every architecture it reports to user space.
const userHZ = 100

// cpuOfTree is the CPU time (user and system) used so far by process pid
// and all its descendants.
func cpuOfTree(pid int) (time.Duration, error) {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return 0, err
	}
	parent := map[int]int{}
	ticks := map[int]int64{}
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // the process ended meanwhile
		}
		// Fields after the command name, which is in parentheses and may
		// hold spaces: state ppid … utime (14th field) stime (15th).
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 13 {
			continue
		}
		p, _ := strconv.Atoi(strings.SplitN(path, "/", 4)[2])
		pp, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		parent[p], ticks[p] = pp, ut+st
	}
	if _, ok := ticks[pid]; !ok {
		return 0, fmt.Errorf("no process %d in /proc", pid)
	}
	var total int64
	for p, t := range ticks {
		for q := p; q > 1; q = parent[q] {
			if q == pid {
				total += t
				break
			}
		}
	}
	return time.Duration(total) * time.Second / userHZ, nil
}

// cpuSample is the CPU the browser used over a stretch of wall time.
type cpuSample struct {
	wall, tree time.Duration
	frames     int // frames the page drew meanwhile
}

// share is the CPU time of the tree as a fraction of one core.
func (c cpuSample) share() float64 { return c.tree.Seconds() / c.wall.Seconds() }

func (c cpuSample) String() string {
	return fmt.Sprintf("%.1f %% of a core over %v, %d frames drawn", 100*c.share(), c.wall.Round(time.Millisecond), c.frames)
}

// measureCPU measures the browser's CPU over d of wall time, doing nothing
// to the page meanwhile (no polling: that would cost CPU too).
func (p *tab) measureCPU(d time.Duration) cpuSample {
	p.t.Helper()
	proc := chromedp.FromContext(getBrowser(p.t).ctx).Browser.Process()
	if proc == nil {
		p.fatalf("the browser's process is unknown")
	}
	frames := func() int { n, _ := strconv.Atoi(p.status("frames")); return n }
	f0 := frames()
	c0, err := cpuOfTree(proc.Pid)
	if err != nil {
		p.fatalf("%v", err)
	}
	w0 := time.Now()
	time.Sleep(d)
	c1, err := cpuOfTree(proc.Pid)
	if err != nil {
		p.fatalf("%v", err)
	}
	wall := time.Since(w0)
	return cpuSample{wall: wall, tree: c1 - c0, frames: frames() - f0}
}
