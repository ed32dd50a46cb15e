package pdf_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/extract/pdf"
	"xxgk/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// pdfFiles are the PDFs with known truth: the corpus PDF (WPS) and the
// fixtures of fixtures/pdf (LibreOffice exports of the DOCX fixtures, and
// the template fixtures of make.py with their Ghostscript rewrites).
func pdfFiles(t testing.TB) map[string]string {
	files := map[string]string{
		"jiangsu_huaian_hongzequ_2024": filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf"),
	}
	matches, err := filepath.Glob(filepath.Join(fixtures.Dir(), "pdf", "*.pdf"))
	if err != nil || len(matches) == 0 {
		t.Fatalf("no PDF fixtures in %s", filepath.Join(fixtures.Dir(), "pdf"))
	}
	for _, m := range matches {
		files[strings.TrimSuffix(filepath.Base(m), ".pdf")] = m
	}
	// Without ../shared, the corpus PDF and the fixtures made from corpus
	// reports (their truth is the corpus's) are left out: a fresh clone
	// reads the rest.
	for id, path := range files {
		if !exists(fixtures.CorpusDir()) && (!exists(path) || !exists(truthOf(path))) {
			t.Logf("%s left out: needs the shared corpus at %s", id, fixtures.CorpusDir())
			delete(files, id)
		}
	}
	return files
}

// TestGolden compares the whole document of every PDF, every paragraph and
// every cell with its text, grid place and box, with testdata/<id>.golden.
func TestGolden(t *testing.T) {
	for id, path := range pdfFiles(t) {
		t.Run(id, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := pdf.Extract(context.Background(), data)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			fixtures.Golden(t, filepath.Join("testdata", id+".golden"), []byte(render(doc)), *update)
		})
	}
}

// render writes a document as text, one line per paragraph and per cell.
func render(doc *document.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "pages %d\n", doc.Pages)
	for i, blk := range doc.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P p%d %s %s\n", blk.Loc.Page, box(blk.Loc.Box), blk.Text)
			continue
		}
		fmt.Fprintf(&b, "T%d p%d %s grid=%v\n", i, blk.Loc.Page, box(blk.Loc.Box), blk.Table.Grid)
		for r, row := range blk.Table.Rows {
			for _, c := range row.Cells {
				text := fmt.Sprintf("%q", c.Text)
				if c.Merged {
					text = "^"
				}
				fmt.Fprintf(&b, "  r%d c%d+%d p%d %s %s\n", r, c.Col, c.Span, c.Loc.Page, box(c.Loc.Box), text)
			}
		}
	}
	return b.String()
}

func box(b *[4]float64) string {
	if b == nil {
		return "-"
	}
	return fmt.Sprintf("[%.1f %.1f %.1f %.1f]", b[0], b[1], b[2], b[3])
}

// truthOf returns the truth file of a PDF. A PDF made from another by a
// second route (gs_: Ghostscript, cairo_: pdftocairo, rot_: turned and
// shown upright, side_: drawn sideways, chromium_: an HTML report printed)
// has the truth of its source: beside it, in fixtures/truth (the DOCX
// fixtures), or in the corpus.
func truthOf(path string) string {
	id := strings.TrimSuffix(filepath.Base(path), ".pdf")
	for _, prefix := range []string{"crop_", "origin_", "gs_", "cairo_", "rot_", "side_", "chromium_"} {
		id = strings.TrimPrefix(id, prefix)
	}
	for _, dir := range []string{filepath.Dir(path), filepath.Join(fixtures.Dir(), "truth"), fixtures.CorpusDir()} {
		p := filepath.Join(dir, id+".truth.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join(filepath.Dir(path), id+".truth.json")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
