package html

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Limits of the HTML table model (colspan and rowspan as browsers clamp
// them), and of the grid positions one table may cover: the report's tables
// have a few hundred, and spans must not turn a small page into a huge grid.
const (
	maxColSpan = 1000
	maxRowSpan = 65534
	maxGrid    = 1 << 18
)

// rows returns the table's own rows in source order: those directly in it
// and those in its row groups, not those of tables nested in its cells.
func rows(table *html.Node) []*html.Node {
	var out []*html.Node
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			out = append(out, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// cells returns a row's own <td> and <th> elements.
func cells(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			out = append(out, c)
		}
	}
	return out
}

// isLayout reports whether a table only lays out the page (old sites put
// the whole article in one) rather than holding data: it has a table in a
// cell, a single cell, or a cell with a paragraph's worth of text. Its
// cells are then read as running text.
func isLayout(table *html.Node) bool {
	n := 0
	for _, tr := range rows(table) {
		for _, td := range cells(tr) {
			n++
			if hasDescendant(td, atom.Table) || utf8.RuneCountInString(cellText(td)) > 300 {
				return true
			}
		}
	}
	return n <= 1
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasDescendant(c, a)) {
			return true
		}
	}
	return false
}

// gridTable places a data table's cells on its column grid the way a
// browser does: each cell takes the first grid column its row leaves free
// of cells spanning down from rows above. A cell spanning n rows appears
// in each of the n-1 rows below it as a Merged continuation cell with no
// text, and a row that stops short of the table's width gets blank cells
// up to it, so that every row shows what covers each of its columns. Locations
// are the 1-based source table number, row and grid column.
func gridTable(table *html.Node, number int) (*document.Table, error) {
	trs := rows(table)
	budget := maxGrid
	out := &document.Table{Rows: make([]document.Row, len(trs)), Grid: true}
	// taken[r][c] says whether grid column c of row r is covered by a cell
	// from a row above.
	taken := make([][]bool, len(trs))
	for r, tr := range trs {
		col := 0
		for _, td := range cells(tr) {
			for col < len(taken[r]) && taken[r][col] {
				col++
			}
			colspan := span(attr(td, "colspan"), 1, maxColSpan)
			// A span that runs into a cell from a row above is cut short
			// there: browsers draw the two overlapping, the grid keeps one
			// cell per column.
			for c := col + 1; c < col+colspan && c < len(taken[r]); c++ {
				if taken[r][c] {
					colspan = c - col
					break
				}
			}
			rowspan := span(attr(td, "rowspan"), 0, maxRowSpan)
			if rowspan == 0 || r+rowspan > len(trs) {
				// rowspan="0" spans to the end of the table, and browsers
				// cut longer spans there too.
				rowspan = len(trs) - r
			}
			if budget -= colspan * rowspan; budget < 0 {
				return nil, &schema.Error{Code: schema.ErrTooLarge, Table: number, Row: r + 1,
					Err: fmt.Errorf("table %d spans more than %d grid cells", number, maxGrid)}
			}
			loc := schema.Location{Table: number, Row: r + 1, Col: col + 1}
			out.Rows[r].Cells = append(out.Rows[r].Cells, document.Cell{
				Text: cellText(td), Col: col, Span: colspan, Loc: loc,
			})
			for k := 1; k < rowspan; k++ {
				loc.Row = r + k + 1
				out.Rows[r+k].Cells = append(out.Rows[r+k].Cells, document.Cell{
					Col: col, Span: colspan, Merged: true, Loc: loc,
				})
				if need := col + colspan; len(taken[r+k]) < need {
					taken[r+k] = append(taken[r+k], make([]bool, need-len(taken[r+k]))...)
				}
				for c := col; c < col+colspan; c++ {
					taken[r+k][c] = true
				}
			}
			col += colspan
		}
	}
	width := 0
	for _, row := range out.Rows {
		slices.SortStableFunc(row.Cells, func(a, b document.Cell) int { return a.Col - b.Col })
		for _, c := range row.Cells {
			width = max(width, c.Col+c.Span)
		}
	}
	if len(trs)*width > maxGrid {
		return nil, &schema.Error{Code: schema.ErrTooLarge, Table: number,
			Err: fmt.Errorf("table %d has %d rows of %d grid columns", number, len(trs), width)}
	}
	// Pages leave out the empty cells at the end of a row, and browsers
	// draw nothing there; the matchers want them as blank cells, so that
	// a row shows a blank for every column.
	for r := range out.Rows {
		row := &out.Rows[r]
		end := 0
		for _, c := range row.Cells {
			end = max(end, c.Col+c.Span)
		}
		for c := end; c < width; c++ {
			row.Cells = append(row.Cells, document.Cell{Col: c, Span: 1, Loc: schema.Location{Table: number, Row: r + 1, Col: c + 1}})
		}
	}
	return out, nil
}

// span reads a colspan or rowspan attribute as browsers do: leading digits,
// 1 when missing or unreadable, clamped to [lo, hi].
func span(s string, lo, hi int) int {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil || (n == 0 && lo > 0) {
		return 1
	}
	return min(max(n, lo), hi)
}
