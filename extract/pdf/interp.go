package pdf

import (
	"context"
	"math"

	"xxgk/extract/pdf/font"
	"xxgk/extract/pdf/layout"
	"xxgk/extract/quality"
)

// matrix is a PDF transformation matrix [a b c d e f]:
// x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identityMatrix = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n: first m, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// gstate is the part of the graphics state that placing text and lines
// needs.
type gstate struct {
	ctm matrix
	// text state: it survives BT/ET but is saved by q/Q.
	font       *font.Font
	size       float64
	charSpace  float64
	wordSpace  float64
	scale      float64 // Tz / 100
	leading    float64
	rise       float64
	renderMode int
}

// setText sets the text-state parameter of the one-operand operator op
// (Tc, Tw, Tz, TL, Ts or Tr) to v.
func (g *gstate) setText(op string, v float64) {
	switch op {
	case "Tc":
		g.charSpace = v
	case "Tw":
		g.wordSpace = v
	case "Tz":
		g.scale = v / 100
	case "TL":
		g.leading = v
	case "Ts":
		g.rise = v
	case "Tr":
		g.renderMode = int(v)
	}
}

type point struct{ x, y float64 }

// interp runs the content streams of one page, collecting glyphs and rules
// in displayed page coordinates (the initial CTM maps there).
type interp struct {
	ctx   context.Context
	doc   *reader
	page  *layout.Page
	gs    gstate
	stack []gstate
	// text object
	tm, tlm matrix
	// current path, in page coordinates
	segs  [][2]point // straight segments
	rects [][4]point // re rectangles (corners in order)
	// polys are the subpaths of straight lines, for filled shapes that
	// are lines (Skia draws borders as thin four-sided polygons); a
	// subpath with a curve is dropped.
	polys   [][]point
	curved  bool
	cur     point
	start   point
	pending []font.Char
	depth   int // form XObject nesting
	// text tallies the visible glyphs shown and how many read as
	// plausible text (package quality).
	text quality.Page
}

// maxFormDepth bounds form XObjects drawing each other.
const maxFormDepth = 8

// run interprets one content stream with its resources.
func (in *interp) run(content []byte, res *resources) error {
	lx := lexer{data: content}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := in.ctx.Err(); err != nil {
				return err
			}
		}
		op, args, ok := lx.next()
		if !ok {
			return nil
		}
		if err := in.do(op, args, res); err != nil {
			return err
		}
	}
}

// nums returns the last n (≤ 6) operands, which must be numbers.
func nums(args []operand, n int) (out [6]float64, ok bool) {
	if len(args) < n {
		return out, false
	}
	for i, a := range args[len(args)-n:] {
		if a.kind != numOp {
			return out, false
		}
		out[i] = a.num
	}
	return out, true
}

func (in *interp) do(op string, args []operand, res *resources) error {
	g := &in.gs
	switch op {
	case "q":
		if len(in.stack) < 256 {
			in.stack = append(in.stack, in.gs)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			in.gs = in.stack[n-1]
			in.stack = in.stack[:n-1]
		}
	case "cm":
		if v, ok := nums(args, 6); ok {
			g.ctm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.mul(g.ctm)
		}

	// Paths.
	case "m":
		if v, ok := nums(args, 2); ok {
			in.cur = in.toPage(v[0], v[1])
			in.start = in.cur
			in.polys = append(in.polys, []point{in.cur})
			in.curved = false
		}
	case "l":
		if v, ok := nums(args, 2); ok {
			p := in.toPage(v[0], v[1])
			in.segs = append(in.segs, [2]point{in.cur, p})
			in.cur = p
			if n := len(in.polys); n > 0 && !in.curved {
				in.polys[n-1] = append(in.polys[n-1], p)
			}
		}
	case "c", "v", "y":
		// Curves are never table borders: only move the current point.
		if len(args) >= 2 {
			if v, ok := nums(args, 2); ok {
				in.cur = in.toPage(v[0], v[1])
			}
		}
		if n := len(in.polys); n > 0 && !in.curved {
			in.polys, in.curved = in.polys[:n-1], true
		}
	case "h":
		in.segs = append(in.segs, [2]point{in.cur, in.start})
		in.cur = in.start
	case "re":
		in.polys = append(in.polys, nil) // a rectangle ends the subpath
		if v, ok := nums(args, 4); ok {
			x, y, w, h := v[0], v[1], v[2], v[3]
			in.rects = append(in.rects, [4]point{in.toPage(x, y), in.toPage(x+w, y), in.toPage(x+w, y+h), in.toPage(x, y+h)})
			in.cur = in.toPage(x, y)
			in.start = in.cur
		}
	case "S", "s":
		in.stroke(op == "s")
		in.endPath()
	case "f", "F", "f*":
		in.fill()
		in.endPath()
	case "B", "B*", "b", "b*":
		in.stroke(op[0] == 'b')
		in.fill()
		in.endPath()
	case "n":
		// The end of a clip (W n / W* n): WPS wraps every text run in one,
		// so these rectangles are never borders.
		in.endPath()

	// Text.
	case "BT":
		in.tm, in.tlm = identityMatrix, identityMatrix
	case "Tc", "Tw", "Tz", "TL", "Ts", "Tr":
		if v, ok := nums(args, 1); ok {
			g.setText(op, v[0])
		}
	case "Tf":
		if len(args) >= 2 && args[len(args)-2].kind == nameOp && args[len(args)-1].kind == numOp {
			f, err := in.doc.font(res, string(args[len(args)-2].str))
			if err != nil {
				return err
			}
			g.font, g.size = f, args[len(args)-1].num
		}
	case "Td":
		if v, ok := nums(args, 2); ok {
			in.moveLine(v[0], v[1])
		}
	case "TD":
		if v, ok := nums(args, 2); ok {
			g.leading = -v[1]
			in.moveLine(v[0], v[1])
		}
	case "Tm":
		if v, ok := nums(args, 6); ok {
			in.tm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
			in.tlm = in.tm
		}
	case "T*":
		in.moveLine(0, -g.leading)
	case "Tj":
		if len(args) >= 1 && args[len(args)-1].kind == strOp {
			in.show(args[len(args)-1].str)
		}
	case "'":
		in.moveLine(0, -g.leading)
		if len(args) >= 1 && args[len(args)-1].kind == strOp {
			in.show(args[len(args)-1].str)
		}
	case "\"":
		if len(args) >= 3 && args[len(args)-1].kind == strOp {
			g.wordSpace, g.charSpace = args[len(args)-3].num, args[len(args)-2].num
			in.moveLine(0, -g.leading)
			in.show(args[len(args)-1].str)
		}
	case "TJ":
		if len(args) >= 1 && args[len(args)-1].kind == arrayOp {
			for _, a := range args[len(args)-1].arr {
				switch a.kind {
				case strOp:
					in.show(a.str)
				case numOp:
					in.adjust(a.num)
				}
			}
		}

	case "Do":
		if len(args) >= 1 && args[len(args)-1].kind == nameOp && in.depth < maxFormDepth {
			return in.form(res, string(args[len(args)-1].str))
		}
	}
	return nil
}

func (in *interp) toPage(x, y float64) point {
	px, py := in.gs.ctm.apply(x, y)
	return point{px, py}
}

func (in *interp) endPath() {
	in.segs, in.rects, in.polys = in.segs[:0], in.rects[:0], in.polys[:0]
}

// stroke turns the axis-parallel segments of the path into rules.
func (in *interp) stroke(closeSub bool) {
	if closeSub {
		in.segs = append(in.segs, [2]point{in.cur, in.start})
	}
	for _, s := range in.segs {
		in.addLine(s[0], s[1])
	}
	for _, r := range in.rects {
		for i := range 4 {
			in.addLine(r[i], r[(i+1)%4])
		}
	}
}

// axisTolerance is how far, in points, a line may lean and still count as
// horizontal or vertical.
const axisTolerance = 0.5

func (in *interp) addLine(a, b point) {
	switch {
	case math.Abs(a.y-b.y) <= axisTolerance && math.Abs(a.x-b.x) > axisTolerance:
		in.page.Rules = append(in.page.Rules, layout.Rule{Horizontal: true, At: (a.y + b.y) / 2, From: min(a.x, b.x), To: max(a.x, b.x)})
	case math.Abs(a.x-b.x) <= axisTolerance && math.Abs(a.y-b.y) > axisTolerance:
		in.page.Rules = append(in.page.Rules, layout.Rule{At: (a.x + b.x) / 2, From: min(a.y, b.y), To: max(a.y, b.y)})
	}
}

// thinRule is the largest thickness, in points, of a filled rectangle that
// is drawn as a line; wider fills are cell shading.
const thinRule = 2.5

// fill turns thin filled rectangles and polygons into rules.
func (in *interp) fill() {
	for _, r := range in.rects {
		in.addThin(r[:])
	}
	for _, p := range in.polys {
		if len(p) >= 3 {
			in.addThin(p)
		}
	}
}

// addThin adds a rule for a filled shape whose bounds are a thin bar.
func (in *interp) addThin(pts []point) {
	x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for _, p := range pts[1:] {
		x0, y0, x1, y1 = min(x0, p.x), min(y0, p.y), max(x1, p.x), max(y1, p.y)
	}
	w, h := x1-x0, y1-y0
	switch {
	case h <= thinRule && w > 2*h && w > 1:
		in.page.Rules = append(in.page.Rules, layout.Rule{Horizontal: true, At: (y0 + y1) / 2, From: x0, To: x1})
	case w <= thinRule && h > 2*w && h > 1:
		in.page.Rules = append(in.page.Rules, layout.Rule{At: (x0 + x1) / 2, From: y0, To: y1})
	}
}

func (in *interp) moveLine(tx, ty float64) {
	in.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(in.tlm)
	in.tm = in.tlm
}

// adjust applies a TJ number: thousandths of an em, moving back.
func (in *interp) adjust(n float64) {
	g := &in.gs
	if g.font != nil && g.font.Vertical {
		in.tm = matrix{1, 0, 0, 1, 0, -n / 1000 * g.size}.mul(in.tm)
		return
	}
	in.tm = matrix{1, 0, 0, 1, -n / 1000 * g.size * g.scale, 0}.mul(in.tm)
}

// show places the glyphs of one string and advances the text matrix.
func (in *interp) show(s []byte) {
	g := &in.gs
	f := g.font
	if f == nil {
		if visible(g.renderMode) {
			for range s {
				in.text.Add("")
			}
		}
		return
	}
	in.pending = f.Decode(s, in.pending[:0])
	size := g.size
	for _, c := range in.pending {
		trm := matrix{size * g.scale, 0, 0, size, 0, g.rise}.mul(in.tm).mul(g.ctm)
		var box layout.Rect
		if f.Vertical {
			originY, _ := f.VerticalMetrics()
			// The current point is the glyph's vertical origin: half the
			// width right of the horizontal origin, originY above it.
			box = bbox(trm, -c.Width/2, f.Descent-originY, c.Width/2, f.Ascent-originY)
		} else {
			box = bbox(trm, 0, f.Descent, c.Width, f.Ascent)
		}
		if visible(g.renderMode) {
			in.text.Add(c.Text)
			text := c.Text
			if text == "" {
				// An undecodable glyph stays, as U+FFFD, so that a
				// number it belongs to reads as no number rather than
				// as a wrong one with a digit missing.
				text = "\uFFFD"
			}
			if text != " " {
				in.page.Glyphs = append(in.page.Glyphs, layout.Glyph{
					Text:     text,
					Box:      box,
					Size:     math.Hypot(trm[2], trm[3]),
					Vertical: f.Vertical,
					Flow:     flow(trm, f.Vertical),
				})
			}
		}
		spacing := g.charSpace
		if c.Space {
			spacing += g.wordSpace
		}
		if f.Vertical {
			_, adv := f.VerticalMetrics()
			in.tm = matrix{1, 0, 0, 1, 0, adv*size + spacing}.mul(in.tm)
		} else {
			in.tm = matrix{1, 0, 0, 1, (c.Width*size + spacing) * g.scale, 0}.mul(in.tm)
		}
	}
}

// flow tells which way text set with the rendering matrix m runs on the
// page: along its x axis (across, or down and up when turned a quarter),
// or down for vertical writing.
func flow(m matrix, vertical bool) layout.Flow {
	if vertical {
		return layout.Down
	}
	dx, dy := m[0], m[1]
	switch {
	case math.Abs(dy) <= math.Abs(dx):
		return layout.Across
	case dy > 0:
		return layout.Down
	}
	return layout.Up
}

// visible reports whether text in a render mode (Tr) is painted: modes 3
// (invisible, used for OCR layers and hidden marks) and 7 (clip only) are
// not what the page prints.
func visible(mode int) bool { return mode != 3 && mode != 7 }

// bbox transforms the box (x0,y0)-(x1,y1) by m and returns its bounds.
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

// form draws a form XObject.
func (in *interp) form(res *resources, name string) error {
	x, err := in.doc.xobject(res, name)
	if err != nil || x == nil {
		return err
	}
	saved, savedStack := in.gs, len(in.stack)
	in.gs.ctm = x.matrix.mul(in.gs.ctm)
	in.depth++
	err = in.run(x.content, x.res)
	in.depth--
	in.gs, in.stack = saved, in.stack[:min(savedStack, len(in.stack))]
	in.endPath()
	return err
}
