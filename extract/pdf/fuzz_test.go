package pdf

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"xxgk/fixtures"
	"xxgk/schema"
)

// FuzzContent runs arbitrary content streams: the interpreter must never
// panic, whatever operators and operands it meets.
func FuzzContent(f *testing.F) {
	for _, seed := range []string{
		"BT /F1 10 Tf 100 700 Td [(A) -1000 (B)] TJ ET",
		"1 0 0 -1 0 842 cm BT /F3 199 Tf 0.05 0 0 -0.05 90 614 Tm <00010010> Tj -0 -201 TD (Vd) Tj ET",
		"q 10 10 100 50 re W n 0.5 w 10 10 m 200 10 l S 10 10 0.5 300 re f Q",
		"q 1 0 0 1 50 700 cm /Fm1 Do Q BI /W 1 ID x EI 12 TL T* (x) ' 1 2 (y) \"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, content string) {
		Extract(context.Background(), onePage(content, ""))
	})
}

// FuzzExtract feeds damaged PDFs to Extract, seeded with the font test
// matrix, the encrypted files, two PDF fixtures and the corpus PDF. Whatever the input, Extract
// must return (no panic, no hang), fail only with a *schema.Error, and
// place what it reads on the pages it counted with finite boxes.
func FuzzExtract(f *testing.F) {
	f.Add(onePage("BT /F2 10 Tf 100 700 Td <00010002> Tj ET", "/Rotate 90"))
	var seeds []string
	for _, pattern := range []string{
		filepath.Join("testdata", "encrypted_*.pdf"),
		filepath.Join("testdata", "fonts", "*.pdf"),
		// Two of the many PDF fixtures: LibreOffice and Ghostscript. More
		// large seeds only slow the fuzzer down.
		filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "gs_lo_2021_plain.pdf"),
		filepath.Join(fixtures.CorpusDir(), "*.pdf"),
	} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		doc, err := Extract(ctx, data)
		if err != nil {
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("error is not a *schema.Error: %v", err)
			}
			return
		}
		if doc == nil {
			t.Fatal("no document and no error")
		}
		for _, b := range doc.Blocks {
			locs := []schema.Location{b.Loc}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						locs = append(locs, c.Loc)
					}
				}
			}
			for _, l := range locs {
				if l.Page < 1 || l.Page > doc.Pages {
					t.Fatalf("location on page %d of %d", l.Page, doc.Pages)
				}
				if l.Box != nil {
					for _, v := range l.Box {
						if math.IsNaN(v) || math.IsInf(v, 0) {
							t.Fatalf("box %v", *l.Box)
						}
					}
				}
			}
		}
	})
}
