package layout

import (
	"slices"
	"strings"
	"unicode"
)

// Line is glyphs sharing a baseline, left to right.
type Line struct {
	Glyphs []Glyph
	Box    Rect
}

// Size returns the largest font size in the line.
func (l *Line) Size() float64 {
	s := 0.0
	for _, g := range l.Glyphs {
		s = max(s, g.Size)
	}
	return s
}

// groupLines gathers glyphs into lines, top to bottom. A glyph joins the
// line it overlaps vertically by more than half the smaller height. Text
// that runs down or up the page makes columns instead (columnLines), put
// among the lines by their tops.
func groupLines(glyphs []Glyph) []Line {
	var across, down, up []Glyph
	for _, g := range glyphs {
		switch g.Flow {
		case Down:
			down = append(down, g)
		case Up:
			up = append(up, g)
		default:
			across = append(across, g)
		}
	}
	if len(down) == 0 && len(up) == 0 {
		return acrossLines(glyphs)
	}
	lines := append(acrossLines(across), append(columnLines(down, false), columnLines(up, true)...)...)
	slices.SortStableFunc(lines, func(a, b Line) int { return cmpFloat(a.Box.Y0, b.Box.Y0) })
	return lines
}

// columnLines gathers glyphs of text running down (or up) the page into
// its lines: columns of glyphs that overlap horizontally by more than half
// the narrower width, read top to bottom (bottom to top when up). Columns
// of text running down follow each other right to left, as Chinese
// vertical writing does, those running up left to right.
func columnLines(glyphs []Glyph, up bool) []Line {
	sorted := slices.Clone(glyphs)
	slices.SortStableFunc(sorted, func(a, b Glyph) int { return cmpFloat(a.Box.X0, b.Box.X0) })
	var cols []Line
	for _, g := range sorted {
		if n := len(cols); n > 0 {
			c := &cols[n-1]
			o := min(c.Box.X1, g.Box.X1) - max(c.Box.X0, g.Box.X0)
			if o > 0.5*min(c.Box.X1-c.Box.X0, g.Box.X1-g.Box.X0) {
				c.Glyphs = append(c.Glyphs, g)
				c.Box = c.Box.Union(g.Box)
				continue
			}
		}
		cols = append(cols, Line{Glyphs: []Glyph{g}, Box: g.Box})
	}
	for i := range cols {
		gs := cols[i].Glyphs
		slices.SortStableFunc(gs, func(a, b Glyph) int {
			if up {
				return cmpFloat(b.Box.Y0, a.Box.Y0)
			}
			return cmpFloat(a.Box.Y0, b.Box.Y0)
		})
		cols[i].Glyphs = dropOverprint(gs)
	}
	if !up {
		slices.Reverse(cols)
	}
	return cols
}

// acrossLines gathers glyphs of text running across the page into lines.
func acrossLines(glyphs []Glyph) []Line {
	if len(glyphs) == 0 {
		return nil
	}
	sorted := slices.Clone(glyphs)
	slices.SortStableFunc(sorted, func(a, b Glyph) int { return cmpFloat(a.Box.Y0, b.Box.Y0) })
	var lines []Line
	for _, g := range sorted {
		best, bestOverlap := -1, 0.0
		// Only recent lines can still take a glyph: they are sorted by top.
		for i := len(lines) - 1; i >= 0 && i >= len(lines)-4; i-- {
			if o := overlapShare(lines[i].Box, g.Box); o > 0.5 && o > bestOverlap {
				best, bestOverlap = i, o
			}
		}
		if best < 0 {
			lines = append(lines, Line{Glyphs: []Glyph{g}, Box: g.Box})
			continue
		}
		l := &lines[best]
		l.Glyphs = append(l.Glyphs, g)
		// The line's band stays that of its first glyphs, so a tall glyph
		// does not swallow the next line.
		l.Box.X0, l.Box.X1 = min(l.Box.X0, g.Box.X0), max(l.Box.X1, g.Box.X1)
	}
	for i := range lines {
		l := &lines[i]
		slices.SortStableFunc(l.Glyphs, func(a, b Glyph) int { return cmpFloat(a.Box.X0, b.Box.X0) })
		l.Glyphs = dropOverprint(l.Glyphs)
		l.Box = l.Glyphs[0].Box
		for _, g := range l.Glyphs[1:] {
			l.Box = l.Box.Union(g.Box)
		}
	}
	slices.SortStableFunc(lines, func(a, b Line) int { return cmpFloat(a.Box.Y0, b.Box.Y0) })
	return lines
}

// overlapShare is how much of the smaller of a's and b's heights they share.
func overlapShare(a, b Rect) float64 {
	o := min(a.Y1, b.Y1) - max(a.Y0, b.Y0)
	h := min(a.Y1-a.Y0, b.Y1-b.Y0)
	if h <= 0 {
		return 0
	}
	return o / h
}

// dropOverprint removes a glyph drawn again on top of itself, which some
// producers do for bold text.
func dropOverprint(gs []Glyph) []Glyph {
	out := gs[:1]
	for _, g := range gs[1:] {
		p := out[len(out)-1]
		if g.Text == p.Text && abs(g.Box.X0-p.Box.X0) < 0.2*g.Size && abs(g.Box.Y0-p.Box.Y0) < 0.2*g.Size {
			continue
		}
		out = append(out, g)
	}
	return out
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// Text returns the line's text. Gaps wider than a third of an em become
// one space, except between Chinese characters, where only a gap of a whole
// em does: Chinese is set without spaces, and justified lines spread it.
func (l *Line) Text() string {
	var b strings.Builder
	for i, g := range l.Glyphs {
		if i > 0 {
			p := l.Glyphs[i-1]
			gap := g.Box.X0 - p.Box.X1
			size := max(g.Size, p.Size)
			wide := isWide(lastRune(p.Text)) || isWide(firstRune(g.Text))
			if g.Flow == Across && !g.Vertical && (gap > size && wide || gap > size/3 && !wide) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.Text)
	}
	return b.String()
}

// isWide reports whether r is a Chinese character or full-width
// punctuation, which is set without spaces.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	var last rune
	for _, r := range s {
		last = r
	}
	return last
}

// joinLines joins the lines of one cell. The lines of a wrapped label or a
// number broken in a narrow cell (35 over 1) continue each other, so they
// join without a space; only Latin words get one.
func joinLines(lines []Line) string {
	var b strings.Builder
	prev := rune(0)
	for _, l := range lines {
		t := strings.TrimSpace(l.Text())
		if t == "" {
			continue
		}
		if prev != 0 && isLatinLetter(prev) && isLatinLetter(firstRune(t)) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		prev = lastRune(t)
	}
	return b.String()
}

func isLatinLetter(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }
