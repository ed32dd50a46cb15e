package layout

import (
	"slices"
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
	m := measure(lines)
	// prev is the last line put into the paragraph out ends with, if any.
	var prev *Line
	var run [][]chunk
	var runBox Rect
	flush := func() {
		if len(run) == 0 {
			return
		}
		prev = nil
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
		p := paragraph(page, cs)
		if prev != nil && m.continues(prev, &lines[i]) {
			last := &out[len(out)-1]
			last.Text += joinText(last.Text, p.Text)
			box := Rect{last.Loc.Box[0], last.Loc.Box[1], last.Loc.Box[2], last.Loc.Box[3]}.Union(lines[i].Box)
			last.Loc.Box = box.Box()
		} else {
			out = append(out, p)
		}
		prev = &lines[i]
	}
	flush()
	return out
}

// textBlock is the extent of a page's running text and its usual size.
type textBlock struct {
	left, right, size float64
}

func measure(lines []Line) textBlock {
	if len(lines) == 0 {
		return textBlock{}
	}
	m := textBlock{left: lines[0].Box.X0, right: lines[0].Box.X1}
	var sizes []float64
	for i := range lines {
		m.left, m.right = min(m.left, lines[i].Box.X0), max(m.right, lines[i].Box.X1)
		sizes = append(sizes, lines[i].Size())
	}
	slices.Sort(sizes)
	m.size = sizes[len(sizes)/2]
	return m
}

// continues reports whether line b goes on with the paragraph that line a
// ends: a fills the measure, b follows closely in the same size, and b
// starts at the left margin (a wrapped line, not an indented first line),
// or both are centred in a title's larger size.
func (m textBlock) continues(a, b *Line) bool {
	size := a.Size()
	gap := b.Box.Y0 - a.Box.Y1
	if size <= 0 || a.Box.X1 < m.right-2*size || abs(b.Size()-size) > 0.15*size || gap < -0.2*size || gap > 2.5*size {
		return false
	}
	if b.Box.X0 <= m.left+0.5*size {
		return true
	}
	centre := (m.left + m.right) / 2
	return size > 1.1*m.size && abs(a.Box.CX()-centre) <= 1.5*size && abs(b.Box.CX()-centre) <= 1.5*size
}

// joinText returns what goes between two lines of one paragraph and the
// second line: nothing between Chinese, a space between Latin words.
func joinText(a, b string) string {
	if isLatinLetter(lastRune(a)) && isLatinLetter(firstRune(b)) {
		return " " + b
	}
	return b
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
