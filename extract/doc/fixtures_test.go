package doc_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/extract/doc"
	"xxgk/extract/document"
	"xxgk/fixtures"
	"xxgk/fixtures/hostile"
	"xxgk/schema"
)

// twin is a Word binary fixture and the DOCX report it was saved from.
type twin struct {
	id, path, docx string
	format         document.Format
}

// twins lists every .doc, .wps and .rtf fixture with its DOCX twin.
func twins(t testing.TB) []twin {
	dir := fixtures.Dir()
	var out []twin
	formats := map[string]document.Format{".doc": document.DOC, ".wps": document.WPS, ".rtf": document.RTF}
	for _, ext := range []string{".doc", ".wps", ".rtf"} {
		paths, err := filepath.Glob(filepath.Join(dir, "doc", "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			id := strings.TrimSuffix(filepath.Base(p), ext)
			out = append(out, twin{id + ext, p, filepath.Join(dir, "docx", id+".docx"), formats[ext]})
		}
	}
	if len(out) < 67 {
		t.Fatalf("want the Word binary copies of all DOCX fixtures and ten RTF ones, found %d", len(out))
	}
	return out
}

func parse(t testing.TB, path string) *schema.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return extract.Parse(context.Background(), filepath.Base(path), data)
}

// TestTwins reads every .doc, .wps and .rtf fixture and its DOCX twin: the
// reports must have the same cells (values, raw text, kinds and
// table/row/column provenance), sections, agency and year, and the same
// findings; and the cells must be the truth's.
func TestTwins(t *testing.T) {
	cells := map[document.Format]int{}
	files := map[document.Format]int{}
	for _, tw := range twins(t) {
		t.Run(tw.id, func(t *testing.T) {
			got, want := parse(t, tw.path), parse(t, tw.docx)
			if got.Status != want.Status || got.ErrorCode != want.ErrorCode {
				t.Fatalf("status %s %s %q, DOCX %s %s", got.Status, got.ErrorCode, got.ErrorMessage, want.Status, want.ErrorCode)
			}
			if got.Format != string(tw.format) {
				t.Errorf("format %q, want %q", got.Format, tw.format)
			}
			if !reflect.DeepEqual(got.Cells, want.Cells) {
				gm := got.CellMap()
				for _, c := range want.Cells {
					if g := gm[c.Key]; !reflect.DeepEqual(g, c) {
						t.Errorf("%s: got %+v, DOCX %+v", c.Key, g, c)
					}
				}
				t.Fatalf("cells differ (%d, DOCX %d)", len(got.Cells), len(want.Cells))
			}
			cells[tw.format] += len(got.Cells)
			files[tw.format]++
			if got.Agency != want.Agency || got.Year != want.Year || got.Template != want.Template || got.OtherRows != want.OtherRows {
				t.Errorf("got %s %d %s %d, DOCX %s %d %s %d", got.Agency, got.Year, got.Template, got.OtherRows, want.Agency, want.Year, want.Template, want.OtherRows)
			}
			if !reflect.DeepEqual(got.Sections, want.Sections) {
				t.Errorf("sections differ:\n%+v\nDOCX:\n%+v", got.Sections, want.Sections)
			}
			if g, w := fixtures.TruthFindings(extract.Check(got)), fixtures.TruthFindings(extract.Check(want)); !reflect.DeepEqual(g, w) {
				t.Errorf("findings %+v\nDOCX %+v", g, w)
			}
			id := strings.TrimSuffix(tw.id, filepath.Ext(tw.id))
			truth, err := fixtures.Load(filepath.Join(fixtures.Dir(), "truth", id+".truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			if d := fixtures.Diff(truth, got); len(d) > 0 {
				t.Errorf("cells against the truth: %v", d)
			}
		})
	}
	for f, n := range files {
		t.Logf("%s: %d files, %d cells as their DOCX twins'", f, n, cells[f])
	}
}

// BenchmarkParseCheck is parse + check of one .doc report (official_01:
// four tables, 1600 characters), of its RTF copy, and of its DOCX twin,
// for comparison.
func BenchmarkParseCheck(b *testing.B) {
	for _, name := range []string{"doc/official_01.doc", "doc/official_01.rtf", "docx/official_01.docx"} {
		data, err := os.ReadFile(filepath.Join(fixtures.Dir(), name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Ext(name)[1:], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := extract.Parse(context.Background(), name, data)
				extract.Check(r)
			}
		})
	}
}

// BenchmarkExtract is the .doc reader alone (container, text, tables) on
// the same report.
func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "doc", "official_01.doc"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doc.Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHostile reads the hostile Word binary and compound files in process:
// each must give its code (the runner's tests read them all in worker
// processes too, with time and memory limits).
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the hostile files takes a while")
	}
	files, err := hostile.Files(fixtures.CorpusDir())
	if err != nil {
		t.Skip("the hostile files need the shared corpus:", err)
	}
	n := 0
	for _, f := range files {
		ext := filepath.Ext(f.Name)
		if ext != ".doc" && ext != ".wps" && ext != ".rtf" && f.Name != "encrypted-docx.docx" && f.Name != "doc-report.docx" {
			continue
		}
		n++
		t.Run(f.Name, func(t *testing.T) {
			r := extract.Parse(context.Background(), f.Name, f.Data)
			switch {
			case f.Like != "":
				want := parse(t, f.Like)
				if r.Status != want.Status || !reflect.DeepEqual(r.Cells, want.Cells) {
					t.Errorf("%s: got %s %s %q, want it read like %s", f.Why, r.Status, r.ErrorCode, r.ErrorMessage, f.Like)
				}
			case f.Code == hostile.Handled:
				if c := r.ErrorCode; c == schema.ErrInternal || c == schema.ErrTimeout || c == schema.ErrTooLarge {
					t.Errorf("%s: got %s %q", f.Why, c, r.ErrorMessage)
				}
			case r.ErrorCode != f.Code:
				t.Errorf("%s: got %s %q, want %s", f.Why, r.ErrorCode, r.ErrorMessage, f.Code)
			}
		})
	}
	if n < 25 {
		t.Errorf("found %d hostile Word files, want at least 20", n)
	}
}
