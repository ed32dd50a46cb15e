package docx

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// TestFixtureNumbers reads every generated DOCX and checks that the numbers
// in its table cells are exactly its truth's printed values: none lost,
// none invented, none garbled by runs, tracked changes or merges. Which key
// each belongs to is the matchers' part, checked through extract.Parse.
func TestFixtureNumbers(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "truth", "*.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		truth, err := fixtures.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(truth.Source, "docx/") {
			continue
		}
		n++
		t.Run(truth.ID, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtures.Dir(), truth.Source))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			var got []float64
			for _, b := range doc.Blocks {
				if b.Table == nil {
					continue
				}
				for _, row := range b.Table.Rows {
					for _, c := range row.Cells {
						s := strings.ReplaceAll(halfWidth(c.Text), ",", "")
						if truth.AmountUnit != "" {
							s = strings.TrimSuffix(s, truth.AmountUnit)
						}
						if v, err := strconv.ParseFloat(s, 64); err == nil {
							got = append(got, v)
						}
					}
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
	if n < 30 {
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
