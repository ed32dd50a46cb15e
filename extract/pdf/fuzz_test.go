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

// FuzzExtract feeds damaged PDFs to Extract, seeded with the font test
// matrix, the PDF fixtures and the corpus PDF. Whatever the input, Extract
// must return (no panic, no hang), fail only with a *schema.Error, and
// place what it reads on the pages it counted with finite boxes.
func FuzzExtract(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		filepath.Join("testdata", "fonts", "*.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "*.pdf"),
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
