package audit

import (
	"strings"

	"xxgk/schema"
)

// Table is one national table as the template prints it, for drawing it
// elsewhere than on the page (the workbook of check --format xlsx): the
// page's layouts, exported.
type Table struct {
	Title string
	Rows  [][]TableCell
}

// TableCell is a label (Text) or a value cell (Key), with the spans of the
// official layout (1 when not merged).
type TableCell struct {
	Text             string
	Key              string
	RowSpan, ColSpan int
	Head             bool // a header cell
}

// Tables returns the three tables of r in the variants that fit it, as the
// audit page draws them.
func Tables(r *schema.Report) []Table {
	ids := gridsFor(r, func(prefix string) bool {
		for _, c := range r.Cells {
			if strings.HasPrefix(c.Key, prefix) {
				return true
			}
		}
		return false
	})
	byID := map[string]grid{}
	for _, g := range grids() {
		byID[g.ID] = g
	}
	var out []Table
	for _, id := range ids {
		g := byID[id]
		t := Table{Title: g.Title}
		for _, row := range g.Rows {
			var cells []TableCell
			for _, c := range row {
				cells = append(cells, TableCell{Text: c.Text, Key: c.Key, RowSpan: max(c.RowSpan, 1), ColSpan: max(c.ColSpan, 1), Head: c.Head})
			}
			t.Rows = append(t.Rows, cells)
		}
		out = append(out, t)
	}
	return out
}

// CheckedKeys returns the keys of a finding whose cells show as failing:
// the printed side of its equation (the others are its parts).
func CheckedKeys(f schema.Finding) []string { return checkedKeys(f) }
