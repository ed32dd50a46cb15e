package layout

import "xxgk/extract/document"

// turn is how a page's content is turned on the page as displayed: some
// producers draw a landscape table sideways on a portrait page instead of
// setting /Rotate. Layout works on the page turned upright, and the
// locations it returns are turned back.
type turn uint8

const (
	upright   turn = iota
	turnedCW       // text runs down the page
	turnedCCW      // text runs up the page
)

// pageTurn tells how a page's text is turned: most of it (not counting
// vertical writing) running down or up the page.
func pageTurn(p Page) turn {
	var across, down, up int
	for _, g := range p.Glyphs {
		switch {
		case g.Vertical:
		case g.Flow == Down:
			down++
		case g.Flow == Up:
			up++
		default:
			across++
		}
	}
	total := across + down + up
	switch {
	case total == 0:
		return upright
	case down*5 > total*3:
		return turnedCW
	case up*5 > total*3:
		return turnedCCW
	}
	return upright
}

// rect turns a box on the page as displayed (width w, height h) upright.
func (t turn) rect(r Rect, w, h float64) Rect {
	switch t {
	case turnedCW:
		return Rect{r.Y0, w - r.X1, r.Y1, w - r.X0}
	case turnedCCW:
		return Rect{h - r.Y1, r.X0, h - r.Y0, r.X1}
	}
	return r
}

// back turns an upright box back onto the page as displayed.
func (t turn) back(r Rect, w, h float64) Rect {
	switch t {
	case turnedCW:
		return Rect{w - r.Y1, r.X0, w - r.Y0, r.X1}
	case turnedCCW:
		return Rect{r.Y0, h - r.X1, r.Y1, h - r.X0}
	}
	return r
}

// page returns p turned upright.
func (t turn) page(p Page) Page {
	if t == upright {
		return p
	}
	out := Page{Number: p.Number, Width: p.Height, Height: p.Width}
	for _, g := range p.Glyphs {
		g.Box = t.rect(g.Box, p.Width, p.Height)
		switch {
		case t == turnedCW && g.Flow == Down, t == turnedCCW && g.Flow == Up:
			g.Flow = Across
		case t == turnedCW && g.Flow == Across:
			g.Flow = Up
		case t == turnedCCW && g.Flow == Across:
			g.Flow = Down
		}
		g.Vertical = false
		out.Glyphs = append(out.Glyphs, g)
	}
	for _, r := range p.Rules {
		var b Rect
		if r.Horizontal {
			b = Rect{r.From, r.At, r.To, r.At}
		} else {
			b = Rect{r.At, r.From, r.At, r.To}
		}
		b = t.rect(b, p.Width, p.Height)
		if r.Horizontal {
			// A horizontal line turns a quarter into a vertical one.
			out.Rules = append(out.Rules, Rule{At: b.X0, From: b.Y0, To: b.Y1})
		} else {
			out.Rules = append(out.Rules, Rule{Horizontal: true, At: b.Y0, From: b.X0, To: b.X1})
		}
	}
	return out
}

// unturn turns the locations of blocks laid out upright back onto the
// page as displayed.
func (t turn) unturn(blocks []document.Block, w, h float64) {
	if t == upright {
		return
	}
	back := func(b *[4]float64) *[4]float64 {
		if b == nil {
			return nil
		}
		return t.back(Rect{b[0], b[1], b[2], b[3]}, w, h).Box()
	}
	for i := range blocks {
		blocks[i].Loc.Box = back(blocks[i].Loc.Box)
		if tb := blocks[i].Table; tb != nil {
			for r := range tb.Rows {
				for c := range tb.Rows[r].Cells {
					cell := &tb.Rows[r].Cells[c]
					cell.Loc.Box = back(cell.Loc.Box)
				}
			}
		}
	}
}
