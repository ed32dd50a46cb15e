package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"xxgk/extract/runner"
	"xxgk/fixtures"
	"xxgk/fixtures/hostile"
	"xxgk/schema"
)

// TestKilledOnCraftedPDF gives one worker two crafted PDFs that the real
// PDF extractor cannot survive by itself: an object stream that /Extends
// itself (the PDF library loops) and a page whose contents repeat a stream
// that inflates to 48 MiB (3 GiB in all). Each must end with the worker
// killed for time or memory and its file reported; the real report after
// each is read normally by the replacement.
func TestKilledOnCraftedPDF(t *testing.T) {
	fixtures.NeedCorpus(t)
	files, err := hostile.Files(fixtures.CorpusDir())
	if err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	dir := t.TempDir()
	write := func(name string) string {
		for _, f := range files {
			if f.Name == name {
				path := filepath.Join(dir, name)
				if err := os.WriteFile(path, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
		}
		t.Fatalf("no hostile file %s", name)
		return ""
	}
	loop, bomb := write("object-stream-loop.pdf"), write("flate-bomb-repeated.pdf")
	good := filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf")
	want := inProcess(t, good)

	// One pool with a short time limit, one with a small memory limit and
	// all the time it needs to reach it.
	fast := newPool(t, runner.Options{Workers: 1, Timeout: 5 * time.Second})
	small := newPool(t, runner.Options{Workers: 1, Timeout: time.Minute, MemoryLimit: 256 << 20})
	got := append(collect(fast.Parse(context.Background(), []string{loop, good})),
		collect(small.Parse(context.Background(), []string{bomb, good}))...)
	cases := []struct {
		report  *schema.Report
		code    schema.ErrorCode
		message string
	}{
		{got[0], schema.ErrTimeout, loop + ": parsing took longer than the limit of 5s: stopped"},
		{got[2], schema.ErrTooLarge, bomb + ": reading it needs more than the memory limit of 256.0 MiB: stopped"},
	}
	for _, c := range cases {
		if c.report.Status != schema.StatusFailed || c.report.ErrorCode != c.code || c.report.ErrorMessage != c.message {
			t.Errorf("%s: got %s %s %q, want failed %s %q", c.report.File, c.report.Status, c.report.ErrorCode, c.report.ErrorMessage, c.code, c.message)
		}
		if c.report.Format != "pdf" || len(c.report.SHA256) != 64 {
			t.Errorf("%s: format %q, sha256 %q: want pdf and the hash", c.report.File, c.report.Format, c.report.SHA256)
		}
	}
	for _, i := range []int{1, 3} {
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("report %d, after a killed worker: got %s %s %q with %d cells, want %s with %d cells",
				i, got[i].Status, got[i].ErrorCode, got[i].ErrorMessage, len(got[i].Cells), want.Status, len(want.Cells))
		}
	}
	if want.Status != schema.StatusOK || !strings.Contains(want.Agency, "洪泽") {
		t.Errorf("the real report itself: %s %q, want ok from 洪泽区", want.Status, want.Agency)
	}
}
