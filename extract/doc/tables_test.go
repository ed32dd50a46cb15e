package doc

import (
	"strconv"
	"strings"
	"testing"

	"xxgk/extract/document"
)

// Paragraph makers for the builder: body text, a depth-1 cell end, a row
// end with its cells' edges and merges, and nested-table marks.
func body(s string) para { return para{text: s, mark: chPara} }
func cell(s string) para {
	return para{text: s, mark: chCell, props: paraProps{inTable: true}}
}
func inCell(s string) para {
	return para{text: s, mark: chPara, props: paraProps{inTable: true}}
}
func rowEndOf(edges []int, cells ...cellDef) para {
	if cells == nil {
		cells = make([]cellDef, len(edges)-1)
	}
	return para{mark: chCell, props: paraProps{inTable: true, ttp: true, row: &rowDef{edges: edges, cells: cells}}}
}
func nested(s string, cellEnd, rowEnd bool) para {
	return para{text: s, mark: chPara, props: paraProps{inTable: true, hasItap: true, itap: 2, innerCell: cellEnd, innerTtp: rowEnd}}
}

// show prints blocks as the DOCX golden files do: P<line> text, and per
// row t<table> r<row>: col+span"text" (M for merged continuations).
func show(blocks []document.Block) string {
	var b strings.Builder
	for _, blk := range blocks {
		if blk.Table == nil {
			b.WriteString("P" + strconv.Itoa(blk.Loc.Line) + " " + blk.Text + "\n")
			continue
		}
		for _, row := range blk.Table.Rows {
			for i, c := range row.Cells {
				if i == 0 {
					b.WriteString("t" + strconv.Itoa(c.Loc.Table) + " r" + strconv.Itoa(c.Loc.Row) + ":")
				}
				m := ""
				if c.Merged {
					m = "M"
				}
				b.WriteString(" " + strconv.Itoa(c.Col) + "+" + strconv.Itoa(c.Span) + m + `"` + c.Text + `"`)
				if c.Loc.Col != c.Col+1 {
					b.WriteString("!loc")
				}
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestTables(t *testing.T) {
	for _, tt := range []struct {
		name  string
		paras []para
		want  string
	}{
		{"grid of all edges, within a point", []para{
			body("一、总体情况"),
			cell("项目"), cell("数量"), rowEndOf([]int{0, 1000, 3000}),
			cell("a"), cell("1"), cell("2"), rowEndOf([]int{0, 1005, 2000, 3001}),
			body("二、"),
		}, "P1 一、总体情况\nt1 r1: 0+1\"项目\" 1+2\"数量\"\nt1 r2: 0+1\"a\" 1+1\"1\" 2+1\"2\"\nP7 二、\n"},
		{"vertical merge and cell paragraphs", []para{
			inCell("本年"), cell("新收"), cell("x"), rowEndOf([]int{0, 1000, 2000}, cellDef{vertMerge: true, vertRestart: true}, cellDef{}),
			cell(""), cell("y"), rowEndOf([]int{0, 1000, 2000}, cellDef{vertMerge: true}, cellDef{}),
		}, "t1 r1: 0+1\"本年\n新收\" 1+1\"x\"\nt1 r2: 0+1M\"\" 1+1\"y\"\n"},
		{"legacy horizontal merge", []para{
			cell("标题"), cell(""), cell(""), rowEndOf([]int{0, 1000, 2000, 3000}, cellDef{firstMerged: true}, cellDef{merged: true}, cellDef{merged: true}),
			cell("a"), cell("b"), cell("c"), rowEndOf([]int{0, 1000, 2000, 3000}),
		}, "t1 r1: 0+3\"标题\"\nt1 r2: 0+1\"a\" 1+1\"b\" 2+1\"c\"\n"},
		{"row starting right of the grid", []para{
			cell("a"), cell("b"), rowEndOf([]int{0, 1000, 2000}),
			cell("c"), rowEndOf([]int{1000, 2000}),
		}, "t1 r1: 0+1\"a\" 1+1\"b\"\nt1 r2: 0+1\"\" 1+1\"c\"\n"},
		{"frame around a nested table", []para{
			body("标题"),
			inCell("正文"),
			nested("a", true, false), nested("b", true, false), nested("", false, true),
			cell(""), rowEndOf([]int{0, 100}),
		}, "P1 标题\nP2 正文\nt2 r1: 0+1\"a\" 1+1\"b\"\n"},
		{"nested table after its table", []para{
			cell("x"), nested("a", true, false), nested("", false, true), cell("y"), rowEndOf([]int{0, 1000, 2000}),
		}, "t1 r1: 0+1\"x\" 1+1\"y\"\nt2 r1: 0+1\"a\"\n"},
		{"cells never ended by a row end", []para{
			cell("a"), cell("b"), body("后"),
		}, "t1 r1: 0+1\"a\" 1+1\"b\"\nP3 后\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := &builder{paras: tt.paras}
			if got := show(b.body()); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
