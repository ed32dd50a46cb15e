package ofd

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"xxgk/extract/pdf/layout"
	"xxgk/extract/quality"
	"xxgk/schema"
)

// mm is one millimetre in points.
const mm = 72 / 25.4

// matrix is an affine map as OFD's ST_Array CTM "a b c d e f" writes it:
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// then returns the map that applies m, then n.
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// painter collects what the objects of one page draw.
type painter struct {
	p      *pkg
	page   *layout.Page
	part   string       // the package path of the part being drawn, for messages
	toPage matrix       // page millimetres to layout points
	drawn  int          // graphic objects and glyphs so far, against MaxObjects
	tally  quality.Page // the text shown, for the judgement of the text layer
}

// page reads the n-th page, its content at ref, with its templates, and
// returns what it draws and the tally of its text.
func (p *pkg) page(d *doc, ref string, n int) (*layout.Page, quality.Page, error) {
	pn, err := p.xml(ref, "page")
	if err != nil {
		return nil, quality.Page{}, err
	}
	if pn.name != "Page" {
		return nil, quality.Page{}, schema.Errorf(schema.ErrUnreadable, "%s holds <%s>, not <ofd:Page>", ref, pn.name)
	}
	b := d.box
	if s := pn.child("Area").childText("PhysicalBox"); s != "" {
		if b, err = parseBox(s); err != nil {
			return nil, quality.Page{}, schema.Errorf(schema.ErrUnreadable, "%s: Area: %v", ref, err)
		}
	}
	pt := &painter{
		p:      p,
		page:   &layout.Page{Number: n, Width: b.w * mm, Height: b.h * mm},
		toPage: matrix{mm, 0, 0, mm, -b.x * mm, -b.y * mm},
	}
	// Template pages (running heads, rules every page repeats) draw with
	// the page; their order against it matters not to layout.
	for _, t := range pn.childrenNamed("Template") {
		id, _ := t.attr("TemplateID")
		loc, ok := d.templates[id]
		if !ok {
			return nil, quality.Page{}, schema.Errorf(schema.ErrUnreadable, "%s uses template page %q, which %s does not list", ref, id, d.base)
		}
		tn := p.templates[loc]
		if tn == nil {
			if tn, err = p.xml(loc, "template page"); err != nil {
				return nil, quality.Page{}, err
			}
			p.templates[loc] = tn
		}
		pt.part = loc
		if err := pt.content(tn.child("Content")); err != nil {
			return nil, quality.Page{}, err
		}
	}
	pt.part = ref
	if err := pt.content(pn.child("Content")); err != nil {
		return nil, quality.Page{}, err
	}
	return pt.page, pt.tally, nil
}

// content draws the layers of a page's Content.
func (pt *painter) content(c *node) error {
	if c == nil {
		return nil
	}
	for _, layer := range c.childrenNamed("Layer") {
		if err := pt.objects(layer.children); err != nil {
			return err
		}
	}
	return nil
}

// objects draws the graphic objects of a layer or page block. Nesting is
// bounded by the XML depth limit.
func (pt *painter) objects(ns []*node) error {
	for _, n := range ns {
		if err := pt.p.ctx.Err(); err != nil {
			return &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("reading stopped: %w", err)}
		}
		if err := pt.count(1); err != nil {
			return err
		}
		var err error
		switch n.name {
		case "TextObject":
			err = pt.text(n)
		case "PathObject":
			err = pt.path(n)
		case "PageBlock":
			err = pt.objects(n.children)
		}
		// Images and composite objects draw no text or rulings.
		if err != nil {
			return err
		}
	}
	return nil
}

func (pt *painter) count(n int) error {
	pt.drawn += n
	pt.p.drawn += n
	if pt.drawn > pt.p.lim.MaxObjects {
		return schema.Errorf(schema.ErrTooLarge, "%s draws more than %d objects and glyphs", pt.part, pt.p.lim.MaxObjects)
	}
	if pt.p.drawn > pt.p.lim.MaxDocumentObjects {
		return schema.Errorf(schema.ErrTooLarge, "the pages of the OFD draw more than %d objects and glyphs", pt.p.lim.MaxDocumentObjects)
	}
	return nil
}

// placement returns the map from an object's own coordinates to layout
// points: its CTM, then its Boundary's origin, then the page's. ok is false
// for an object that is not drawn (Visible="false").
func (pt *painter) placement(n *node) (m matrix, ok bool, err error) {
	if v, _ := n.attr("Visible"); v == "false" {
		return m, false, nil
	}
	s, _ := n.attr("Boundary")
	b, err := numbers(s, 4)
	if err != nil {
		return m, false, pt.damaged(n, "Boundary", err)
	}
	m = matrix{1, 0, 0, 1, 0, 0}
	if s, ok := n.attr("CTM"); ok {
		c, err := numbers(s, 6)
		if err != nil {
			return m, false, pt.damaged(n, "CTM", err)
		}
		m = matrix(c)
	}
	return m.then(matrix{1, 0, 0, 1, b[0], b[1]}).then(pt.toPage), true, nil
}

func (pt *painter) damaged(n *node, attr string, err error) error {
	id, _ := n.attr("ID")
	return schema.Errorf(schema.ErrUnreadable, "%s: %s %s: %s: %v", pt.part, n.name, id, attr, err)
}

// Glyph metrics, in ems, for the box of a glyph around its baseline: those
// of the CJK fonts reports use (embedded fonts' own are not read).
const (
	ascent  = 0.88
	descent = 0.12
)

// text draws a TextObject: each TextCode's characters from its X, Y,
// stepped by DeltaX and DeltaY.
func (pt *painter) text(n *node) error {
	m, ok, err := pt.placement(n)
	if err != nil || !ok {
		return err
	}
	// Text neither filled nor stroked is invisible (an OCR layer, hidden
	// marks): not what the page prints.
	fill, _ := n.attr("Fill")
	stroke, _ := n.attr("Stroke")
	if fill == "false" && stroke != "true" {
		return nil
	}
	s, _ := n.attr("Size")
	size, err := parseNumber(s)
	if err != nil {
		return pt.damaged(n, "Size", err)
	}
	if size <= 0 {
		return nil
	}
	hscale := 1.0
	if s, ok := n.attr("HScale"); ok {
		if hscale, err = parseNumber(s); err != nil {
			return pt.damaged(n, "HScale", err)
		}
	}
	pageSize := size * math.Hypot(m[2], m[3])
	var x, y float64
	for i, tc := range n.childrenNamed("TextCode") {
		// A TextCode without X or Y takes the previous one's.
		if s, ok := tc.attr("X"); ok || i == 0 {
			if x, err = parseNumber(s); err != nil {
				return pt.damaged(n, "TextCode X", err)
			}
		}
		if s, ok := tc.attr("Y"); ok || i == 0 {
			if y, err = parseNumber(s); err != nil {
				return pt.damaged(n, "TextCode Y", err)
			}
		}
		runes := []rune(string(tc.text))
		if err := pt.count(len(runes)); err != nil {
			return err
		}
		sx, hasX := tc.attr("DeltaX")
		dx, err := deltas(sx, len(runes)-1)
		if err != nil {
			return pt.damaged(n, "TextCode DeltaX", err)
		}
		sy, hasY := tc.attr("DeltaY")
		dy, err := deltas(sy, len(runes)-1)
		if err != nil {
			return pt.damaged(n, "TextCode DeltaY", err)
		}
		// Characters stepped down and not across are vertical writing.
		vertical := hasY && !hasX
		gx, gy := x, y
		for j, r := range runes {
			w := em(r) * size * hscale
			if j < len(dx) && dx[j] > 0 {
				w = min(w, dx[j])
			}
			pt.tally.Add(string(r))
			if !unicode.IsSpace(r) && unicode.IsPrint(r) {
				pt.page.Glyphs = append(pt.page.Glyphs, layout.Glyph{
					Text:     string(r),
					Box:      bbox(m, gx, gy-ascent*size, gx+w, gy+descent*size),
					Size:     pageSize,
					Vertical: vertical,
					Flow:     flow(m, vertical),
				})
			}
			switch {
			case j < len(dx) || j < len(dy):
				if j < len(dx) {
					gx += dx[j]
				}
				if j < len(dy) {
					gy += dy[j]
				}
			case vertical:
				gy += size
			default:
				gx += em(r) * size * hscale
			}
		}
	}
	return nil
}

// em estimates a character's advance in ems: full for CJK and full-width
// forms, half for the rest.
func em(r rune) float64 {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 1
	}
	return 0.5
}

// deltas reads a DeltaX or DeltaY (ST_Array): numbers, where "g N d"
// stands for N times d. Only the first want values are kept, so that an
// absurd N costs nothing.
func deltas(s string, want int) ([]float64, error) {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f) && len(out) < want; i++ {
		if f[i] != "g" {
			v, err := parseNumber(f[i])
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			continue
		}
		if i+2 >= len(f) {
			return nil, fmt.Errorf("%q: a g run without its count and value", s[:min(len(s), 40)])
		}
		n, err := parseNumber(f[i+1])
		if err != nil || n < 0 || n != math.Trunc(n) {
			return nil, fmt.Errorf("a g run of %q values", f[i+1])
		}
		v, err := parseNumber(f[i+2])
		if err != nil {
			return nil, err
		}
		for k := 0.0; k < n && len(out) < want; k++ {
			out = append(out, v)
		}
		i += 2
	}
	return out, nil
}

// bbox maps the box (x0,y0)-(x1,y1) by m and returns its bounds.
func bbox(m matrix, x0, y0, x1, y1 float64) layout.Rect {
	ax, ay := m.apply(x0, y0)
	bx, by := m.apply(x1, y0)
	cx, cy := m.apply(x1, y1)
	dx, dy := m.apply(x0, y1)
	return layout.Rect{
		X0: min(ax, bx, cx, dx), Y0: min(ay, by, cy, dy),
		X1: max(ax, bx, cx, dx), Y1: max(ay, by, cy, dy),
	}
}

// flow tells which way text placed by m runs on the page (y down).
func flow(m matrix, vertical bool) layout.Flow {
	if vertical {
		return layout.Down
	}
	switch dx, dy := m[0], m[1]; {
	case math.Abs(dy) <= math.Abs(dx):
		return layout.Across
	case dy > 0:
		return layout.Down
	}
	return layout.Up
}
