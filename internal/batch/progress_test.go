package batch

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"xxgk/schema"
)

func TestProgressLogLines(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, 3, 2)
	p.file(Record{File: "a.pdf", Status: schema.StatusOK})
	p.file(Record{File: "b.doc", Status: schema.StatusFailed, ErrorCode: schema.ErrUnsupportedFormat})
	p.file(Record{File: "c.pdf", Status: schema.StatusDuplicate, DuplicateOf: "a.pdf"})
	p.finish()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{
		"xxgk batch: 2 files done by an earlier run, 3 to do",
		"[1/3] a.pdf ok",
		"[2/3] b.doc failed unsupported_format",
		"[3/3] c.pdf duplicate of a.pdf",
	}
	if len(lines) != 5 || strings.Join(lines[:4], "\n") != strings.Join(want, "\n") ||
		!strings.HasPrefix(lines[4], "xxgk batch: 3 files in ") {
		t.Errorf("log:\n%s", b.String())
	}
}

// On a terminal the bar is redrawn in place, with rate and ETA, and ends
// with a newline.
func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true, 4, 0)
	for _, f := range []string{"a", "b", "c", "d"} {
		p.file(Record{File: f, Status: schema.StatusOK})
	}
	p.finish()
	out := b.String()
	// The first file draws; the next ones come within the redraw interval
	// and are skipped, but the last always draws.
	bars := regexp.MustCompile(`\r\x1b\[K\[([#.]{30})\] (\d)/4 [\d.]+ files/s ETA (\d+:\d\d|--:--) (\w)`).FindAllStringSubmatch(out, -1)
	if len(bars) != 2 || bars[0][2] != "1" || bars[1][1] != strings.Repeat("#", 30) || bars[1][2] != "4" ||
		bars[1][3] != "0:00" || bars[1][4] != "d" {
		t.Errorf("bars %q in %q", bars, out)
	}
	if !strings.Contains(out, "d\n") {
		t.Errorf("the bar's line is not ended: %q", out)
	}
}
