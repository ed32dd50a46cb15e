package layout

import (
	"slices"
)

// ruleGap is how far apart, in points, rule ends may be and still meet: the
// borders producers draw overshoot or fall short by about a line width.
const ruleGap = 2.5

// mergeRules joins collinear rules that touch or overlap, and drops rules
// too short to be borders.
func mergeRules(rules []Rule) (h, v []Rule) {
	for _, r := range rules {
		if r.To-r.From < 1 {
			continue
		}
		if r.Horizontal {
			h = append(h, r)
		} else {
			v = append(v, r)
		}
	}
	return mergeSame(h), mergeSame(v)
}

func mergeSame(rs []Rule) []Rule {
	slices.SortFunc(rs, func(a, b Rule) int { return cmpFloat(a.At, b.At) })
	var out []Rule
	for start := 0; start < len(rs); {
		end := start + 1
		for end < len(rs) && rs[end].At-rs[start].At <= 1 {
			end++
		}
		run := rs[start:end]
		slices.SortFunc(run, func(a, b Rule) int { return cmpFloat(a.From, b.From) })
		first := len(out)
		for _, r := range run {
			if n := len(out); n > first && r.From <= out[n-1].To+ruleGap {
				out[n-1].To = max(out[n-1].To, r.To)
				continue
			}
			out = append(out, r)
		}
		start = end
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// gridTable is a ruled table: the column and row lines of its grid and
// which atomic cells merge into one.
type gridTable struct {
	h, v   []Rule    // the rules it was cut from
	xs, ys []float64 // grid lines, ascending
	region []int     // per atomic cell (row-major): its region's id
	box    Rect
}

// findGrids cuts the rules into tables: groups of horizontal and vertical
// rules that cross each other, with at least two cells.
func findGrids(h, v []Rule) []*gridTable {
	n := len(h) + len(v)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	for i, a := range h {
		for j, b := range v {
			if b.At >= a.From-ruleGap && b.At <= a.To+ruleGap && a.At >= b.From-ruleGap && a.At <= b.To+ruleGap {
				union(parent, i, len(h)+j)
			}
		}
	}
	groups := map[int][]int{}
	var order []int
	for i := range n {
		r := find(parent, i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out []*gridTable
	for _, r := range order {
		var gh, gv []Rule
		for _, i := range groups[r] {
			if i < len(h) {
				gh = append(gh, h[i])
			} else {
				gv = append(gv, v[i-len(h)])
			}
		}
		if len(gh) < 2 || len(gv) < 2 {
			continue
		}
		if g := buildGrid(gh, gv, nil); g != nil {
			out = append(out, g)
		}
	}
	return out
}

func union(parent []int, a, b int) {
	ra, rb := find(parent, a), find(parent, b)
	if ra != rb {
		parent[ra] = rb
	}
}

func find(parent []int, i int) int {
	for parent[i] != i {
		parent[i] = parent[parent[i]]
		i = parent[i]
	}
	return i
}

// buildGrid makes the atomic grid of one group of rules and merges atomic
// cells that no rule separates. extraXs are column lines to cut at besides
// the rules' own: those of the part of the table on another page.
func buildGrid(h, v []Rule, extraXs []float64) *gridTable {
	var xs, ys []float64
	// A table without outer side borders still ends where its
	// horizontal rules do, and likewise for top and bottom.
	left, right, top, bottom := h[0].From, h[0].To, v[0].From, v[0].To
	for _, r := range v {
		xs = append(xs, r.At)
		top, bottom = min(top, r.From), max(bottom, r.To)
	}
	for _, r := range h {
		ys = append(ys, r.At)
		left, right = min(left, r.From), max(right, r.To)
	}
	xs = append(append(xs, left, right), extraXs...)
	ys = append(ys, top, bottom)
	g := &gridTable{h: h, v: v, xs: cluster(xs), ys: cluster(ys)}
	rows, cols := len(g.ys)-1, len(g.xs)-1
	if rows < 1 || cols < 1 || rows*cols < 2 {
		return nil
	}
	g.box = Rect{g.xs[0], g.ys[0], g.xs[cols], g.ys[rows]}
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	for r := range rows {
		ymid := (g.ys[r] + g.ys[r+1]) / 2
		for c := range cols {
			if c+1 < cols && !covered(v, g.xs[c+1], ymid) {
				union(parent, r*cols+c, r*cols+c+1)
			}
			if r+1 < rows && !covered(h, g.ys[r+1], (g.xs[c]+g.xs[c+1])/2) {
				union(parent, r*cols+c, (r+1)*cols+c)
			}
		}
	}
	g.region = make([]int, rows*cols)
	regions := 0
	for i := range parent {
		g.region[i] = find(parent, i)
		if g.region[i] == i {
			regions++
		}
	}
	if regions < 2 {
		return nil // a frame around text, not a table
	}
	return g
}

// covered reports whether some rule lies at `at` across the point `along`.
func covered(rules []Rule, at, along float64) bool {
	for _, r := range rules {
		if abs(r.At-at) <= ruleGap && along >= r.From-ruleGap && along <= r.To+ruleGap {
			return true
		}
	}
	return false
}

// cluster sorts values and merges those within ruleGap of each other into
// their mean.
func cluster(vals []float64) []float64 {
	slices.Sort(vals)
	var out []float64
	sum, n := 0.0, 0
	for i, x := range vals {
		if i > 0 && x-vals[i-1] > ruleGap {
			out = append(out, sum/float64(n))
			sum, n = 0, 0
		}
		sum += x
		n++
	}
	if n > 0 {
		out = append(out, sum/float64(n))
	}
	return out
}

// cellAt returns the atomic cell (row, column) holding the point, or ok
// false outside the grid.
func (g *gridTable) cellAt(x, y float64) (r, c int, ok bool) {
	if x < g.box.X0 || x > g.box.X1 || y < g.box.Y0 || y > g.box.Y1 {
		return 0, 0, false
	}
	c, _ = slices.BinarySearch(g.xs, x)
	r, _ = slices.BinarySearch(g.ys, y)
	return max(0, r-1), max(0, c-1), true
}
