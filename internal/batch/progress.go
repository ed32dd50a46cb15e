package batch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress reports a run file by file: a bar with rate and ETA redrawn in
// place on a terminal, one plain line per file otherwise (logs, CI).
type progress struct {
	w        io.Writer
	terminal bool
	total    int // files this run has to do
	skipped  int // files done by an earlier run
	done     int
	start    time.Time
	drawn    time.Time
}

// redraw bounds how often the bar is drawn: thousands of small files a
// second would otherwise spend their time on the terminal.
const redraw = 100 * time.Millisecond

func newProgress(w io.Writer, terminal bool, total, skipped int) *progress {
	p := &progress{w: w, terminal: terminal, total: total, skipped: skipped, start: time.Now()}
	if w != nil && skipped > 0 {
		p.line(fmt.Sprintf("xxgk batch: %d files done by an earlier run, %d to do", skipped, total))
	}
	return p
}

func (p *progress) file(r Record) {
	p.done++
	if p.w == nil {
		return
	}
	if !p.terminal {
		status := string(r.Status)
		if r.ErrorCode != "" {
			status += " " + string(r.ErrorCode)
		}
		if r.DuplicateOf != "" {
			status += " of " + r.DuplicateOf
		}
		fmt.Fprintf(p.w, "[%d/%d] %s %s\n", p.done, p.total, r.File, status)
		return
	}
	if now := time.Now(); now.Sub(p.drawn) >= redraw || p.done == p.total {
		p.drawn = now
		p.bar(r.File)
	}
}

// bar draws: [#####.....] 123/500 24.6 files/s ETA 0:15 path
func (p *progress) bar(file string) {
	const width = 30
	filled := width
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	elapsed := time.Since(p.start).Seconds()
	rate := float64(p.done) / max(elapsed, 1e-9)
	eta := "--:--"
	if p.done > 0 {
		left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
		eta = fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)
	}
	if r := []rune(file); len(r) > 40 {
		file = "…" + string(r[len(r)-39:])
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d %.1f files/s ETA %s %s",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.done, p.total, rate, eta, file)
}

func (p *progress) line(s string) {
	if p.terminal {
		s = "\r\x1b[K" + s
	}
	fmt.Fprintln(p.w, s)
}

// finish ends the bar's line and says how the run went.
func (p *progress) finish() {
	if p.w == nil {
		return
	}
	if p.terminal && p.total > 0 {
		fmt.Fprintln(p.w)
	}
	elapsed := time.Since(p.start)
	p.line(fmt.Sprintf("xxgk batch: %d files in %s (%.1f files/s)", p.done, elapsed.Round(time.Millisecond),
		float64(p.done)/max(elapsed.Seconds(), 1e-9)))
}
