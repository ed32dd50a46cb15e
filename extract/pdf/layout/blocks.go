package layout

import (
	"regexp"
	"slices"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Blocks lays out the pages of a document: ruled tables as grids, the
// other text as one paragraph per line (page numbers dropped), runs of lines
// whose words stand in columns as unruled tables, all in reading order (page
// by page, top to bottom).
//
// A table that goes on over a page break comes as one table per page, but
// in one column grid: the column lines of both parts cut both, so that a
// value keeps its Col on either page.
func Blocks(pages []Page) []document.Block {
	laid := make([]laidPage, len(pages))
	turns := make([]turn, len(pages))
	uprightPages := make([]Page, len(pages))
	for i, p := range pages {
		turns[i] = pageTurn(p)
		uprightPages[i] = turns[i].page(p)
		laid[i] = layPage(uprightPages[i])
	}
	dropFurniture(laid, uprightPages)
	for i := 1; i < len(laid); i++ {
		a, b := laid[i-1].last(), laid[i].first()
		if a == nil || b == nil || abs(a.box.X0-b.box.X0) > ruleGap || abs(a.box.X1-b.box.X1) > ruleGap || slices.Equal(a.xs, b.xs) {
			continue
		}
		xs := append(slices.Clone(a.xs), b.xs...)
		if g := buildGrid(a.h, a.v, xs); g != nil {
			*a = *g
		}
		if g := buildGrid(b.h, b.v, xs); g != nil {
			*b = *g
		}
	}
	var out []document.Block
	runsOn := false // the last block of out may go on on the next page
	for i, p := range pages {
		blocks, startsOpen, endsOpen := laid[i].blocks(p.Number)
		turns[i].unturn(blocks, p.Width, p.Height)
		// A paragraph broken by the page: join its parts (the block keeps
		// the location of its first part).
		if n := len(out); runsOn && startsOpen && len(blocks) > 0 {
			out[n-1].Text += joinText(out[n-1].Text, blocks[0].Text)
			blocks = blocks[1:]
			endsOpen = endsOpen && len(blocks) > 0
		}
		out = append(out, blocks...)
		runsOn = endsOpen
	}
	return out
}

// laidPage is a page cut into ruled tables and the lines outside them.
type laidPage struct {
	width  float64
	grids  []*gridTable
	glyphs [][]Glyph // per grid, the glyphs inside it
	lines  []Line    // outside the tables, page numbers dropped
}

func layPage(p Page) laidPage {
	l := laidPage{width: p.Width, grids: findGrids(mergeRules(p.Rules))}
	l.glyphs = make([][]Glyph, len(l.grids))
	var free []Glyph
	for _, g := range p.Glyphs {
		placed := false
		for i, t := range l.grids {
			if _, _, ok := t.cellAt(g.Box.CX(), g.Box.CY()); ok {
				l.glyphs[i] = append(l.glyphs[i], g)
				placed = true
				break
			}
		}
		if !placed {
			free = append(free, g)
		}
	}
	// A grid whose cells hold several columns of values lacks the lines
	// between them (a frame with row lines only): read it by alignment.
	for i := 0; i < len(l.grids); i++ {
		if l.grids[i].underRuled(l.glyphs[i]) {
			free = append(free, l.glyphs[i]...)
			l.grids = slices.Delete(l.grids, i, i+1)
			l.glyphs = slices.Delete(l.glyphs, i, i+1)
			i--
		}
	}
	l.lines = slices.DeleteFunc(groupLines(free), func(line Line) bool { return isPageNumber(line, p.Height) })
	return l
}

// underRuled reports whether some line in a cell of the grid breaks into
// pieces at column-wide gaps with a value among them: the grid's lines do
// not separate its columns.
func (g *gridTable) underRuled(glyphs []Glyph) bool {
	cols := len(g.xs) - 1
	byRegion := map[int][]Glyph{}
	for _, gl := range glyphs {
		r, c, _ := g.cellAt(gl.Box.CX(), gl.Box.CY())
		byRegion[g.region[r*cols+c]] = append(byRegion[g.region[r*cols+c]], gl)
	}
	for _, gs := range byRegion {
		for _, line := range groupLines(gs) {
			cs := chunks(&line)
			if len(cs) < 2 {
				continue
			}
			for _, c := range cs {
				if valueLike.MatchString(strings.TrimSpace(c.text)) {
					return true
				}
			}
		}
	}
	return false
}

// dropFurniture removes running headers and footers: lines in the top or
// bottom margin that print the same text (digits aside) on at least half
// the pages, and on two or more. They would break into the text they
// interrupt, and a paragraph running on over the page break.
func dropFurniture(laid []laidPage, pages []Page) {
	if len(pages) < 2 {
		return
	}
	key := func(l *Line) string {
		return strings.Map(func(r rune) rune {
			if isDigit(r) {
				return '#'
			}
			return r
		}, l.Text())
	}
	inMargin := func(l *Line, height float64) bool {
		return height > 0 && (l.Box.Y1 < 0.12*height || l.Box.Y0 > 0.88*height)
	}
	seen := map[string]int{}
	for i := range laid {
		onPage := map[string]bool{}
		for j := range laid[i].lines {
			if l := &laid[i].lines[j]; inMargin(l, pages[i].Height) {
				onPage[key(l)] = true
			}
		}
		for k := range onPage {
			seen[k]++
		}
	}
	for i := range laid {
		laid[i].lines = slices.DeleteFunc(laid[i].lines, func(l Line) bool {
			n := seen[key(&l)]
			return inMargin(&l, pages[i].Height) && n >= 2 && 2*n >= len(pages)
		})
	}
}

// last returns the table that ends the page, with no text below it, or nil.
func (l *laidPage) last() *gridTable {
	if len(l.grids) == 0 {
		return nil
	}
	g := bottommost(l.grids)
	for _, line := range l.lines {
		if line.Box.Y0 > g.box.Y1 {
			return nil
		}
	}
	return g
}

// first returns the table that starts the page, with no text above it, or
// nil.
func (l *laidPage) first() *gridTable {
	if len(l.grids) == 0 {
		return nil
	}
	g := topmost(l.grids)
	for _, line := range l.lines {
		if line.Box.Y1 < g.box.Y0 {
			return nil
		}
	}
	return g
}

func bottommost(gs []*gridTable) *gridTable {
	best := gs[0]
	for _, g := range gs[1:] {
		if g.box.Y1 > best.box.Y1 {
			best = g
		}
	}
	return best
}

func topmost(gs []*gridTable) *gridTable {
	best := gs[0]
	for _, g := range gs[1:] {
		if g.box.Y0 < best.box.Y0 {
			best = g
		}
	}
	return best
}

// blocks returns the page's tables and paragraphs in reading order, and
// whether the first is a paragraph that may continue one from the page
// before, and the last one that may go on on the next page.
func (l *laidPage) blocks(page int) (out []document.Block, startsOpen, endsOpen bool) {
	type item struct {
		top        float64
		block      document.Block
		start, end bool
	}
	var items []item
	for i, t := range l.grids {
		items = append(items, item{top: t.box.Y0, block: document.Block{
			Table: t.table(page, l.glyphs[i]),
			Loc:   schema.Location{Page: page, Box: t.box.Box()},
		}})
	}
	blocks, fl := alignedBlocks(page, l.width, l.lines)
	for i, b := range blocks {
		items = append(items, item{b.Loc.Box[1], b, i == fl.first, i == fl.last})
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmpFloat(a.top, b.top) })
	out = make([]document.Block, len(items))
	for i, it := range items {
		out[i] = it.block
	}
	if n := len(items); n > 0 {
		startsOpen, endsOpen = items[0].start, items[n-1].end
	}
	return out, startsOpen, endsOpen
}

// table reads the cells of a ruled table from the glyphs inside it.
func (g *gridTable) table(page int, glyphs []Glyph) *document.Table {
	rows, cols := len(g.ys)-1, len(g.xs)-1
	byRegion := map[int][]Glyph{}
	for _, gl := range glyphs {
		r, c, _ := g.cellAt(gl.Box.CX(), gl.Box.CY())
		id := g.region[r*cols+c]
		byRegion[id] = append(byRegion[id], gl)
	}
	// The extent of each region in grid rows and columns.
	type extent struct{ r0, r1, c0, c1 int }
	ext := map[int]*extent{}
	for r := range rows {
		for c := range cols {
			id := g.region[r*cols+c]
			if e, ok := ext[id]; ok {
				e.r0, e.r1, e.c0, e.c1 = min(e.r0, r), max(e.r1, r), min(e.c0, c), max(e.c1, c)
			} else {
				ext[id] = &extent{r, r, c, c}
			}
		}
	}
	t := &document.Table{Grid: true}
	for r := range rows {
		var row document.Row
		for c := 0; c < cols; {
			id := g.region[r*cols+c]
			e := ext[id]
			span := max(1, e.c1-c+1)
			cell := document.Cell{Col: c, Span: span}
			box := Rect{g.xs[e.c0], g.ys[e.r0], g.xs[e.c1+1], g.ys[e.r1+1]}
			switch {
			case e.r0 < r:
				cell.Merged = true
			case len(byRegion[id]) > 0:
				lines := groupLines(byRegion[id])
				cell.Text = joinLines(lines)
				box = lines[0].Box
				for _, l := range lines[1:] {
					box = box.Union(l.Box)
				}
			}
			cell.Loc = schema.Location{Page: page, Box: box.Box()}
			row.Cells = append(row.Cells, cell)
			c += span
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

var pageNumber = regexp.MustCompile(`^(?:[-–—－]\s*\d{1,4}\s*[-–—－]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})$`)

// isPageNumber reports whether a line is a page number: -3-, 第3页, 3/5,
// or a bare number in the top or bottom margin.
func isPageNumber(l Line, height float64) bool {
	t := strings.TrimSpace(l.Text())
	if !pageNumber.MatchString(t) {
		return false
	}
	bare := t[0] >= '0' && t[0] <= '9' && !strings.Contains(t, "/")
	inMargin := height <= 0 || l.Box.Y0 > height*0.88 || l.Box.Y1 < height*0.1
	return !bare || inMargin
}
