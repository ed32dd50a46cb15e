package ofd

import (
	"fmt"
	"math"
	"strings"

	"xxgk/extract/pdf/layout"
)

// Tolerances for rulings, in points, as the PDF reader uses them.
const (
	// axisTolerance is how far a line may lean and still count as
	// horizontal or vertical.
	axisTolerance = 0.5
	// thinRule is the largest thickness of a filled shape that is drawn as
	// a line; wider fills are cell shading.
	thinRule = 2.5
)

type point struct{ x, y float64 }

// segment is a piece of a path; curves keep only their ends and are no
// ruling.
type segment struct {
	a, b  point
	curve bool
}

// path draws a PathObject: its straight, axis-parallel segments when
// stroked, and its thin closed shapes when filled, as rulings.
func (pt *painter) path(n *node) error {
	m, ok, err := pt.placement(n)
	if err != nil || !ok {
		return err
	}
	stroke, fill := true, false
	if s, ok := n.attr("Stroke"); ok {
		stroke = s != "false"
	}
	if s, ok := n.attr("Fill"); ok {
		fill = s == "true"
	}
	if !stroke && !fill {
		return nil
	}
	subs, err := abbreviated(n.childText("AbbreviatedData"), m)
	if err != nil {
		return pt.damaged(n, "AbbreviatedData", err)
	}
	if err := pt.count(len(subs)); err != nil {
		return err
	}
	for _, sub := range subs {
		if stroke {
			for _, s := range sub {
				if !s.curve {
					pt.line(s.a, s.b)
				}
			}
		}
		if fill && len(sub) >= 2 {
			pt.thin(sub)
		}
	}
	return nil
}

func (pt *painter) line(a, b point) {
	switch {
	case math.Abs(a.y-b.y) <= axisTolerance && math.Abs(a.x-b.x) > axisTolerance:
		pt.page.Rules = append(pt.page.Rules, layout.Rule{Horizontal: true, At: (a.y + b.y) / 2, From: min(a.x, b.x), To: max(a.x, b.x)})
	case math.Abs(a.x-b.x) <= axisTolerance && math.Abs(a.y-b.y) > axisTolerance:
		pt.page.Rules = append(pt.page.Rules, layout.Rule{At: (a.x + b.x) / 2, From: min(a.y, b.y), To: max(a.y, b.y)})
	}
}

// thin adds a ruling for a filled shape whose bounds are a thin bar.
func (pt *painter) thin(sub []segment) {
	x0, y0, x1, y1 := sub[0].a.x, sub[0].a.y, sub[0].a.x, sub[0].a.y
	for _, s := range sub {
		x0, y0, x1, y1 = min(x0, s.b.x), min(y0, s.b.y), max(x1, s.b.x), max(y1, s.b.y)
	}
	w, h := x1-x0, y1-y0
	switch {
	case h <= thinRule && w > 2*h && w > 1:
		pt.page.Rules = append(pt.page.Rules, layout.Rule{Horizontal: true, At: (y0 + y1) / 2, From: x0, To: x1})
	case w <= thinRule && h > 2*w && h > 1:
		pt.page.Rules = append(pt.page.Rules, layout.Rule{At: (x0 + x1) / 2, From: y0, To: y1})
	}
}

// operands is how many numbers an AbbreviatedData operator takes: S and
// M start a subpath, L is a line, Q and B quadratic and cubic curves, A an
// elliptical arc; C closes the subpath (Z, as some writers spell it, too).
func operands(op string) (int, bool) {
	switch op {
	case "S", "M", "L":
		return 2, true
	case "Q":
		return 4, true
	case "B":
		return 6, true
	case "A":
		return 7, true
	case "C", "Z":
		return 0, true
	}
	return 0, false
}

// abbreviated reads the path data (GB/T 33190 §9.3.3) into subpaths of
// segments in layout points.
func abbreviated(s string, m matrix) ([][]segment, error) {
	f := strings.Fields(s)
	var subs [][]segment
	var cur []segment
	var at, start point
	open := false
	for i := 0; i < len(f); {
		op := f[i]
		k, ok := operands(op)
		if !ok {
			return nil, fmt.Errorf("operator %q", op[:min(len(op), 20)])
		}
		if i+k >= len(f) && k > 0 {
			return nil, fmt.Errorf("operator %s without its %d numbers", op, k)
		}
		v := make([]float64, k)
		for j := range k {
			x, err := parseNumber(f[i+1+j])
			if err != nil {
				return nil, err
			}
			v[j] = x
		}
		i += 1 + k
		end := func() point {
			x, y := m.apply(v[k-2], v[k-1])
			return point{x, y}
		}
		switch op {
		case "S", "M":
			if len(cur) > 0 {
				subs = append(subs, cur)
			}
			cur = nil
			at = end()
			start, open = at, true
		case "L", "Q", "B", "A":
			if !open {
				start, open = at, true
			}
			b := end()
			cur = append(cur, segment{a: at, b: b, curve: op != "L"})
			at = b
		case "C", "Z":
			if open && at != start {
				cur = append(cur, segment{a: at, b: start})
			}
			at = start
		}
	}
	if len(cur) > 0 {
		subs = append(subs, cur)
	}
	return subs, nil
}
