package text_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// flatCounts are the cells of the flattened fixtures against their truth.
type flatCounts struct {
	exact, inferred, unread, wrong int
	errors                         int // error findings
}

// TestFlattenedFixtures reads the flattened web pages of fixtures/flat
// (made by fixtures/flatgen from fixtures/html) against their pages'
// truth: title, agency, year and sections are found; every value read is
// the truth, split ones marked inferred; a cell is left unread only with
// its key in UnreadKeys; no error finding comes from a table read by
// inference. The counts are exact, so a change in what is read shows.
func TestFlattenedFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures.Dir(), "flat", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no flattened fixtures: %v", err)
	}
	var total flatCounts
	for _, path := range files {
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(id, func(t *testing.T) {
			page, _, _ := strings.Cut(id, ".") // <id>.rows.txt: a line per table row
			truth, err := fixtures.Load(filepath.Join(fixtures.Dir(), "html", page+".truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), id+".txt", data)
			if r.Agency != truth.Agency || r.Year != truth.Year {
				t.Errorf("agency, year = %q, %d; want %q, %d", r.Agency, r.Year, truth.Agency, truth.Year)
			}
			if len(r.Sections) < 6 {
				t.Errorf("%d sections, want 6 or more", len(r.Sections))
			}
			if truth.Template == string(schema.TemplateLegacy) {
				if r.Status != schema.StatusLegacy {
					t.Errorf("status %s, want legacy", r.Status)
				}
				return
			}
			c := countFlat(t, truth, r)
			total.exact += c.exact
			total.inferred += c.inferred
			total.unread += c.unread
			total.wrong += c.wrong
			if c.inferred > 0 && !hasNote(r, "inferred") {
				t.Errorf("values inferred but no note")
			}
			if c.unread > 0 && (r.Status != schema.StatusPartial || !strings.Contains(r.ErrorMessage, "rows not read")) {
				t.Errorf("cells left unread but status %s, message %q", r.Status, r.ErrorMessage)
			}
			// A table read by inference never yields an error finding:
			// a failing rule over an inferred cell, or one over an unread
			// cell, is not checkable.
			for _, f := range extract.Check(r) {
				if f.Severity == schema.SeverityError {
					total.errors++
					t.Errorf("error finding: %s %s", f.Rule, f.Message)
				}
			}
		})
	}
	t.Logf("flattened fixtures: %d cells exact, %d inferred (all right), %d left unread, %d wrong; %d error findings",
		total.exact, total.inferred, total.unread, total.wrong, total.errors)
	if total.wrong != 0 {
		t.Errorf("%d cells read wrong", total.wrong)
	}
	if got := (flatCounts{exact: total.exact, inferred: total.inferred, unread: total.unread}); got != wantFlat {
		t.Errorf("counts %+v, want %+v", got, wantFlat)
	}
}

// wantFlat is what TestFlattenedFixtures measures today.
var wantFlat = flatCounts{exact: 178, inferred: 1414, unread: 584}

func countFlat(t *testing.T, truth *fixtures.Truth, r *schema.Report) flatCounts {
	var c flatCounts
	got := r.CellMap()
	unread := map[string]bool{}
	for _, k := range r.UnreadKeys {
		unread[k] = true
	}
	for key, want := range truth.Cells {
		cell, ok := got[key]
		if !ok {
			c.unread++
			if !unread[key] {
				t.Errorf("%s: missing and not in UnreadKeys", key)
			}
			continue
		}
		v, isNum := cell.Number()
		right := want == nil && !isNum || want != nil && isNum && v == *want
		switch {
		case !right:
			c.wrong++
			t.Errorf("%s: got %q (inferred %v), want %v", key, cell.Raw, cell.Inferred, want)
		case cell.Inferred:
			c.inferred++
		default:
			c.exact++
		}
	}
	return c
}

func hasNote(r *schema.Report, code string) bool {
	for _, n := range r.Notes {
		if n.Code == code {
			return true
		}
	}
	return false
}

// BenchmarkFlattened parses one flattened page (fixtures/flat), tables
// split by the template and the rules.
func BenchmarkFlattened(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "flat", "html_2019_gb18030_layout.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		extract.Parse(context.Background(), "flat.txt", data)
	}
}
