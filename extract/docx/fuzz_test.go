package docx

import (
	"context"
	"errors"
	"testing"

	"xxgk/schema"
)

// FuzzExtract feeds arbitrary WordprocessingML bodies to the reader: it
// must never panic, fail only with a typed error, and place every cell it
// returns on the grid.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		p(r("一、总体情况")),
		tbl(tr(tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, p(r("项目"))), tc("", p(r("1"))))),
		tbl(tr(tc(`<w:hMerge w:val="restart"/>`, p(r("a"))), tc(`<w:hMerge/>`, p("")))),
		tbl(tr(tc("", tbl(tr(tc("", p(r("内")))))))),
		`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="3"/><w:del/></w:trPr></w:tr></w:tbl>`,
		p(`<w:ins>` + r("x") + `</w:ins><w:del><w:r><w:delText>y</w:delText></w:r></w:del>`),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		doc, err := extract(context.Background(), pack(t, body), 1<<20, 64)
		if err != nil {
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				next := 0
				for _, c := range row.Cells {
					if c.Span < 1 || c.Col < next || c.Loc.Col != c.Col+1 || c.Loc.Table < 1 || c.Loc.Row < 1 {
						t.Fatalf("cell off the grid: %+v", c)
					}
					if c.Merged && c.Text != "" {
						t.Fatalf("merged cell with text: %+v", c)
					}
					next = c.Col + c.Span
				}
			}
		}
	})
}
