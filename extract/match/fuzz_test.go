package match_test

import (
	"context"
	"testing"
	"time"

	"xxgk/extract/document"
	"xxgk/extract/match"
	"xxgk/extract/text"
	"xxgk/fixtures/invariant"
	"xxgk/schema"
)

// FuzzFill runs the matchers on documents made from arbitrary text: lines
// are paragraphs, tab-separated runs are tables. With grid set, the tables
// are given a column grid in which a cell whose text ends in "+" spans two
// columns and a cell "^" continues the cell above, so that the grid and
// merge paths are fuzzed too. The report must keep the output contract.
// Seeds: testdata/fuzz/FuzzFill.
func FuzzFill(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, grid bool) {
		doc, err := text.Extract(context.Background(), data)
		if err != nil {
			return
		}
		if grid {
			toGrid(doc)
		}
		r := &schema.Report{File: "fuzz.txt"}
		// A matcher that loops would stall the fuzzer without a word: fail
		// instead, so that the input is kept.
		done := make(chan struct{})
		go func() {
			match.Fill(r, doc)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Fill ran for more than 10s on %d bytes", len(data))
		}
		if err := invariant.Report(r); err != nil {
			t.Fatal(err)
		}
	})
}

func toGrid(doc *document.Document) {
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		b.Table.Grid = true
		for _, row := range b.Table.Rows {
			col := 0
			for i := range row.Cells {
				c := &row.Cells[i]
				c.Col, c.Span = col, 1
				switch {
				case c.Text == "^":
					c.Text, c.Merged = "", true
				case len(c.Text) > 1 && c.Text[len(c.Text)-1] == '+':
					c.Span = 2
				}
				col += c.Span
			}
		}
	}
}
