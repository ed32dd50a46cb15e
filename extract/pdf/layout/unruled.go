package layout

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// valueLike matches what a value cell prints: a number (with thousands
// separators, decimals, full-width digits, a unit) or a not-applicable
// marker.
var valueLike = regexp.MustCompile(`^(?:[-−+]?[0-9０-９](?:[0-9０-９,，.．]*[0-9０-９])?(?:元|万元)?|[/／—－\-]+|无)$`)

// placed is a chunk with the line it came from.
type placed struct {
	chunk
	line int
	size float64
}

// unruled is a table found by alignment: value columns and the rows whose
// values stand in them, with their labels.
type unruled struct {
	box   Rect
	rows  []document.Row
	taken map[*placed]bool
}

// findUnruled finds tables drawn without lines: numbers standing in
// columns, one row per band of numbers, with the labels to their left and
// the header lines (text over the value columns) above them. A label
// wrapped over lines above and below its values joins its row, values of
// one row set at different heights join, and a number wrapped inside its
// cell is joined again.
func findUnruled(page int, all []*placed) []unruled {
	var values []*placed
	for _, p := range all {
		if isValue(p) {
			values = append(values, p)
		}
	}
	if len(values) == 0 {
		return nil
	}
	cols := valueColumns(values)
	headers := headerLines(all, values)
	slices.SortFunc(values, func(a, b *placed) int { return cmpFloat(a.box.CY(), b.box.CY()) })
	// Values on (nearly) one line are a band.
	var bands [][]*placed
	for _, v := range values {
		if n := len(bands); n > 0 && v.box.CY()-bands[n-1][0].box.CY() <= 0.8*v.size {
			bands[n-1] = append(bands[n-1], v)
			continue
		}
		bands = append(bands, []*placed{v})
	}
	// Cells aligned differently (top, centre) put one row's values at two
	// heights: close bands with no column in common are one row. Beside a
	// label wrapped over many lines the two heights lie further apart: so
	// far, they are one row only when no label starts between them (a
	// label's first line starts with its number: 1. （一） 一、).
	for i := 1; i < len(bands); i++ {
		a, b := bands[i-1], bands[i]
		dy := rowBox(b).CY() - rowBox(a).CY()
		if !disjoint(columnsOf(a, cols), columnsOf(b, cols)) {
			continue
		}
		if dy <= 2.2*b[0].size || dy <= 6*b[0].size && fills(bands, i, cols) && !labelStartsBetween(all, rowBox(a).CY(), rowBox(b).CY(), min(rowBox(a).X0, rowBox(b).X0)) {
			bands[i-1] = append(a, b...)
			bands = slices.Delete(bands, i, i+1)
			i--
		}
	}
	var out []unruled
	for start := 0; start < len(bands); {
		end := start + 1
		for end < len(bands) && !headerBetween(headers, rowBox(bands[end-1]).CY(), rowBox(bands[end]).CY()) {
			a, b := rowBox(bands[end-1]), rowBox(bands[end])
			// Rows follow closely, or further apart beside labels
			// wrapped over many lines, line under line.
			if b.CY()-a.CY() > 5*bands[end][0].size && !labelsFill(all, a.CY(), b.CY(), min(a.X0, b.X0)) {
				break
			}
			end++
		}
		if t, ok := buildUnruled(page, bands[start:end], all, headers); ok {
			out = append(out, t)
		}
		start = end
	}
	return out
}

func isValue(p *placed) bool { return valueLike.MatchString(strings.TrimSpace(p.text)) }

// fills reports whether bands i-1 and i together have a value in as many
// columns as the band before them (or, for the first, after them): the
// two parts of one row, not two sparse rows.
func fills(bands [][]*placed, i int, cols []Rect) bool {
	n := len(columnsOf(bands[i-1], cols)) + len(columnsOf(bands[i], cols))
	switch {
	case i >= 2:
		return n >= len(columnsOf(bands[i-2], cols))
	case i+1 < len(bands):
		return n >= len(columnsOf(bands[i+1], cols))
	}
	return false
}

// labelsFill reports whether label lines (text left of x) fill the
// height from y0 to y1 line under line, no gap wider than two lines: the
// two rows between are parts of one table beside wrapped labels.
func labelsFill(all []*placed, y0, y1, x float64) bool {
	ys := []float64{y0, y1}
	size := 0.0
	for _, p := range all {
		if cy := p.box.CY(); cy > y0 && cy < y1 && p.box.X1 <= x && !isValue(p) {
			ys = append(ys, cy)
			size = max(size, p.size)
		}
	}
	if size == 0 {
		return false
	}
	slices.Sort(ys)
	for i := 1; i < len(ys); i++ {
		if ys[i]-ys[i-1] > 2.2*size {
			return false
		}
	}
	return true
}

// enumerated matches the start of a numbered label: 1. （一） 一、.
var enumerated = regexp.MustCompile(`^\s*(?:[0-9０-９]+[.．、]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)`)

// labelStartsBetween reports whether a numbered label starts on a line
// between heights y0 and y1, left of x (in the label columns).
// Only the innermost label column counts (the rightmost one with text
// there): an outer group label (（六）其他处理) is centred on its rows and
// may well start between two of them.
func labelStartsBetween(all []*placed, y0, y1, x float64) bool {
	inner := math.Inf(-1)
	var in []*placed
	for _, p := range all {
		if cy := p.box.CY(); cy > y0-0.6*p.size && cy < y1+0.6*p.size && p.box.X1 <= x && !isValue(p) {
			in = append(in, p)
			inner = max(inner, p.box.X0)
		}
	}
	for _, p := range in {
		// A label starting level with the lower values is theirs: they
		// are a row of their own, aligned to its top.
		if cy := p.box.CY(); cy > y0+0.5*p.size && cy < y1+0.6*p.size && p.box.X0 >= inner-p.size && enumerated.MatchString(p.text) {
			return true
		}
	}
	return false
}

// headerLines returns, by line, the lines that print two or more pieces of
// text (not values), one of them right of where the values start: column
// headings.
func headerLines(all []*placed, values []*placed) map[int][]*placed {
	byLine := map[int][]*placed{}
	for _, p := range all {
		byLine[p.line] = append(byLine[p.line], p)
	}
	out := map[int][]*placed{}
	for line, ps := range byLine {
		if len(ps) < 2 {
			continue
		}
		// Where the values start near the line: another table on the
		// page (table 4's values start at the margin) says nothing of
		// this one's.
		left, near := math.Inf(1), 12*ps[0].size
		for _, v := range values {
			if abs(v.box.CY()-ps[0].box.CY()) <= near {
				left = min(left, v.box.X0)
			}
		}
		over := false
		for _, p := range ps {
			if isValue(p) {
				over = false
				break
			}
			over = over || p.box.X1 > left
		}
		if over {
			out[line] = ps
		}
	}
	return out
}

func headerBetween(headers map[int][]*placed, y0, y1 float64) bool {
	for _, ps := range headers {
		if cy := ps[0].box.CY(); cy > y0 && cy < y1 {
			return true
		}
	}
	return false
}

// columnsOf returns the indexes of the columns a band has values in.
func columnsOf(band []*placed, cols []Rect) map[int]bool {
	out := map[int]bool{}
	for _, v := range band {
		for i, c := range cols {
			if v.box.CX() >= c.X0 && v.box.CX() <= c.X1 {
				out[i] = true
			}
		}
	}
	return out
}

func disjoint(a, b map[int]bool) bool {
	for k := range a {
		if b[k] {
			return false
		}
	}
	return true
}

func buildUnruled(page int, bands [][]*placed, all []*placed, headers map[int][]*placed) (unruled, bool) {
	var values []*placed
	for _, b := range bands {
		values = append(values, b...)
	}
	cols := valueColumns(values)
	top, bottom := rowBox(bands[0]).Y0, rowBox(bands[len(bands)-1]).Y1
	size := bands[0][0].size
	// The header lines right above the first row, nearest first.
	var head [][]*placed
	for edge := top; ; {
		var next []*placed
		for _, ps := range headers {
			if b := rowBox(ps); b.Y1 <= edge+0.2*size && edge-b.Y1 <= 2.5*size && (next == nil || b.Y1 > rowBox(next).Y1) {
				next = ps
			}
		}
		if next == nil {
			break
		}
		head = append(head, next)
		edge = rowBox(next).Y0
	}
	// One row makes a table only under its header, or as the last row of
	// a table continued from the page before (three values or more).
	if len(bands) < 2 && len(head) == 0 && len(bands[0]) < 3 {
		return unruled{}, false
	}
	t := unruled{taken: map[*placed]bool{}}
	pitch := 2 * size
	if len(bands) > 1 {
		pitch = (bandCentre(bands[len(bands)-1]) - bandCentre(bands[0])) / float64(len(bands)-1)
	}
	inHeader := map[*placed]bool{}
	t.box = Rect{cols[0].X0, top, cols[len(cols)-1].X1, bottom}
	for i := len(head) - 1; i >= 0; i-- {
		var row document.Row
		for _, p := range head[i] {
			row.Cells = append(row.Cells, p.chunk.cell(page))
			t.taken[p], inHeader[p] = true, true
			t.box = t.box.Union(p.box)
		}
		t.rows = append(t.rows, row)
	}
	// Labels: text left of the values, by label column, each line to a
	// row so that every row's label is centred on its values.
	left := cols[0].X0
	var pieces []*placed
	for _, p := range all {
		if inHeader[p] || p.box.X1 > left || p.box.CY() < top-pitch/2 || p.box.CY() > bottom+pitch/2 || isValue(p) {
			continue
		}
		pieces = append(pieces, p)
		t.taken[p] = true
	}
	// A label wrapped past the window goes on in its column, line under
	// line: take those lines too.
	for grown := true; grown; {
		grown = false
		for _, p := range all {
			if t.taken[p] || inHeader[p] || p.box.X1 > left || isValue(p) {
				continue
			}
			for _, q := range pieces {
				below, above := p.box.Y0-q.box.Y1, q.box.Y0-p.box.Y1
				if abs(p.box.X0-q.box.X0) <= p.size && ((below >= -0.2*p.size && below <= 0.8*p.size) || (above >= -0.2*p.size && above <= 0.8*p.size)) {
					pieces = append(pieces, p)
					t.taken[p], grown = true, true
					break
				}
			}
		}
	}
	pieces = splitAtColumns(pieces)
	centres, tops := make([]float64, len(bands)), make([]float64, len(bands))
	for i, b := range bands {
		centres[i], tops[i] = bandCentre(b), rowBox(b).Y0
	}
	labels := make([][]*placed, len(bands))
	for _, column := range labelColumns(pieces) {
		for i, row := range assignLines(column, centres, tops) {
			labels[row] = append(labels[row], column[i])
		}
	}
	for i, b := range bands {
		var row document.Row
		for _, cell := range labelCells(labels[i]) {
			row.Cells = append(row.Cells, cell.cell(page))
			t.box = t.box.Union(cell.box)
		}
		rb := rowBox(b)
		for _, col := range cols {
			var in []*placed
			for _, v := range b {
				if v.box.CX() >= col.X0 && v.box.CX() <= col.X1 {
					in = append(in, v)
					t.taken[v] = true
				}
			}
			if len(in) == 0 {
				row.Cells = append(row.Cells, document.Cell{Span: 1,
					Loc: schema.Location{Page: page, Box: Rect{col.X0, rb.Y0, col.X1, rb.Y1}.Box()}})
				continue
			}
			row.Cells = append(row.Cells, joined(in).cell(page))
		}
		t.rows = append(t.rows, row)
	}
	return t, true
}

// valueColumns merges the horizontal extents of values into columns. The
// values of one column overlap (left, right or centre aligned, they share
// an edge or the middle): first those that touch are one column; then
// neighbouring columns closer than half a character merge only when they
// never print on one line, as the values of two columns do (long numbers
// in narrow cells come that close to the next column's).
func valueColumns(values []*placed) []Rect {
	sorted := slices.Clone(values)
	slices.SortFunc(sorted, func(a, b *placed) int { return cmpFloat(a.box.X0, b.box.X0) })
	type column struct {
		Rect
		lines map[int]bool
	}
	var cols []column
	for _, v := range sorted {
		if n := len(cols); n > 0 && v.box.X0 <= cols[n-1].X1+0.05*v.size {
			cols[n-1].X1 = max(cols[n-1].X1, v.box.X1)
			cols[n-1].lines[v.line] = true
			continue
		}
		cols = append(cols, column{Rect{X0: v.box.X0, X1: v.box.X1}, map[int]bool{v.line: true}})
	}
	var out []column
	for _, c := range cols {
		if n := len(out); n > 0 && c.X0 <= out[n-1].X1+0.5*sizeOf(values) && disjoint(out[n-1].lines, c.lines) {
			out[n-1].X1 = max(out[n-1].X1, c.X1)
			for l := range c.lines {
				out[n-1].lines[l] = true
			}
			continue
		}
		out = append(out, c)
	}
	rects := make([]Rect, len(out))
	for i, c := range out {
		rects[i] = c.Rect
	}
	return rects
}

// sizeOf is the font size most values are printed in (the median).
func sizeOf(values []*placed) float64 {
	s := make([]float64, len(values))
	for i, v := range values {
		s[i] = v.size
	}
	slices.Sort(s)
	return s[len(s)/2]
}

// bandCentre is the middle of most of a band's values: the median, since
// a cell aligned to its top sets its value apart.
func bandCentre(b []*placed) float64 {
	cs := make([]float64, len(b))
	for i, p := range b {
		cs[i] = p.box.CY()
	}
	slices.Sort(cs)
	return cs[len(cs)/2]
}

func rowBox(b []*placed) Rect {
	r := b[0].box
	for _, p := range b[1:] {
		r = r.Union(p.box)
	}
	return r
}

// splitAtColumns splits label pieces where they run over into the next
// label column: where a glyph, after a gap, starts at the x where other
// pieces start (三、本 | （一）予以公开, when the outer label's column is
// narrow and its characters come close to the next one's).
func splitAtColumns(ps []*placed) []*placed {
	starts := map[int]int{} // x to the point → pieces starting there
	for _, p := range ps {
		starts[int(p.box.X0+0.5)]++
	}
	isStart := func(x float64) bool {
		k := int(x + 0.5)
		return starts[k-1]+starts[k]+starts[k+1] >= 2
	}
	var out []*placed
	for _, p := range ps {
		from := 0
		for i := 1; i < len(p.glyphs); i++ {
			prev, g := p.glyphs[i-1], p.glyphs[i]
			if g.Box.X0-prev.Box.X1 >= 0.2*g.Size && isStart(g.Box.X0) {
				out = append(out, p.part(p.glyphs[from:i]))
				from = i
			}
		}
		if from == 0 {
			out = append(out, p)
			continue
		}
		out = append(out, p.part(p.glyphs[from:]))
	}
	return out
}

// part makes a piece of some of p's glyphs.
func (p *placed) part(gs []Glyph) *placed {
	l := Line{Glyphs: gs, Box: gs[0].Box}
	for _, g := range gs[1:] {
		l.Box = l.Box.Union(g.Box)
	}
	return &placed{chunk: chunk{text: l.Text(), box: l.Box, glyphs: gs}, line: p.line, size: p.size}
}

// labelColumns groups label pieces by the x they start at, each column's
// pieces top to bottom.
func labelColumns(ps []*placed) [][]*placed {
	sorted := slices.Clone(ps)
	slices.SortFunc(sorted, func(a, b *placed) int { return cmpFloat(a.box.X0, b.box.X0) })
	var cols [][]*placed
	for _, p := range sorted {
		if n := len(cols); n > 0 && abs(p.box.X0-cols[n-1][0].box.X0) <= p.size {
			cols[n-1] = append(cols[n-1], p)
			continue
		}
		cols = append(cols, []*placed{p})
	}
	for _, c := range cols {
		slices.SortStableFunc(c, func(a, b *placed) int { return cmpFloat(a.box.Y0, b.box.Y0) })
	}
	return cols
}

// assignLines gives each line of a label column (top to bottom) a row
// (centres and tops: the rows' vertical centres and tops, top to bottom).
// Rows take runs of consecutive lines in order, chosen so that every run
// starts level with its row's values (cells aligned to the top) or every
// run is centred on them (cells aligned to the middle), whichever fits
// better: a label wrapped over three lines has lines below or above its
// values, which the nearest row alone would give to the neighbours.
//
// Where the column's rows are aligned differently (the template sets
// some rows' values at the top, others in the middle), each row takes the
// fit that suits it, when that fits the whole column clearly better.
func assignLines(lines []*placed, centres, tops []float64) []int {
	top, topCost := assignRuns(lines, centres, func(y0, y1 float64, row int) float64 { return abs(y0 - tops[row]) })
	mid, midCost := assignRuns(lines, centres, func(y0, y1 float64, row int) float64 { return abs((y0+y1)/2 - centres[row]) })
	mixed, mixedCost := assignRuns(lines, centres, func(y0, y1 float64, row int) float64 {
		return min(abs(y0-tops[row]), abs((y0+y1)/2-centres[row]))
	})
	best, cost := top, topCost
	if midCost < topCost {
		best, cost = mid, midCost
	}
	if size := lines[0].size; mixedCost < cost-size/2 {
		return mixed
	}
	return best
}

// assignRuns cuts lines into runs, one per row in order (rows may get
// none), at the least total misfit; a run reaching over another row's
// values is not allowed, and a numbered line (1. （一）) starts a run: it
// is the first line of a label, never the middle of one.
func assignRuns(lines []*placed, centres []float64, misfit func(y0, y1 float64, row int) float64) ([]int, float64) {
	n, m := len(lines), len(centres)
	inf := math.Inf(1)
	// numbered[i]: lines 1..i that start with a number, counted, so that
	// a run s..e holds one after its first line when numbered[e] >
	// numbered[s].
	numbered := make([]int, n)
	for i, l := range lines {
		if i > 0 {
			numbered[i] = numbered[i-1]
		}
		if enumerated.MatchString(l.text) {
			numbered[i]++
		}
	}
	penalty := 1000 * lines[0].size
	// crosses reports whether lines s..e reach over the values of a row
	// other than row: some centre but row's lies between their top and
	// bottom (found by binary search in the sorted centres).
	sorted := make([]int, m)
	for i := range sorted {
		sorted[i] = i
	}
	slices.SortFunc(sorted, func(a, b int) int { return cmpFloat(centres[a], centres[b]) })
	crosses := func(s, e, row int) bool {
		y0, y1 := lines[s].box.Y0, lines[e].box.Y1
		i, _ := slices.BinarySearchFunc(sorted, y0, func(q int, y float64) int { return cmpFloat(centres[q], y) })
		for ; i < m && centres[sorted[i]] < y1; i++ {
			if sorted[i] != row && centres[sorted[i]] > y0 {
				return true
			}
		}
		return false
	}
	// best[e][r]: the least cost of lines 0..e with the run of row r
	// ending at e; from[e][r] the start of that run and the row before.
	// upTo[e][r] is the least best[e][q] over q < r, at row upToRow[e][r],
	// so each run start costs one look-up.
	type step struct{ start, prevRow int }
	best := make([][]float64, n)
	from := make([][]step, n)
	upTo := make([][]float64, n)
	upToRow := make([][]int, n)
	for e := range n {
		best[e], from[e] = make([]float64, m), make([]step, m)
		for r := range m {
			best[e][r] = inf
			// Runs grow upwards from e until they reach over another row,
			// after which every longer run does too.
			for s := e; s >= 0 && !crosses(s, e, r); s-- {
				c := misfit(lines[s].box.Y0, lines[e].box.Y1, r)
				if numbered[e] > numbered[s] {
					c += penalty
				}
				switch {
				case s == 0:
					if c < best[e][r] {
						best[e][r], from[e][r] = c, step{0, -1}
					}
				case upTo[s-1][r] < inf:
					if total := upTo[s-1][r] + c; total < best[e][r] {
						best[e][r], from[e][r] = total, step{s, upToRow[s-1][r]}
					}
				}
			}
		}
		upTo[e], upToRow[e] = make([]float64, m), make([]int, m)
		least, at := inf, -1
		for r := range m {
			upTo[e][r], upToRow[e][r] = least, at
			if best[e][r] < least {
				least, at = best[e][r], r
			}
		}
	}
	out := make([]int, n)
	row := 0
	for r := range m {
		if best[n-1][r] < best[n-1][row] {
			row = r
		}
	}
	total := best[n-1][row]
	if total == inf {
		// No run fits (a line over several rows' values): nearest rows.
		for i, l := range lines {
			out[i] = nearest(centres, l.box.CY())
		}
		return out, total
	}
	for e := n - 1; e >= 0 && row >= 0; {
		st := from[e][row]
		for i := st.start; i <= e; i++ {
			out[i] = row
		}
		e, row = st.start-1, st.prevRow
	}
	return out, total
}

func nearest(centres []float64, y float64) int {
	best := 0
	for i, c := range centres {
		if abs(c-y) < abs(centres[best]-y) {
			best = i
		}
	}
	return best
}

// labelCells groups the label pieces of one row into cells: pieces that
// start at the same x are the lines of one wrapped label.
func labelCells(ps []*placed) []chunk {
	slices.SortFunc(ps, func(a, b *placed) int { return cmpFloat(a.box.X0, b.box.X0) })
	var groups [][]*placed
	for _, p := range ps {
		if n := len(groups); n > 0 && abs(p.box.X0-groups[n-1][0].box.X0) <= p.size {
			groups[n-1] = append(groups[n-1], p)
			continue
		}
		groups = append(groups, []*placed{p})
	}
	out := make([]chunk, len(groups))
	for i, g := range groups {
		out[i] = joined(g)
	}
	return out
}

// joined reads pieces of one cell top to bottom, as the lines of a cell.
func joined(ps []*placed) chunk {
	slices.SortStableFunc(ps, func(a, b *placed) int { return cmpFloat(a.box.Y0, b.box.Y0) })
	c := chunk{box: ps[0].box}
	var texts []string
	for _, p := range ps {
		texts = append(texts, p.text)
		c.box = c.box.Union(p.box)
	}
	c.text = joinPieces(texts)
	return c
}

func joinPieces(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		if i > 0 {
			b.WriteString(joinText(b.String(), t))
			continue
		}
		b.WriteString(t)
	}
	return b.String()
}

func (c chunk) cell(page int) document.Cell {
	return document.Cell{Text: c.text, Span: 1, Loc: schema.Location{Page: page, Box: c.box.Box()}}
}
