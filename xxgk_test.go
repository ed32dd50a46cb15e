package xxgk_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"xxgk"
	"xxgk/schema"
)

var paths = []string{
	"fixtures/continuity/jishan_2022.txt",
	"fixtures/continuity/shili_2023.txt",
	"no/such/file.pdf",
	"fixtures/docx/official_01.docx",
}

// The in-process mode gives the same reports as worker processes.
func TestInProcessMatchesWorkers(t *testing.T) {
	ctx := context.Background()
	var got [2][]string
	for i, opts := range []xxgk.Options{{Workers: 2}, {Workers: 2, InProcess: true}} {
		p, err := xxgk.NewParser(opts)
		if err != nil {
			t.Fatal(err)
		}
		for r := range p.ParseFiles(ctx, paths) {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			got[i] = append(got[i], string(b))
		}
		if err := p.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if len(got[0]) != len(paths) {
		t.Fatalf("%d reports for %d paths", len(got[0]), len(paths))
	}
	for i := range got[0] {
		if got[0][i] != got[1][i] {
			t.Errorf("%s: workers and in-process differ:\n%s\n%s", paths[i], got[0][i], got[1][i])
		}
	}
}

// A file over the time limit in process gets a timeout report and the
// caller gets control back.
func TestInProcessTimeout(t *testing.T) {
	p, err := xxgk.NewParser(xxgk.Options{InProcess: true, Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	r := p.ParseFile(context.Background(), "fixtures/docx/official_01.docx")
	if r.Status != schema.StatusFailed || r.ErrorCode != schema.ErrTimeout {
		t.Errorf("status %s %s: %s, want failed timeout", r.Status, r.ErrorCode, r.ErrorMessage)
	}
}

// Files over the size limit are not read, in either mode.
func TestMaxFileSize(t *testing.T) {
	for _, in := range []bool{false, true} {
		p, err := xxgk.NewParser(xxgk.Options{InProcess: in, MaxFileSize: 100})
		if err != nil {
			t.Fatal(err)
		}
		r := p.ParseFile(context.Background(), "fixtures/docx/official_01.docx")
		p.Close()
		if r.ErrorCode != schema.ErrTooLarge {
			t.Errorf("in process %v: %s %s: %s, want too_large", in, r.Status, r.ErrorCode, r.ErrorMessage)
		}
	}
}
