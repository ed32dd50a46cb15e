package layout

import (
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// columnGap is the gap, in ems, that separates the columns of an unruled
// table: wider than any gap inside a label or a sentence.
const columnGap = 1.5

// alignedBlocks turns lines outside ruled tables into blocks: a run of at
// least two lines that each break into three or more chunks at wide gaps,
// one of them a number, is an unruled table (its columns are not aligned
// into a grid: Grid is false); every other line is a paragraph.
func alignedBlocks(page int, lines []Line) []document.Block {
	var out []document.Block
	var run [][]chunk
	var runBox Rect
	flush := func() {
		if len(run) >= 2 {
			t := &document.Table{}
			for _, cs := range run {
				var row document.Row
				for _, c := range cs {
					row.Cells = append(row.Cells, document.Cell{Text: c.text, Span: 1,
						Loc: schema.Location{Page: page, Box: c.box.Box()}})
				}
				t.Rows = append(t.Rows, row)
			}
			out = append(out, document.Block{Table: t, Loc: schema.Location{Page: page, Box: runBox.Box()}})
		} else {
			for _, cs := range run {
				out = append(out, paragraph(page, cs))
			}
		}
		run = nil
	}
	for i := range lines {
		cs := chunks(&lines[i])
		if len(cs) >= 3 && hasNumber(cs) {
			if len(run) == 0 {
				runBox = lines[i].Box
			}
			run = append(run, cs)
			runBox = runBox.Union(lines[i].Box)
			continue
		}
		flush()
		out = append(out, paragraph(page, cs))
	}
	flush()
	return out
}

// chunk is a piece of a line between wide gaps.
type chunk struct {
	text string
	box  Rect
}

func chunks(l *Line) []chunk {
	var out []chunk
	start := 0
	for i := 1; i <= len(l.Glyphs); i++ {
		if i < len(l.Glyphs) {
			p, g := l.Glyphs[i-1], l.Glyphs[i]
			if g.Box.X0-p.Box.X1 <= columnGap*max(p.Size, g.Size) {
				continue
			}
		}
		part := Line{Glyphs: l.Glyphs[start:i], Box: l.Glyphs[start].Box}
		for _, g := range part.Glyphs[1:] {
			part.Box = part.Box.Union(g.Box)
		}
		out = append(out, chunk{text: part.Text(), box: part.Box})
		start = i
	}
	return out
}

func hasNumber(cs []chunk) bool {
	for _, c := range cs {
		if strings.Trim(c.text, "0123456789,.") == "" {
			return true
		}
	}
	return false
}

// paragraph joins a line's chunks back into one text line.
func paragraph(page int, cs []chunk) document.Block {
	texts := make([]string, len(cs))
	box := cs[0].box
	for i, c := range cs {
		texts[i] = c.text
		box = box.Union(c.box)
	}
	return document.Block{Text: strings.Join(texts, " "), Loc: schema.Location{Page: page, Box: box.Box()}}
}
