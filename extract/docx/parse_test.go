package docx_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/extract/docx"
	"xxgk/fixtures"
	"xxgk/schema"
)

// fixtureTruths loads the truth of every generated DOCX fixture.
func fixtureTruths(t testing.TB) []*fixtures.Truth {
	out := docx.FixtureTruths(t)
	if len(out) < 30 {
		t.Fatalf("want at least 30 DOCX fixtures, found %d", len(out))
	}
	return out
}

// TestFixturesParse reads every generated DOCX through extract.Parse and
// checks every cell against its truth, and the verifier's findings against
// the truth's expected findings.
func TestFixturesParse(t *testing.T) {
	for _, truth := range fixtureTruths(t) {
		t.Run(truth.ID, func(t *testing.T) {
			data := docx.ReadFixture(t, truth.Source)
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
			checkLocations(t, data, r)
			if len(r.Sections) != 6 {
				t.Errorf("%d sections, want 6", len(r.Sections))
			}
			got, want := fixtures.TruthFindings(schema.Verify(r)), slices.Clone(truth.Findings)
			fixtures.SortFindings(want)
			if !slices.EqualFunc(got, want, func(a, b fixtures.TruthFinding) bool {
				return a.Rule == b.Rule && a.Severity == b.Severity && slices.Equal(a.Keys, b.Keys) && a.Expected == b.Expected && a.Found == b.Found
			}) {
				t.Errorf("findings\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// checkLocations checks that every printed cell of the report points, by
// its {table, row, col} location, at the source cell that holds its text.
func checkLocations(t *testing.T, data []byte, r *schema.Report) {
	t.Helper()
	doc, err := docx.Extract(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	at := map[schema.Location]string{}
	for c := range docx.TableCells(doc) {
		at[c.Loc] = c.Text
	}
	for _, c := range r.Cells {
		if c.Kind == schema.KindBlank || c.Key == "active.procurement.amount_unit" {
			continue
		}
		text, ok := at[c.Loc]
		if !ok || strings.TrimSpace(text) != strings.TrimSpace(c.Raw) {
			t.Errorf("%s: raw %q at %+v, where the document holds %q", c.Key, c.Raw, c.Loc, text)
		}
	}
}

// BenchmarkParseCheckDOCX parses one filled official template and verifies
// it: the work of `xxgk check` on one DOCX.
func BenchmarkParseCheckDOCX(b *testing.B) {
	data := docx.ReadFixture(b, "docx/official_01.docx")
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

// BenchmarkExtractDOCX reads the filled official template into a document,
// without matching: the DOCX reader's own share.
func BenchmarkExtractDOCX(b *testing.B) {
	data := docx.ReadFixture(b, "docx/official_01.docx")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docx.Extract(ctx, data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReportGolden compares whole reports (every field, cell and location)
// and their findings with golden JSON files, for one fixture of each
// template: official_01 (2021, balanced) and y2019_03 (2019, a blank 总计
// column and so warnings).
func TestReportGolden(t *testing.T) {
	for _, id := range []string{"official_01", "y2019_03"} {
		t.Run(id, func(t *testing.T) {
			name := "docx/" + id + ".docx"
			data := docx.ReadFixture(t, name)
			r := extract.Parse(context.Background(), name, data)
			got, err := json.MarshalIndent(struct {
				Report   *schema.Report   `json:"report"`
				Findings []schema.Finding `json:"findings"`
			}{r, schema.Verify(r)}, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			fixtures.Golden(t, filepath.Join("testdata", id+".report.json"), got, *docx.UpdateGolden)
		})
	}
}
