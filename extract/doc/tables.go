package doc

import (
	"slices"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Tables in the text stream ([MS-DOC] 2.4.3): the paragraphs of a cell
// carry sprmPFInTable (and their nesting depth in sprmPItap); a depth-1
// cell ends with a cell mark (0x07); a row ends with one more 0x07 whose
// paragraph is a TTP (sprmPFTtp) and carries the row's layout
// (sprmTDefTable: the cells' edges and merges). In a nested table a cell
// ends with a paragraph mark carrying sprmPFInnerTableCell and a row with
// one carrying sprmPFInnerTtp.
//
// The reading mirrors the DOCX extractor's, so that a report saved both
// ways comes out the same: tables numbered in document order (nested ones
// included), a cell's text its paragraphs' lines, tables nested in a cell
// after the table, columns on a grid of every cell edge of the table, a
// table of a single cell that holds a table (a frame) unwrapped.

// item is one block-level item of the body or a cell: a paragraph's lines,
// or a table followed by the tables nested in it.
type item struct {
	lines  []string
	line   int // the paragraph's number, for its location
	tables []document.Block
}

// builder walks the paragraphs once.
type builder struct {
	paras  []para
	next   int // the next paragraph
	tables int // tables numbered so far
	count  int // paragraphs numbered so far
	lists  *lists
}

func (b *builder) peek() (*para, bool) {
	if b.next < len(b.paras) {
		return &b.paras[b.next], true
	}
	return nil, false
}

// body reads every paragraph.
func (b *builder) body() []document.Block {
	var items []item
	for b.next < len(b.paras) {
		p := &b.paras[b.next]
		if p.props.depth() > 0 {
			items = append(items, b.table(1)...)
			continue
		}
		b.next++
		items = append(items, b.paragraph(p))
	}
	return flatten(items)
}

// paragraph numbers a paragraph and splits it into its printed lines.
func (b *builder) paragraph(p *para) item {
	b.count++
	it := item{line: b.count}
	text := b.lists.label(p.props) + p.text
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			it.lines = append(it.lines, l)
		}
	}
	return it
}

func flatten(items []item) []document.Block {
	var out []document.Block
	for _, it := range items {
		for _, l := range it.lines {
			out = append(out, document.Block{Text: l, Loc: schema.Location{Line: it.line}})
		}
		out = append(out, it.tables...)
	}
	return out
}

// rowCell is a cell read from the text, before the row's layout places it.
type rowCell struct {
	lines []string
}

// tableRow is a row read from the text with the layout its end carries.
type tableRow struct {
	cells []rowCell
	def   *rowDef
	num   int // the row's number in its table, for locations
}

// table reads the table at depth d that starts at the next paragraph, up
// to the first paragraph at a lower depth. It returns the table and the
// tables nested in it, or, for a frame, the frame's content.
func (b *builder) table(d int) []item {
	b.tables++
	num := b.tables
	var rows []tableRow
	var nested []item
	var last []item // content of the last cell, for unwrapping a frame
	cells := 0
	var cur tableRow
	var content []item // the current cell's content
	endCell := func() {
		cells++
		last = content
		var lines []string
		for _, it := range content {
			lines = append(lines, it.lines...)
			if len(it.tables) > 0 {
				nested = append(nested, item{tables: it.tables})
			}
		}
		cur.cells = append(cur.cells, rowCell{lines: lines})
		content = nil
	}
	for {
		p, ok := b.peek()
		if !ok || p.props.depth() < d {
			break
		}
		if p.props.depth() > d {
			content = append(content, b.table(d+1)...)
			continue
		}
		b.next++
		if rowEnd(p, d) {
			if len(content) > 0 {
				endCell() // text after the last cell mark: one more cell
			}
			cur.def = p.props.row
			cur.num = len(rows) + 1
			rows = append(rows, cur)
			cur = tableRow{}
			continue
		}
		content = append(content, b.paragraph(p))
		if cellEnd(p, d) {
			endCell()
		}
	}
	if len(content) > 0 {
		endCell()
	}
	if len(cur.cells) > 0 {
		// A row the text never ended (damage): its cells stay, without
		// a layout.
		cur.num = len(rows) + 1
		rows = append(rows, cur)
	}
	if cells == 1 && hasTable(last) {
		return last
	}
	t := layout(num, rows)
	out := []item{{tables: []document.Block{{Table: t}}}}
	return append(out, nested...)
}

func hasTable(items []item) bool {
	for _, it := range items {
		if len(it.tables) > 0 {
			return true
		}
	}
	return false
}

// cellEnd reports whether p, a paragraph at depth d, ends a cell.
func cellEnd(p *para, d int) bool {
	if d == 1 {
		return p.mark == chCell
	}
	return p.props.innerCell
}

// rowEnd reports whether p, a paragraph at depth d, ends a row.
func rowEnd(p *para, d int) bool {
	if d == 1 {
		return p.props.ttp && p.mark == chCell
	}
	return p.props.innerTtp
}

// layout places the cells of the rows on the table's grid: the sorted set
// of every cell edge of every row, as Word builds a table's grid, edges
// closer than edgeTolerance taken as one.
func layout(num int, rows []tableRow) *document.Table {
	var edges []int
	for _, r := range rows {
		if r.def != nil {
			edges = append(edges, r.def.edges...)
		}
	}
	lines := gridLines(edges)
	col := func(x int) int {
		i, _ := slices.BinarySearch(lines, x+1)
		return max(i-1, 0)
	}
	t := &document.Table{Grid: len(lines) > 0}
	for _, r := range rows {
		var out []document.Cell
		next := 0
		for i, c := range r.cells {
			start, span := next, 1
			var def cellDef
			if r.def != nil && i < len(r.def.cells) {
				def = r.def.cells[i]
				start = max(col(r.def.edges[i]), next)
				// Clamped like the DOCX extractor's gridSpan, so that a
				// crafted row cannot make the matchers build a huge grid.
				span = min(max(col(r.def.edges[i+1])-start, 1), maxCells)
			}
			if i == 0 && start > 0 {
				// Grid columns left empty before the first cell.
				out = append(out, document.Cell{Col: 0, Span: min(start, maxCells),
					Loc: schema.Location{Table: num, Row: r.num, Col: 1}})
			}
			if def.merged && !def.firstMerged && len(out) > 0 {
				// A legacy horizontal merge: Word shows one cell
				// across both.
				out[len(out)-1].Span += start + span - next
				next = start + span
				continue
			}
			cell := document.Cell{Col: start, Span: span, Merged: def.vertMerge && !def.vertRestart,
				Loc: schema.Location{Table: num, Row: r.num, Col: start + 1}}
			if !cell.Merged {
				cell.Text = strings.Join(c.lines, "\n")
			}
			out = append(out, cell)
			next = start + span
		}
		if len(out) > 0 {
			t.Rows = append(t.Rows, document.Row{Cells: out})
		}
	}
	return t
}

// edgeTolerance is how far apart (in twips, 1/20 pt) two rows' cell edges
// may be and still be one grid line: writers that convert tables round
// widths (LibreOffice moves an edge by a twip or two), and no printed
// column is a point wide.
const edgeTolerance = 20

// gridLines sorts the edges and keeps the first of each cluster of edges
// within edgeTolerance of it.
func gridLines(edges []int) []int {
	slices.Sort(edges)
	var lines []int
	for _, x := range edges {
		if len(lines) == 0 || x-lines[len(lines)-1] > edgeTolerance {
			lines = append(lines, x)
		}
	}
	return lines
}
