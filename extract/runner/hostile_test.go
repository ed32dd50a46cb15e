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
	"xxgk/fixtures/invariant"
	"xxgk/schema"
)

// TestHostileFiles runs every hostile file through one pool, each followed
// by a real report, and checks each outcome and that the report after it
// reads exactly as in process.
func TestHostileFiles(t *testing.T) {
	fixtures.NeedCorpus(t)
	if testing.Short() {
		t.Skip("hostile files take a while")
	}
	good := corpusText(t)
	want := inProcess(t, good)
	files, err := hostile.Files(fixtures.CorpusDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Files that must time out go to a pool with a short limit; the rest
	// get a long one, so that a loaded machine cannot time them out.
	var slow, fast []hostile.File
	for _, f := range files {
		if f.Code == schema.ErrTimeout {
			fast = append(fast, f)
		} else {
			slow = append(slow, f)
		}
	}
	for _, run := range []struct {
		files   []hostile.File
		timeout time.Duration
	}{{slow, 30 * time.Second}, {fast, 3 * time.Second}} {
		var paths []string
		for _, f := range run.files {
			path := filepath.Join(dir, f.Name)
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, path, good)
		}
		p := newPool(t, runner.Options{Workers: 2, Timeout: run.timeout})
		got := collect(p.Parse(context.Background(), paths))
		if len(got) != len(paths) {
			t.Fatalf("got %d reports for %d files", len(got), len(paths))
		}
		for i, f := range run.files {
			r := got[2*i]
			t.Run(f.Name, func(t *testing.T) {
				checkHostile(t, f, paths[2*i], r)
				if next := got[2*i+1]; !reflect.DeepEqual(next, want) {
					t.Errorf("the report after it: got %s %s %q, want %s %s", next.Status, next.ErrorCode, next.ErrorMessage, want.Status, want.ErrorCode)
				}
			})
		}
	}
}

func checkHostile(t *testing.T, f hostile.File, path string, r *schema.Report) {
	t.Helper()
	if r.File != path {
		t.Fatalf("report for %s: out of order", r.File)
	}
	if r.ErrorCode != "" && !strings.HasPrefix(r.ErrorMessage, path+": ") {
		t.Errorf("message %q does not name the file", r.ErrorMessage)
	}
	if err := invariant.Report(r); err != nil {
		t.Errorf("report breaks the output contract: %v", err)
	}
	switch {
	case f.Like != "":
		want := inProcess(t, f.Like)
		if r.Status != want.Status || r.ErrorCode != want.ErrorCode || r.Template != want.Template ||
			r.Agency != want.Agency || r.Year != want.Year || !reflect.DeepEqual(r.Cells, want.Cells) {
			t.Errorf("%s: got %s %s %q with %d cells, want it read like %s: %s %s with %d cells",
				f.Why, r.Status, r.ErrorCode, r.ErrorMessage, len(r.Cells), filepath.Base(f.Like), want.Status, want.ErrorCode, len(want.Cells))
		}
	case f.Code == hostile.Handled:
		switch r.ErrorCode {
		case schema.ErrInternal, schema.ErrTimeout, schema.ErrTooLarge:
			t.Errorf("%s: got %s %q, want an outcome the reader reached by itself", f.Why, r.ErrorCode, r.ErrorMessage)
		}
	default:
		if r.ErrorCode != f.Code {
			t.Errorf("%s: got %s %s %q, want %s", f.Why, r.Status, r.ErrorCode, r.ErrorMessage, f.Code)
		}
	}
}
