package ocr

import (
	"image"
	"sort"
)

// segment is a ruling line found on the page: a run of ink at least
// minRun long, a few pixels thick. For a horizontal line a..b is its x
// extent and lo..hi its rows; for a vertical one the other way round.
type segment struct {
	a, b   int // extent along the line, inclusive
	lo, hi int // thickness across it, inclusive
}

func (s segment) mid() int { return (s.lo + s.hi) / 2 }

// rulings finds the horizontal (vertical=false) or vertical ruling lines of
// b: runs of ink at least minRun long, gaps of up to two pixels bridged
// (noise and JPEG break thin lines), runs in neighbouring rows merged into
// one line. Text strokes are shorter than minRun.
func rulings(b *bitmap, vertical bool, minRun int) []segment {
	n, m := b.h, b.w // lines along rows: n rows of m pixels
	at := func(i, j int) bool { return b.ink[i*b.w+j] }
	if vertical {
		n, m = b.w, b.h
		at = func(i, j int) bool { return b.ink[j*b.w+i] }
	}
	const gap = 2
	var open, out []segment
	for i := 0; i < n; i++ {
		var runs []segment
		start, last := -1, -1
		for j := 0; j <= m; j++ {
			if j < m && at(i, j) {
				if start < 0 {
					start = j
				}
				last = j
				continue
			}
			if start >= 0 && (j == m || j-last > gap) {
				if last-start+1 >= minRun {
					runs = append(runs, segment{a: start, b: last, lo: i, hi: i})
				}
				start = -1
			}
		}
		// Continue the open lines that a run of this row overlaps.
		var next []segment
		used := make([]bool, len(runs))
		for _, o := range open {
			grown := false
			for k, r := range runs {
				if !used[k] && r.a <= o.b && r.b >= o.a {
					o.a, o.b, o.hi = min(o.a, r.a), max(o.b, r.b), i
					used[k], grown = true, true
				}
			}
			if grown {
				next = append(next, o)
			} else {
				out = append(out, o)
			}
		}
		for k, r := range runs {
			if !used[k] {
				next = append(next, r)
			}
		}
		open = next
	}
	out = append(out, open...)
	// A ruling is thin: a block of ink as thick as it is long is a filled
	// area (a stamp, a photo), not a line.
	keep := out[:0]
	for _, s := range out {
		if s.hi-s.lo+1 <= max(8, (s.b-s.a+1)/8) {
			keep = append(keep, s)
		}
	}
	return keep
}

// grid is one ruled table found on the page.
type grid struct {
	ys, xs []int // ruling positions, top to bottom and left to right
	cells  []gridCell
	box    image.Rectangle // the table's outer box in pixels
	hs, vs []segment       // the rulings that make it
}

// gridCell is one printed cell: merged cells cover several grid rows or
// columns.
type gridCell struct {
	r0, c0, r1, c1 int // grid rows r0..r1-1, columns c0..c1-1
}

// tables groups the rulings into ruled tables: horizontal and vertical
// lines that touch belong to one table. A group with fewer than two lines
// each way is no table.
func tables(hs, vs []segment, tol int) []*grid {
	parent := make([]int, len(hs)+len(vs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, h := range hs {
		for j, v := range vs {
			if v.mid() >= h.a-tol && v.mid() <= h.b+tol && h.mid() >= v.a-tol && h.mid() <= v.b+tol {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int]*grid{}
	var order []int
	for i := range parent {
		r := find(i)
		g, ok := groups[r]
		if !ok {
			g = &grid{}
			groups[r] = g
			order = append(order, r)
		}
		if i < len(hs) {
			g.hs = append(g.hs, hs[i])
		} else {
			g.vs = append(g.vs, vs[i-len(hs)])
		}
	}
	var out []*grid
	for _, r := range order {
		g := groups[r]
		g.ys = positions(g.hs, tol)
		g.xs = positions(g.vs, tol)
		if len(g.ys) < 2 || len(g.xs) < 2 {
			continue
		}
		g.box = image.Rect(g.xs[0], g.ys[0], g.xs[len(g.xs)-1], g.ys[len(g.ys)-1])
		g.cells = mergeCells(g, tol)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].box.Min.Y < out[j].box.Min.Y })
	return out
}

// positions clusters the lines' positions: lines within tol of each other
// are one grid line (a ruling drawn in pieces, one per cell).
func positions(segs []segment, tol int) []int {
	var ps []int
	for _, s := range segs {
		ps = append(ps, s.mid())
	}
	sort.Ints(ps)
	var out []int
	for i := 0; i < len(ps); {
		j, sum := i, 0
		for j < len(ps) && ps[j]-ps[i] <= tol {
			sum += ps[j]
			j++
		}
		out = append(out, sum/(j-i))
		i = j
	}
	return out
}

// covered reports whether the lines at position pos cover most of a..b:
// the boundary between two grid cells is printed, so they are two cells.
func covered(segs []segment, pos, a, b, tol int) bool {
	if b <= a {
		return true
	}
	// Ignore the ends, where the crossing lines are.
	a, b = a+tol, b-tol
	if b <= a {
		return true
	}
	cov := make([]bool, b-a)
	for _, s := range segs {
		if s.mid() < pos-tol || s.mid() > pos+tol {
			continue
		}
		for k := max(s.a, a); k < min(s.b+1, b); k++ {
			cov[k-a] = true
		}
	}
	n := 0
	for _, c := range cov {
		if c {
			n++
		}
	}
	return float64(n) >= 0.6*float64(len(cov))
}

// mergeCells joins grid cells whose common boundary is not printed and
// returns the printed cells, in row then column order.
func mergeCells(g *grid, tol int) []gridCell {
	R, C := len(g.ys)-1, len(g.xs)-1
	parent := make([]int, R*C)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else {
			parent[ra] = rb
		}
	}
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			if c+1 < C && !covered(g.vs, g.xs[c+1], g.ys[r], g.ys[r+1], tol) {
				union(r*C+c, r*C+c+1)
			}
			if r+1 < R && !covered(g.hs, g.ys[r+1], g.xs[c], g.xs[c+1], tol) {
				union(r*C+c, (r+1)*C+c)
			}
		}
	}
	boxes := map[int]*gridCell{}
	var order []int
	for r := 0; r < R; r++ {
		for c := 0; c < C; c++ {
			k := find(r*C + c)
			b, ok := boxes[k]
			if !ok {
				boxes[k] = &gridCell{r, c, r + 1, c + 1}
				order = append(order, k)
				continue
			}
			b.r0, b.c0 = min(b.r0, r), min(b.c0, c)
			b.r1, b.c1 = max(b.r1, r+1), max(b.c1, c+1)
		}
	}
	out := make([]gridCell, 0, len(order))
	for _, k := range order {
		out = append(out, *boxes[k])
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].r0 != out[j].r0 {
			return out[i].r0 < out[j].r0
		}
		return out[i].c0 < out[j].c0
	})
	return out
}
