package docx_test

import (
	"cmp"
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

// fixtureTruths loads the truth of every generated fixture.
func fixtureTruths(t testing.TB) []*fixtures.Truth {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "truth", "*.truth.json"))
	if err != nil || len(paths) < 30 {
		t.Fatalf("want at least 30 truth files, found %d (%v)", len(paths), err)
	}
	var out []*fixtures.Truth
	for _, p := range paths {
		truth, err := fixtures.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, truth)
	}
	return out
}

// findingsOf keeps what a truth file records of a finding.
func findingsOf(fs []schema.Finding) []fixtures.TruthFinding {
	var out []fixtures.TruthFinding
	for _, f := range fs {
		tf := fixtures.TruthFinding{Rule: f.Rule, Severity: string(f.Severity), Keys: f.Keys}
		if f.Expected != nil {
			tf.Expected = *f.Expected
		}
		if f.Found != nil {
			tf.Found = *f.Found
		}
		out = append(out, tf)
	}
	return out
}

func sortFindings(fs []fixtures.TruthFinding) {
	slices.SortFunc(fs, func(a, b fixtures.TruthFinding) int {
		return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(strings.Join(a.Keys, ","), strings.Join(b.Keys, ",")))
	})
}

// TestFixturesParse reads every generated DOCX through extract.Parse and
// checks every cell against its truth, and the verifier's findings against
// the truth's expected findings.
func TestFixturesParse(t *testing.T) {
	for _, truth := range fixtureTruths(t) {
		t.Run(truth.ID, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtures.Dir(), truth.Source))
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), truth.Source, data)
			if r.Status != schema.StatusOK {
				t.Fatalf("status %s: %s", r.Status, r.ErrorMessage)
			}
			if d := fixtures.Diff(truth, r); len(d) > 0 {
				t.Errorf("%d cells differ:\n%s", len(d), strings.Join(d, "\n"))
			}
			if r.Format != "docx" || string(r.Template) != truth.Template || r.Agency != truth.Agency || r.Year != truth.Year {
				t.Errorf("got format %s, template %s, agency %s, year %d; want docx, %s, %s, %d",
					r.Format, r.Template, r.Agency, r.Year, truth.Template, truth.Agency, truth.Year)
			}
			if len(r.Sections) != 6 {
				t.Errorf("%d sections, want 6", len(r.Sections))
			}
			got, want := findingsOf(schema.Verify(r)), slices.Clone(truth.Findings)
			sortFindings(got)
			sortFindings(want)
			if !slices.EqualFunc(got, want, func(a, b fixtures.TruthFinding) bool {
				return a.Rule == b.Rule && a.Severity == b.Severity && slices.Equal(a.Keys, b.Keys) && a.Expected == b.Expected && a.Found == b.Found
			}) {
				t.Errorf("findings\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// BenchmarkParseCheckDOCX parses one filled official template and verifies
// it: the work of `xxgk check` on one DOCX.
func BenchmarkParseCheckDOCX(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "docx", "official_01.docx"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r := extract.Parse(ctx, "official_01.docx", data)
		if r.Status != schema.StatusOK {
			b.Fatal(r.ErrorMessage)
		}
		schema.Verify(r)
	}
}
