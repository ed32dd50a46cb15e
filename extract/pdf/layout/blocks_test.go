package layout

import (
	"fmt"
	"strings"
	"testing"

	"xxgk/extract/document"
)

// text lays out a string as glyphs of size 10, 10 wide each, starting at
// (x, y) (top of the line), or downwards one per line when vertical.
func text(s string, x, y float64, vertical bool) []Glyph {
	var out []Glyph
	for _, r := range s {
		out = append(out, Glyph{Text: string(r), Size: 10, Vertical: vertical, Box: Rect{x, y, x + 10, y + 10}})
		if vertical {
			y += 10
		} else {
			x += 10
		}
	}
	return out
}

func hline(y, x0, x1 float64) Rule { return Rule{Horizontal: true, At: y, From: x0, To: x1} }
func vline(x, y0, y1 float64) Rule { return Rule{At: x, From: y0, To: y1} }

// grid draws a table: rows at ys, columns at xs, every line full length.
func grid(xs, ys []float64) []Rule {
	var out []Rule
	for _, y := range ys {
		out = append(out, hline(y, xs[0], xs[len(xs)-1]))
	}
	for _, x := range xs {
		out = append(out, vline(x, ys[0], ys[len(ys)-1]))
	}
	return out
}

// show writes blocks one line each: paragraphs as text, table rows as
// cells col+span:text, ^ for a merged continuation.
func show(blocks []document.Block) string {
	var b strings.Builder
	for _, blk := range blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P %s\n", blk.Text)
			continue
		}
		fmt.Fprintf(&b, "T grid=%v\n", blk.Table.Grid)
		for _, r := range blk.Table.Rows {
			var cells []string
			for _, c := range r.Cells {
				t := c.Text
				if c.Merged {
					t = "^"
				}
				cells = append(cells, fmt.Sprintf("%d+%d:%s", c.Col, c.Span, t))
			}
			fmt.Fprintf(&b, "  %s\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func TestBlocks(t *testing.T) {
	var glyphs []Glyph
	add := func(gs []Glyph) { glyphs = append(glyphs, gs...) }
	// A heading, a table 3 fragment with a vertical label over two rows, a
	// number wrapped in a narrow cell, a blank cell, and a page number.
	add(text("三、收到和处理", 100, 50, false))
	add(text("办理结果", 105, 110, true))
	add(text("（一）予以公开", 130, 112, false))
	add(text("35", 305, 105, false))
	add(text("1", 305, 117, false))
	add(text("（二）部分公开", 130, 142, false))
	add(text("7", 305, 142, false))
	add(text("-3-", 280, 800, false))
	rules := grid([]float64{100, 125, 300, 340}, []float64{100, 130, 160})
	// The label cell spans both rows: cut the line between them short.
	rules[1] = hline(130, 125, 340)
	page := Page{Number: 1, Width: 595, Height: 842, Glyphs: glyphs, Rules: rules}
	got := show(Blocks([]Page{page}))
	want := `P 三、收到和处理
T grid=true
  0+1:办理结果 | 1+1:（一）予以公开 | 2+1:351
  0+1:^ | 1+1:（二）部分公开 | 2+1:7
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBlankCellsKeepTheirColumns(t *testing.T) {
	page := Page{Number: 1, Height: 842,
		Glyphs: append(text("规章", 10, 12, false), text("5", 130, 12, false)...),
		Rules:  grid([]float64{0, 60, 120, 180}, []float64{10, 30})}
	blocks := Blocks([]Page{page})
	if len(blocks) != 1 || blocks[0].Table == nil {
		t.Fatalf("blocks: %s", show(blocks))
	}
	cells := blocks[0].Table.Rows[0].Cells
	if len(cells) != 3 || cells[1].Text != "" || cells[2].Text != "5" {
		t.Fatalf("cells: %s", show(blocks))
	}
	// A blank cell is located by its box; a printed one by its text.
	if b := *cells[1].Loc.Box; b != [4]float64{60, 10, 120, 30} {
		t.Errorf("blank cell box %v", b)
	}
	if b := *cells[2].Loc.Box; b != [4]float64{130, 12, 140, 22} {
		t.Errorf("printed cell box %v", b)
	}
}

// TestContinuedTable gives both parts of a table broken over a page one
// column grid, even when the second part lacks a column line.
func TestContinuedTable(t *testing.T) {
	p1 := Page{Number: 1, Height: 842,
		Glyphs: append(text("一、本年新收", 5, 802, false), text("9", 250, 802, false)...),
		Rules:  grid([]float64{0, 100, 200, 300}, []float64{800, 820})}
	p2 := Page{Number: 2, Height: 842,
		Glyphs: append(text("四、结转", 5, 52, false), text("4", 250, 52, false)...),
		Rules:  grid([]float64{0, 200, 300}, []float64{50, 70})}
	got := show(Blocks([]Page{p1, p2}))
	want := `T grid=true
  0+1:一、本年新收 | 1+1: | 2+1:9
T grid=true
  0+2:四、结转 | 2+1:4
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnruledTable(t *testing.T) {
	var glyphs []Glyph
	for i, row := range [][]string{{"规章", "0", "1", "5"}, {"行政规范性文件", "3", "0", "8"}} {
		y := 100 + float64(i)*20
		glyphs = append(glyphs, text(row[0], 50, y, false)...)
		for j, v := range row[1:] {
			glyphs = append(glyphs, text(v, 250+float64(j)*60, y, false)...)
		}
	}
	glyphs = append(glyphs, text("二、主动公开政府信息情况", 50, 60, false)...)
	got := show(Blocks([]Page{{Number: 1, Height: 842, Glyphs: glyphs}}))
	want := `P 二、主动公开政府信息情况
T grid=false
  0+1:规章 | 0+1:0 | 0+1:1 | 0+1:5
  0+1:行政规范性文件 | 0+1:3 | 0+1:0 | 0+1:8
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLineText(t *testing.T) {
	for _, tc := range []struct {
		name   string
		glyphs []Glyph
		want   string
	}{
		{"Chinese set close", text("政府信息", 0, 0, false), "政府信息"},
		{"a narrow gap between Chinese is no space", append(text("政府", 0, 0, false), text("信息", 25, 0, false)...), "政府信息"},
		{"a wide gap between Chinese is one", append(text("信息内容", 0, 0, false), text("本年", 60, 0, false)...), "信息内容 本年"},
		{"Latin words", append(text("WPS", 0, 0, false), text("PDF", 35, 0, false)...), "WPS PDF"},
		{"overprinted bold", append(text("总计", 0, 0, false), text("总计", 0.5, 0, false)...), "总计"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := groupLines(tc.glyphs)
			if len(lines) != 1 {
				t.Fatalf("%d lines", len(lines))
			}
			if got := lines[0].Text(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPageNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		y    float64
		want bool
	}{
		{"-3-", 400, true},
		{"— 12 —", 800, true},
		{"第3页", 800, true},
		{"第 2 页 共 5 页", 20, true},
		{"7", 800, true},
		{"7", 400, false}, // a number in the body is not a page number
		{"2024", 400, false},
		{"3-5", 800, false},
	} {
		l := groupLines(text(tc.text, 100, tc.y, false))[0]
		if got := isPageNumber(l, 842); got != tc.want {
			t.Errorf("isPageNumber(%q at %v) = %v", tc.text, tc.y, got)
		}
	}
}

// TestWrappedLabels gives each line of wrapped labels to its row, whether
// the cells align to the top (label starts level with the values) or the
// middle (values in the middle of the label), where the nearest row would
// take the last line of one label for the next.
func TestWrappedLabels(t *testing.T) {
	line := func(y float64) *placed { return &placed{chunk: chunk{box: Rect{0, y, 100, y + 10}}, size: 10} }
	for _, tc := range []struct {
		name          string
		lines         []float64 // tops of the label lines
		centres, tops []float64 // of the rows' values
		want          []int
	}{
		{"top aligned", []float64{0, 16, 32, 48, 64}, []float64{5, 53}, []float64{0, 48}, []int{0, 0, 0, 1, 1}},
		{"middle aligned", []float64{0, 16, 32, 48, 64, 80}, []float64{21, 69}, []float64{16, 64}, []int{0, 0, 0, 1, 1, 1}},
		{"one line each", []float64{0, 17, 34}, []float64{5, 22, 39}, []float64{0, 17, 34}, []int{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var lines []*placed
			for _, y := range tc.lines {
				lines = append(lines, line(y))
			}
			if got := assignLines(lines, tc.centres, tc.tops); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestParagraphOverPageBreak joins a paragraph that a page break cuts, and
// not one that ends with its sentence.
func TestParagraphOverPageBreak(t *testing.T) {
	page := func(n int, lines ...string) Page {
		var gs []Glyph
		for i, l := range lines {
			x := 100.0
			if strings.HasPrefix(l, "  ") {
				x, l = 120, strings.TrimSpace(l)
			}
			gs = append(gs, text(l, x, 100+float64(i)*20, false)...)
		}
		return Page{Number: n, Width: 180, Height: 842, Glyphs: gs}
	}
	for _, tc := range []struct {
		name  string
		pages []Page
		want  string
	}{
		{"cut mid-sentence", []Page{page(1, "  一是加强培训，", "完善工作机制提升政府"), page(2, "信息公开工作水平。", "  二是规范答复。")},
			"P 一是加强培训，完善工作机制提升政府信息公开工作水平。\nP 二是规范答复。\n"},
		{"ends its sentence", []Page{page(1, "  一是加强培训，", "完善工作机制提升水平。"), page(2, "二是规范答复。")},
			"P 一是加强培训，完善工作机制提升水平。\nP 二是规范答复。\n"},
		{"indented on the next page", []Page{page(1, "  一是加强培训，", "完善工作机制提升政府"), page(2, "  二是规范答复。")},
			"P 一是加强培训，完善工作机制提升政府\nP 二是规范答复。\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(Blocks(tc.pages)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestFrameWithoutColumnLines reads a table drawn as a frame with row lines
// only by the alignment of its values, not as one cell per row.
func TestFrameWithoutColumnLines(t *testing.T) {
	var glyphs []Glyph
	for i, row := range [][]string{{"规章", "0", "1", "5"}, {"行政规范性文件", "3", "0", "8"}} {
		y := 102 + float64(i)*20
		glyphs = append(glyphs, text(row[0], 10, y, false)...)
		for j, v := range row[1:] {
			glyphs = append(glyphs, text(v, 200+float64(j)*60, y, false)...)
		}
	}
	rules := []Rule{hline(100, 0, 400), hline(120, 0, 400), hline(140, 0, 400), vline(0, 100, 140), vline(400, 100, 140)}
	got := show(Blocks([]Page{{Number: 1, Height: 842, Glyphs: glyphs, Rules: rules}}))
	want := `T grid=false
  0+1:规章 | 0+1:0 | 0+1:1 | 0+1:5
  0+1:行政规范性文件 | 0+1:3 | 0+1:0 | 0+1:8
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestRunningHeaders drops a header repeated on every page, and keeps a
// line in the margin that appears once.
func TestRunningHeaders(t *testing.T) {
	page := func(n int, body string) Page {
		gs := append(text("淮安市人民政府办公室", 100, 30, false), text(body, 100, 400, false)...)
		if n == 1 {
			gs = append(gs, text("附件", 100, 800, false)...)
		}
		return Page{Number: n, Width: 595, Height: 842, Glyphs: gs}
	}
	got := show(Blocks([]Page{page(1, "一、总体情况"), page(2, "二、主动公开")}))
	want := "P 一、总体情况\nP 附件\nP 二、主动公开\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestSidewaysPage lays out a table drawn sideways (no /Rotate) as if
// upright, and locates its cells on the page as displayed.
func TestSidewaysPage(t *testing.T) {
	// Upright: a 2×2 ruled table on a 400×300 page.
	var glyphs []Glyph
	glyphs = append(glyphs, text("规章", 12, 12, false)...)
	glyphs = append(glyphs, text("5", 112, 12, false)...)
	glyphs = append(glyphs, text("行政", 12, 32, false)...)
	glyphs = append(glyphs, text("7", 112, 32, false)...)
	rules := grid([]float64{10, 100, 200}, []float64{10, 30, 50})
	upright := Page{Number: 1, Width: 400, Height: 300, Glyphs: glyphs, Rules: rules}
	for _, tc := range []struct {
		name string
		t    turn
		flow Flow
	}{{"clockwise", turnedCW, Down}, {"anticlockwise", turnedCCW, Up}} {
		t.Run(tc.name, func(t *testing.T) {
			// Draw the upright page sideways: boxes turned back, text
			// running down (or up) the page.
			side := Page{Number: 1, Width: 300, Height: 400}
			for _, g := range upright.Glyphs {
				g.Box, g.Flow = tc.t.back(g.Box, 300, 400), tc.flow
				side.Glyphs = append(side.Glyphs, g)
			}
			side.Rules = sidewaysRules(upright.Rules, tc.t)
			blocks := Blocks([]Page{side})
			if got, want := show(blocks), "T grid=true\n  0+1:规章 | 1+1:5\n  0+1:行政 | 1+1:7\n"; got != want {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
			cell := blocks[0].Table.Rows[0].Cells[1]
			want := tc.t.back(Rect{112, 12, 122, 22}, 300, 400).Box()
			if *cell.Loc.Box != *want {
				t.Errorf("cell box %v, want %v (on the page as displayed)", *cell.Loc.Box, *want)
			}
		})
	}
}

// sidewaysRules draws upright rules on the page turned by t.
func sidewaysRules(rules []Rule, t turn) []Rule {
	var out []Rule
	for _, r := range rules {
		var b Rect
		if r.Horizontal {
			b = Rect{r.From, r.At, r.To, r.At}
		} else {
			b = Rect{r.At, r.From, r.At, r.To}
		}
		b = t.back(b, 300, 400)
		if r.Horizontal {
			out = append(out, Rule{At: b.X0, From: b.Y0, To: b.Y1})
		} else {
			out = append(out, Rule{Horizontal: true, At: b.Y0, From: b.X0, To: b.X1})
		}
	}
	return out
}
