package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/extract/pdf"
	"xxgk/extract/pdf/repair"
	"xxgk/fixtures"
	"xxgk/fixtures/damaged"
	"xxgk/schema"
)

// TestDamaged reads every damaged fixture (fixtures/damaged: each damage
// class applied to a LibreOffice PDF with a classic cross-reference table
// and to a qpdf rewrite with object streams and a cross-reference stream)
// and the corpus PDF damaged the same ways: each must read exactly like
// its original, every cell with its location and the same findings, and
// carry the repaired note. Truncated files must read only right values and
// no error finding the original does not have, or fail as unreadable.
func TestDamaged(t *testing.T) {
	dir := filepath.Join(fixtures.Dir(), "damaged")
	type source struct{ path, truth string }
	sources := map[string]source{
		"lo_2021_plain":        {filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.pdf"), filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.truth.json")},
		"objstm_lo_2021_plain": {filepath.Join(dir, "objstm_lo_2021_plain.pdf"), filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.truth.json")},
	}
	corpus := filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf")
	corpusData, corpusErr := os.ReadFile(corpus)
	for name, src := range sources {
		truth, err := fixtures.Load(src.truth)
		if err != nil {
			t.Fatal(err)
		}
		want := parseFile(t, src.path)
		for _, c := range damaged.Classes {
			file := filepath.Join(dir, c.Name+"."+name+".pdf")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (regenerate: go run ./fixtures/damaged/gen)", err)
			}
			t.Run(c.Name+"."+name, func(t *testing.T) { checkDamaged(t, c, data, truth, want) })
		}
	}
	if corpusErr != nil {
		t.Logf("corpus PDF not damaged: %v", corpusErr)
		return
	}
	truth, err := fixtures.Load(strings.TrimSuffix(corpus, ".pdf") + ".truth.json")
	if err != nil {
		t.Fatal(err)
	}
	want := parseFile(t, corpus)
	for _, c := range damaged.Classes {
		t.Run(c.Name+".jiangsu_huaian_hongzequ_2024", func(t *testing.T) {
			data, err := c.Damage(corpusData)
			if err != nil {
				t.Fatal(err)
			}
			checkDamaged(t, c, data, truth, want)
		})
	}
}

func parseFile(t *testing.T, path string) *schema.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := extract.Parse(context.Background(), "report.pdf", data)
	if r.Status != schema.StatusOK || len(r.Notes) != 0 {
		t.Fatalf("%s: status %s %q, notes %v: want a sound file", path, r.Status, r.ErrorMessage, r.Notes)
	}
	return r
}

func checkDamaged(t *testing.T, c damaged.Class, data []byte, truth *fixtures.Truth, want *schema.Report) {
	t.Helper()
	r := extract.Parse(context.Background(), "report.pdf", data)
	repaired := slices.ContainsFunc(r.Notes, func(n schema.Note) bool { return n.Code == pdf.NoteRepaired && n.Message != "" })
	if r.Status == schema.StatusFailed {
		// A truncated file may have lost all its tables (not_a_report, with
		// the note), or even its page tree (unreadable).
		switch {
		case !c.Partial:
			t.Fatalf("status %s %s %q", r.Status, r.ErrorCode, r.ErrorMessage)
		case r.ErrorCode != schema.ErrUnreadable && (r.ErrorCode != schema.ErrNotAReport || !repaired):
			t.Fatalf("status %s %s %q, notes %v", r.Status, r.ErrorCode, r.ErrorMessage, r.Notes)
		}
		t.Logf("%s: %s %v", r.ErrorCode, r.ErrorMessage, r.Notes)
		return
	}
	if !repaired {
		t.Errorf("no %q note: %v", pdf.NoteRepaired, r.Notes)
	}
	findings := fixtures.TruthFindings(extract.Check(r))
	wantFindings := fixtures.TruthFindings(extract.Check(want))
	if !c.Partial {
		if r.Status != schema.StatusOK {
			t.Errorf("status %s %q", r.Status, r.ErrorMessage)
		}
		for _, d := range fixtures.Diff(truth, r) {
			t.Error(d)
		}
		if !reflect.DeepEqual(r.Cells, want.Cells) || r.Pages != want.Pages || r.Agency != want.Agency || r.Year != want.Year {
			t.Errorf("not read like the original: %d cells on %d pages, want %d on %d", len(r.Cells), r.Pages, len(want.Cells), r.Pages)
		}
		if !reflect.DeepEqual(findings, wantFindings) {
			t.Errorf("findings %+v, want %+v", findings, wantFindings)
		}
		return
	}
	// What a truncated file yields must be right, if not complete.
	for _, cell := range r.Cells {
		if v, ok := cell.Number(); ok {
			if w, known := truth.Cells[cell.Key]; known && (w == nil || *w != v) {
				t.Errorf("%s = %v, want %v", cell.Key, v, w)
			}
		}
	}
	for _, f := range findings {
		if f.Severity == string(schema.SeverityError) && !slices.ContainsFunc(wantFindings, func(w fixtures.TruthFinding) bool { return reflect.DeepEqual(w, f) }) {
			t.Errorf("error finding the original does not have: %+v", f)
		}
	}
	t.Logf("partial: %s %s, %d of %d cells", r.Status, r.ErrorCode, len(r.Cells), len(want.Cells))
}

// TestSoundNotRepaired: every sound PDF the tests read goes the normal
// path, untouched by repair.
func TestSoundNotRepaired(t *testing.T) {
	paths := slices.Collect(func(yield func(string) bool) {
		for _, p := range pdfFiles(t) {
			if !yield(p) {
				return
			}
		}
	})
	for _, pattern := range []string{"testdata/*.pdf", "testdata/fonts/*.pdf", filepath.Join(fixtures.Dir(), "damaged", "objstm_*.pdf")} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		res, err := repair.Repair(data)
		if err != nil || res.Repaired() || &res.Data[0] != &data[0] || len(res.Data) != len(data) {
			t.Errorf("%s: repaired (%v): %v", filepath.Base(p), err, res.How)
		}
	}
}
