package docx

import (
	"context"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/fixtures"
)

// fixtureTruths loads the truth of every generated DOCX fixture.
func fixtureTruths(t testing.TB) []*fixtures.Truth {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "truth", "*.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*fixtures.Truth
	for _, path := range paths {
		truth, err := fixtures.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(truth.Source, "docx/") {
			out = append(out, truth)
		}
	}
	return out
}

// readFixture reads a file of the fixtures directory, such as a truth's
// Source.
func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// tableCells yields the cells of the document's tables in reading order.
func tableCells(doc *document.Document) iter.Seq[document.Cell] {
	return func(yield func(document.Cell) bool) {
		for _, b := range doc.Blocks {
			if b.Table == nil {
				continue
			}
			for _, row := range b.Table.Rows {
				for _, c := range row.Cells {
					if !yield(c) {
						return
					}
				}
			}
		}
	}
}

// TestFixtureNumbers reads every generated DOCX and checks that the numbers
// in its table cells are exactly its truth's printed values: none lost,
// none invented, none garbled by runs, tracked changes or merges. Which key
// each belongs to is the matchers' part, checked through extract.Parse.
func TestFixtureNumbers(t *testing.T) {
	truths := fixtureTruths(t)
	for _, truth := range truths {
		t.Run(truth.ID, func(t *testing.T) {
			doc, err := Extract(context.Background(), readFixture(t, truth.Source))
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			for c := range tableCells(doc) {
				s := strings.ReplaceAll(halfWidth(c.Text), ",", "")
				if truth.AmountUnit != "" {
					s = strings.TrimSuffix(s, truth.AmountUnit)
				}
				if v, err := strconv.ParseFloat(s, 64); err == nil {
					got = append(got, v)
				}
			}
			var want []float64
			for _, v := range truth.Cells {
				if v != nil {
					want = append(want, *v)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("cell numbers %v\nwant %v", got, want)
			}
		})
	}
	if n := len(truths); n < 30 {
		t.Errorf("want at least 30 DOCX fixtures, found %d", n)
	}
}

// halfWidth turns full-width digits and points into ASCII.
func halfWidth(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= '０' && c <= '９' || c == '．' {
			return c - '０' + '0'
		}
		return c
	}, s)
}
