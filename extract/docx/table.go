package docx

import (
	"encoding/xml"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// maxColumns is Word's limit on table columns. Spans are clamped to it so
// that a crafted gridSpan cannot make the matchers build a huge grid.
const maxColumns = 63

// tableState collects one table while its rows are read.
type tableState struct {
	num    int // the table's number in the document, 1-based
	table  *document.Table
	rows   int     // w:tr read so far, for locations
	nested []piece // tables found inside cells, emitted after this one
	cells  int
	last   []piece // content of the last cell, for unwrapping a frame
}

// rowState collects one row while its cells are read.
type rowState struct {
	cells     []document.Cell
	col       int // next grid column
	gridAfter int // grid columns left empty after the last cell
	deleted   bool
}

// table reads a w:tbl just started. It returns the table, then the tables
// nested in its cells (a cell's text keeps only its paragraphs). A table of
// a single cell that holds a table is a frame some producers put around
// the whole report: it is unwrapped, its content returned as if it stood
// outside.
func (p *parser) table() ([]piece, error) {
	p.tables++
	ts := &tableState{num: p.tables, table: &document.Table{Grid: true}}
	if err := p.tableContent(ts); err != nil {
		return nil, err
	}
	if ts.cells == 1 && hasTable(ts.last) {
		return ts.last, nil
	}
	out := []piece{{tables: []document.Block{{Table: ts.table}}}}
	return append(out, ts.nested...), nil
}

func hasTable(pcs []piece) bool {
	for _, pc := range pcs {
		if len(pc.tables) > 0 {
			return true
		}
	}
	return false
}

// tableContent reads rows up to the end of the enclosing element, through
// content controls that wrap rows.
func (p *parser) tableContent(ts *tableState) error {
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "tr":
			return p.row(ts)
		case "sdt":
			return p.sdt(func() error { return p.tableContent(ts) })
		case "customXml":
			return p.tableContent(ts)
		}
		return p.skip()
	})
}

// row reads a w:tr just started.
func (p *parser) row(ts *tableState) error {
	ts.rows++
	rs := &rowState{}
	if err := p.rowContent(ts, rs); err != nil {
		return err
	}
	if rs.gridAfter > 0 && len(rs.cells) > 0 {
		rs.cells = append(rs.cells, document.Cell{Col: rs.col, Span: rs.gridAfter,
			Loc: schema.Location{Table: ts.num, Row: ts.rows, Col: rs.col + 1}})
	}
	if !rs.deleted && len(rs.cells) > 0 {
		ts.table.Rows = append(ts.table.Rows, document.Row{Cells: rs.cells})
	}
	return nil
}

func (p *parser) rowContent(ts *tableState, rs *rowState) error {
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "trPr":
			return p.rowProps(ts, rs)
		case "tc":
			return p.cell(ts, rs)
		case "sdt":
			return p.sdt(func() error { return p.rowContent(ts, rs) })
		case "customXml":
			return p.rowContent(ts, rs)
		}
		return p.skip()
	})
}

// rowProps reads w:trPr: grid columns skipped before the first cell or
// after the last (kept as blank cells, so that values stay in their
// columns and blank cells are present) and tracked deletion of the row.
func (p *parser) rowProps(ts *tableState, rs *rowState) error {
	return p.properties(func(t xml.StartElement) {
		switch t.Name.Local {
		case "gridBefore":
			if n := min(intAttr(t, 0), maxColumns); n > 0 && len(rs.cells) == 0 && rs.col == 0 {
				rs.cells = append(rs.cells, document.Cell{Col: 0, Span: n,
					Loc: schema.Location{Table: ts.num, Row: ts.rows, Col: 1}})
				rs.col = n
			}
		case "gridAfter":
			rs.gridAfter = min(max(intAttr(t, 0), 0), maxColumns)
		case "del":
			rs.deleted = true
		}
	})
}

// cellProps is what w:tcPr says about a cell's place in the grid.
type cellProps struct {
	span        int
	vContinue   bool // w:vMerge continuing the cell above
	hContinue   bool // legacy w:hMerge continuing the cell on the left
	deletedCell bool
}

// cell reads a w:tc just started.
func (p *parser) cell(ts *tableState, rs *rowState) error {
	props := cellProps{span: 1}
	var content []piece
	err := p.children(func(t xml.StartElement) (err error) {
		if t.Name.Local == "tcPr" {
			props, err = p.cellProps()
			return err
		}
		pcs, err := p.block(t)
		content = append(content, pcs...)
		return err
	})
	if err != nil {
		return err
	}
	ts.cells++
	ts.last = content
	if props.deletedCell {
		return nil
	}
	if props.hContinue && len(rs.cells) > 0 {
		// Word shows one cell across both: widen the one on the left.
		rs.cells[len(rs.cells)-1].Span += props.span
		rs.col += props.span
		return nil
	}
	var lines []string
	for _, pc := range content {
		lines = append(lines, pc.lines...)
		if len(pc.tables) > 0 {
			ts.nested = append(ts.nested, piece{tables: pc.tables})
		}
	}
	c := document.Cell{
		Col:    rs.col,
		Span:   props.span,
		Merged: props.vContinue,
		Loc:    schema.Location{Table: ts.num, Row: ts.rows, Col: rs.col + 1},
	}
	if !c.Merged {
		c.Text = strings.Join(lines, "\n")
	}
	rs.cells = append(rs.cells, c)
	rs.col += props.span
	return nil
}

// cellProps reads w:tcPr.
func (p *parser) cellProps() (cellProps, error) {
	props := cellProps{span: 1}
	err := p.properties(func(t xml.StartElement) {
		switch t.Name.Local {
		case "gridSpan":
			props.span = min(max(1, intAttr(t, 1)), maxColumns)
		case "vMerge":
			v, _ := attr(t, "val")
			props.vContinue = v != "restart"
		case "hMerge":
			v, _ := attr(t, "val")
			props.hContinue = v != "restart"
		case "cellDel":
			props.deletedCell = true
		}
	})
	return props, err
}
