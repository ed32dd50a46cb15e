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

// alignedBlocks turns lines outside ruled tables into blocks: tables found
// by the alignment of their values (Grid false: their columns are those of
// the values, labels come first), and paragraphs of the remaining text,
// wrapped lines joined. It also says which paragraphs may run on from the
// page before and into the next.
func alignedBlocks(page int, width float64, lines []Line) ([]document.Block, flow) {
	var all []*placed
	perLine := make([][]*placed, len(lines))
	for i := range lines {
		for _, c := range chunks(&lines[i]) {
			p := &placed{chunk: c, line: i, size: lines[i].Size()}
			all = append(all, p)
			perLine[i] = append(perLine[i], p)
		}
	}
	var out []document.Block
	taken := map[*placed]bool{}
	for _, t := range findUnruled(page, all) {
		out = append(out, document.Block{Table: &document.Table{Rows: t.rows}, Loc: schema.Location{Page: page, Box: t.box.Box()}})
		for p := range t.taken {
			taken[p] = true
		}
	}
	m := measure(lines, width)
	fl := flow{first: -1, last: -1}
	// prev is the line that the last paragraph of out ends with, if any.
	var prev *Line
	for i := range lines {
		var cs []chunk
		for _, p := range perLine[i] {
			if !taken[p] {
				cs = append(cs, p.chunk)
			}
		}
		if len(cs) == 0 {
			prev = nil
			continue
		}
		p := paragraph(page, cs)
		if n := len(out); prev != nil && n > 0 && out[n-1].Table == nil && m.continues(prev, &lines[i]) {
			last := &out[n-1]
			last.Text += joinText(last.Text, p.Text)
			last.Loc.Box = Rect{last.Loc.Box[0], last.Loc.Box[1], last.Loc.Box[2], last.Loc.Box[3]}.Union(lines[i].Box).Box()
		} else {
			out = append(out, p)
			if fl.first < 0 && !m.narrow && lines[i].Box.X0 <= m.left+0.5*lines[i].Size() {
				fl.first = len(out) - 1
			}
		}
		prev = &lines[i]
		fl.last = -1
		if !m.narrow && prev.Box.X1 >= m.right-2*prev.Size() && !endsSentence(prev) {
			fl.last = len(out) - 1
		}
	}
	return out, fl
}

// endsSentence reports whether a line ends with the punctuation that ends a
// sentence or a clause: a paragraph may end there, so a page break after
// it is not taken for one inside a paragraph.
func endsSentence(l *Line) bool {
	t := l.Glyphs[len(l.Glyphs)-1].Text
	return strings.ContainsAny(t, "。！？；：!?;:")
}

// flow marks the paragraphs of a page that may continue over a page break:
// first, one starting at the left margin (not an indented first line);
// last, one whose last line fills the measure. -1 for none.
type flow struct {
	first, last int
}

// textBlock is the extent of a page's running text and its usual size.
// Its measure is unknown (narrow) when the page's lines span less than
// half its width: a page of tables with a signature under them.
type textBlock struct {
	left, right, size float64
	narrow            bool
}

func measure(lines []Line, width float64) textBlock {
	if len(lines) == 0 {
		return textBlock{narrow: true}
	}
	m := textBlock{left: lines[0].Box.X0, right: lines[0].Box.X1}
	var sizes []float64
	for i := range lines {
		m.left, m.right = min(m.left, lines[i].Box.X0), max(m.right, lines[i].Box.X1)
		sizes = append(sizes, lines[i].Size())
	}
	slices.Sort(sizes)
	m.size = sizes[len(sizes)/2]
	m.narrow = m.right-m.left < width/2
	return m
}

// continues reports whether line b goes on with the paragraph that line a
// ends: a fills the measure, b follows closely in the same size, and b
// starts at the left margin (a wrapped line, not an indented first line),
// or both are centred in a title's larger size.
func (m textBlock) continues(a, b *Line) bool {
	size := a.Size()
	gap := b.Box.Y0 - a.Box.Y1
	if m.narrow || size <= 0 || a.Box.X1 < m.right-2*size || abs(b.Size()-size) > 0.15*size || gap < -0.2*size || gap > 2.5*size {
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
	text   string
	box    Rect
	glyphs []Glyph
}

func chunks(l *Line) []chunk {
	var out []chunk
	start := 0
	for i := 1; i <= len(l.Glyphs); i++ {
		if i < len(l.Glyphs) && !breaksColumn(l.Glyphs[i-1], l.Glyphs[i]) {
			continue
		}
		part := Line{Glyphs: l.Glyphs[start:i], Box: l.Glyphs[start].Box}
		for _, g := range part.Glyphs[1:] {
			part.Box = part.Box.Union(g.Box)
		}
		out = append(out, chunk{text: part.Text(), box: part.Box, glyphs: part.Glyphs})
		start = i
	}
	return out
}

// breaksColumn reports whether the gap between two glyphs of a line can
// separate table columns: a wide one, or half an em where a number meets a
// label that fills its cell (已3).
func breaksColumn(p, g Glyph) bool {
	gap := g.Box.X0 - p.Box.X1
	size := max(p.Size, g.Size)
	if gap > columnGap*size {
		return true
	}
	a, b := lastRune(p.Text), firstRune(g.Text)
	if isDigit(a) && isDigit(b) {
		// The digits of one number are set tight; two numbers this
		// far apart are the values of neighbouring cells (long numbers
		// in narrow columns).
		return gap > digitGap*size
	}
	if closing(a) && isDigit(b) {
		// A CJK closing quote is drawn at the left of a full-width box:
		// the box comes close to the number though the page shows a gap.
		return gap > 0.1*size
	}
	return gap > size/2 && isDigit(a) != isDigit(b) && (isWide(a) || isWide(b))
}

// closing reports whether r closes a quotation: a label
// ending with one (3.危及“三安全一稳定”) may meet its row's first value.
func closing(r rune) bool { return strings.ContainsRune("”’」』", r) }

// digitGap is the gap, in ems, between two digits that separates two
// numbers: the digits of one number are set with no gap at all.
const digitGap = 0.25

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

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
