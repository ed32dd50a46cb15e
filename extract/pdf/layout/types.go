// Package layout turns the glyphs and ruling lines of a page into a
// document's blocks: text lines outside tables as paragraphs, ruled tables
// cut into a cell grid by their lines, and unruled tables by the alignment
// of their columns. It is pure geometry: coordinates are in points from the
// top-left corner of the page as displayed, y growing downwards.
package layout

// Rect is an axis-aligned box, X0 ≤ X1 and Y0 ≤ Y1.
type Rect struct {
	X0, Y0, X1, Y1 float64
}

// Union returns the smallest box holding r and s.
func (r Rect) Union(s Rect) Rect {
	return Rect{min(r.X0, s.X0), min(r.Y0, s.Y0), max(r.X1, s.X1), max(r.Y1, s.Y1)}
}

// CX and CY return the centre of r.
func (r Rect) CX() float64 { return (r.X0 + r.X1) / 2 }

// CY returns the vertical centre of r.
func (r Rect) CY() float64 { return (r.Y0 + r.Y1) / 2 }

// Box returns r as a location box.
func (r Rect) Box() *[4]float64 {
	return &[4]float64{round2(r.X0), round2(r.Y0), round2(r.X1), round2(r.Y1)}
}

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}

// Glyph is one shown character.
type Glyph struct {
	Text string
	Box  Rect
	// Size is the font size on the page, in points.
	Size float64
	// Vertical is true for glyphs of vertical writing (Identity-V).
	Vertical bool
	// Flow is the direction the text runs on the page.
	Flow Flow
}

// Flow is the direction in which text runs on the page as displayed.
type Flow uint8

// Text flows. Down is vertical writing, or text turned a quarter
// clockwise; Up is text turned a quarter anticlockwise (read bottom to
// top, as Word's btLr cells).
const (
	Across Flow = iota
	Down
	Up
)

// Rule is a ruling line: a stroked line or a thin filled rectangle.
type Rule struct {
	// Horizontal rules run from (From, At) to (To, At); vertical ones from
	// (At, From) to (At, To). From ≤ To.
	Horizontal bool
	At         float64
	From, To   float64
}

// Page is what the content of one page drew.
type Page struct {
	Number int // 1-based
	Width  float64
	Height float64
	Glyphs []Glyph
	Rules  []Rule
}
