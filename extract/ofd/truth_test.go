package ofd_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// ofdFixtures returns the generated OFD fixtures (fixtures/ofd), each with
// its truth file beside it.
func ofdFixtures(t testing.TB) []string {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "ofd", "*.ofd"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no OFD fixtures in fixtures/ofd (%v)", err)
	}
	return paths
}

// TestTruth reads every OFD fixture through extract.Parse: every cell
// exactly as its truth, every cell located by page and box, and the
// verifier's findings exactly the truth's.
func TestTruth(t *testing.T) {
	for _, path := range ofdFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			truth, err := fixtures.Load(strings.TrimSuffix(path, ".ofd") + ".truth.json")
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), filepath.Base(path), data)
			if r.Status != schema.StatusOK || r.Format != "ofd" {
				t.Fatalf("status %s format %s: %s", r.Status, r.Format, r.ErrorMessage)
			}
			for _, d := range fixtures.Diff(truth, r) {
				t.Error(d)
			}
			if string(r.Template) != truth.Template || r.Year != truth.Year || r.Agency != truth.Agency {
				t.Errorf("template %s year %d agency %s, want %s %d %s", r.Template, r.Year, r.Agency, truth.Template, truth.Year, truth.Agency)
			}
			for _, c := range r.Cells {
				if c.Loc.Page < 1 || c.Loc.Page > r.Pages || c.Loc.Box == nil {
					t.Errorf("%s: location %+v has no page and box", c.Key, c.Loc)
				}
			}
			want := slices.Clone(truth.Findings)
			fixtures.SortFindings(want)
			got := fixtures.TruthFindings(extract.Check(r))
			if !slices.EqualFunc(got, want, func(a, b fixtures.TruthFinding) bool {
				return a.Rule == b.Rule && a.Severity == b.Severity && a.Expected == b.Expected && a.Found == b.Found && slices.Equal(a.Keys, b.Keys)
			}) {
				t.Errorf("findings:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}
