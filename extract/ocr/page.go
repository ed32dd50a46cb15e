package ocr

import (
	"context"
	"image"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"xxgk/extract/document"
	"xxgk/schema"
)

// crop is one line of text cut from the page for tesseract.
type crop struct {
	img  *image.Gray
	cell int // index into the page's cells, or -1 for a narrative line
	box  image.Rectangle
}

// pageCell is a printed table cell being read.
type pageCell struct {
	grid  int
	gc    gridCell
	box   image.Rectangle // the cell's inside, pixels
	crops []int           // its line crops, top to bottom
	ink   image.Rectangle // where its ink is
}

// readPage reads one page image into blocks in reading order.
func readPage(ctx context.Context, opt Options, dir string, p Page) ([]document.Block, pageStats, error) {
	var st pageStats
	g := gray(p.Image)
	thr := otsu(g)
	b := binarize(g, thr)
	if deg := skew(b); math.Abs(deg) >= 0.05 {
		g = rotate(g, deg)
		thr = otsu(g)
		b = binarize(g, thr)
		st.skew = deg
	}
	w := g.Rect.Dx()
	// Scale-free limits: a page is about 8.3 inches wide, so w/25 is a third
	// of an inch (longer than any stroke of a character) and w/400 a little
	// over the width of a ruling.
	minRun := max(20, w/25)
	tol := max(3, w/400)
	hs := rulings(b, false, minRun)
	vs := borders(rulings(b, true, minRun/3), hs, minRun, tol)
	grids := tables(hs, vs, tol)

	// White out the rulings of the tables, so that they are read neither as
	// 1, l or | glued to the digits nor as ink in a cell.
	clean := image.NewGray(g.Rect)
	copy(clean.Pix, g.Pix)
	for _, gr := range grids {
		for _, s := range gr.hs {
			whiteOut(clean, b, s.a-1, s.lo-2, s.b+1, s.hi+2)
		}
		for _, s := range gr.vs {
			whiteOut(clean, b, s.lo-2, s.a-1, s.hi+2, s.b+1)
		}
		// Pieces of a ruling that noise broke shorter than minRun are
		// not segments: clear a band along every grid line too (cell text
		// keeps clear of the rulings).
		// Only where the line is printed: merged cells have text across.
		for _, y := range gr.ys {
			for c := 0; c+1 < len(gr.xs); c++ {
				if covered(gr.hs, y, gr.xs[c], gr.xs[c+1], tol) {
					whiteOut(clean, b, gr.xs[c], y-tol, gr.xs[c+1], y+tol)
				}
			}
		}
		for _, x := range gr.xs {
			for r := 0; r+1 < len(gr.ys); r++ {
				if covered(gr.vs, x, gr.ys[r], gr.ys[r+1], tol) {
					whiteOut(clean, b, x-tol, gr.ys[r], x+tol, gr.ys[r+1])
				}
			}
		}
	}

	var crops []crop
	var cells []pageCell
	for gi, gr := range grids {
		for _, gc := range gr.cells {
			in := image.Rect(gr.xs[gc.c0]+tol, gr.ys[gc.r0]+tol, gr.xs[gc.c1]-tol, gr.ys[gc.r1]-tol)
			pc := pageCell{grid: gi, gc: gc, box: in}
			for _, l := range dropSlivers(textLines(b, in, tol), tol) {
				pc.crops = append(pc.crops, len(crops))
				pc.ink = pc.ink.Union(l)
				crops = append(crops, crop{img: cut(clean, l), cell: len(cells), box: l})
			}
			cells = append(cells, pc)
		}
	}
	// The narrative: text lines outside the tables.
	page := g.Rect
	for _, l := range narrativeLines(b, page, grids, tol) {
		crops = append(crops, crop{img: cut(clean, l), cell: -1, box: l})
	}
	imgs := make([]*image.Gray, len(crops))
	for i, c := range crops {
		imgs[i] = c.img
	}
	texts, confs, err := recognize(ctx, opt, dir, "text", imgs, false)
	if err != nil {
		return nil, st, err
	}
	st.crops = len(crops)
	// Lines read with low confidence are read again in black and white,
	// which some need (（七）总计 read as GE攻六总计 in grey); the more
	// confident reading wins.
	var again []int
	var againImgs []*image.Gray
	for k, c := range crops {
		// Labels only: numbers have their own second reading.
		if c.cell >= 0 && confs[k] < retryBelow && (len(cells[c.cell].crops) > 1 || len([]rune(texts[k])) >= 3 && !maybeNumber(joinText(texts[k]))) {
			again = append(again, k)
			againImgs = append(againImgs, twoTone(c.img, thr))
		}
	}
	if len(again) > 0 {
		t2, c2, err := recognize(ctx, opt, dir, "again", againImgs, false)
		if err != nil {
			return nil, st, err
		}
		for j, k := range again {
			if c2[j] > confs[k] {
				texts[k], confs[k] = t2[j], c2[j]
			}
		}
	}

	// Cells that hold a number (or something tesseract took for one) are
	// read again with digits only: the Chinese model reads 0 as O, 1 as l.
	var numeric []int // cell indexes
	var digitImgs []*image.Gray
	raw := make([]string, len(cells))
	rawConf := make([]float64, len(cells))
	for i, c := range cells {
		var parts []string
		rawConf[i] = -1
		for _, k := range c.crops {
			parts = append(parts, texts[k])
			if rawConf[i] < 0 || confs[k] < rawConf[i] {
				rawConf[i] = confs[k]
			}
		}
		raw[i] = joinText(strings.Join(parts, " "))
		if len(c.crops) == 1 && (maybeNumber(raw[i]) || unsure(raw[i], rawConf[i])) {
			numeric = append(numeric, i)
			// Twice: grey as cut and in black and white, since tesseract
			// is unsure of some digits in one and not in the other.
			digitImgs = append(digitImgs, crops[c.crops[0]].img, twoTone(crops[c.crops[0]].img, thr))
		}
	}
	dtexts, dconfs, err := recognize(ctx, opt, dir, "digits", digitImgs, true)
	if err != nil {
		return nil, st, err
	}
	reads := make([]reading, len(cells))
	for i := range cells {
		reads[i] = reading{text: raw[i], conf: rawConf[i]}
	}
	digitReads := map[int][]digitRead{}
	for k, i := range numeric {
		ds := []digitRead{{strings.ReplaceAll(dtexts[2*k], " ", ""), dconfs[2*k]}, {strings.ReplaceAll(dtexts[2*k+1], " ", ""), dconfs[2*k+1]}}
		digitReads[i] = ds
		if best := bestDigits(ds); !maybeNumber(raw[i]) && (!plainNumber(best.text) || best.conf < unsureMin) {
			continue // a label the Chinese model was unsure of, no number either
		}
		reads[i] = readNumber(raw[i], rawConf[i], ds, opt.minConfidence())
	}
	// Labels stand left of the values: a cell right of a number in its row
	// is a value, however the Chinese model read it (77 as 了ZX).
	seenNumber := map[[2]int]bool{} // grid, row → a number seen
	for i, c := range cells {
		k := [2]int{c.grid, c.gc.r0}
		switch {
		case reads[i].number:
			seenNumber[k] = true
		case seenNumber[k] && reads[i].text != "" && !isMarker(reads[i].text) && !withUnit.MatchString(reads[i].text):
			if ds, ok := digitReads[i]; ok {
				reads[i] = readNumber(raw[i], rawConf[i], ds, opt.minConfidence())
			} else {
				reads[i] = reading{text: "\ufffd", number: true, low: true}
			}
			reads[i].low = true
		}
	}
	for i := range reads {
		if reads[i].text == "一" || reads[i].text == "_" {
			reads[i].text = "—" // a dash marker, read as the character 一
		}
	}
	for _, r := range reads {
		if r.number {
			st.numbers++
			if r.low {
				st.low++
			}
		}
	}

	// Blocks: tables and narrative lines in page order, top to bottom.
	type placed struct {
		y int
		b document.Block
	}
	var out []placed
	for gi, gr := range grids {
		t := &document.Table{Grid: true}
		rows := make([]document.Row, len(gr.ys)-1)
		for ci, c := range cells {
			if c.grid != gi {
				continue
			}
			r := reads[ci]
			box := image.Rect(gr.xs[c.gc.c0], gr.ys[c.gc.r0], gr.xs[c.gc.c1], gr.ys[c.gc.r1])
			dc := document.Cell{Text: r.text, Col: c.gc.c0, Span: c.gc.c1 - c.gc.c0,
				Loc: schema.Location{Page: p.Number, Box: p.units(box)}}
			if len(c.crops) > 0 {
				dc.OCR = &schema.OCRReading{Page: p.Number, Confidence: math.Max(0, r.conf), Low: r.low,
					Box: [4]float64{float64(box.Min.X), float64(box.Min.Y), float64(box.Max.X), float64(box.Max.Y)}}
				dc.Alternatives = r.alts
			}
			rows[c.gc.r0].Cells = append(rows[c.gc.r0].Cells, dc)
			for rr := c.gc.r0 + 1; rr < c.gc.r1; rr++ {
				rows[rr].Cells = append(rows[rr].Cells, document.Cell{Col: c.gc.c0, Span: dc.Span, Merged: true, Loc: dc.Loc})
			}
		}
		for _, row := range rows {
			sort.SliceStable(row.Cells, func(i, j int) bool { return row.Cells[i].Col < row.Cells[j].Col })
			t.Rows = append(t.Rows, row)
		}
		out = append(out, placed{gr.box.Min.Y, document.Block{Table: t}})
	}
	for i, c := range crops {
		if c.cell >= 0 {
			continue
		}
		text := joinText(texts[i])
		if text == "" || len([]rune(text)) <= 2 && confs[i] < 50 {
			continue // nothing, or a speck or a ruling's end read as a stroke
		}
		out = append(out, placed{c.box.Min.Y, document.Block{Text: text, Loc: schema.Location{Page: p.Number, Box: p.units(c.box)}}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].y < out[j].y })
	blocks := make([]document.Block, len(out))
	for i, o := range out {
		blocks[i] = o.b
	}
	return blocks, st, nil
}

// twoTone returns the crop in black and white, cut at the page's
// threshold t: noise and JPEG ringing gone, which some digits need.
func twoTone(g *image.Gray, t uint8) *image.Gray {
	out := image.NewGray(g.Rect)
	for i, p := range g.Pix {
		if p > t {
			out.Pix[i] = 255
		}
	}
	return out
}

// borders keeps the vertical rulings at least minRun long, and shorter
// ones that run from one horizontal ruling to another: the border between
// two cells of one short row (a row of 9-point text is shorter than
// minRun). Text strokes keep clear of the rulings at both ends.
func borders(vs, hs []segment, minRun, tol int) []segment {
	touches := func(y, x int) bool {
		for _, h := range hs {
			if x >= h.a-tol && x <= h.b+tol && y >= h.lo-tol && y <= h.hi+tol {
				return true
			}
		}
		return false
	}
	var out []segment
	for _, v := range vs {
		if v.b-v.a+1 >= minRun || touches(v.a, v.mid()) && touches(v.b, v.mid()) {
			out = append(out, v)
		}
	}
	return out
}

// whiteOut paints the rectangle x0,y0..x1,y1 (inclusive) white in g and
// clears it in b.
func whiteOut(g *image.Gray, b *bitmap, x0, y0, x1, y1 int) {
	x0, y0 = max(0, x0), max(0, y0)
	x1, y1 = min(b.w-1, x1), min(b.h-1, y1)
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			g.Pix[y*g.Stride+x] = 255
			b.ink[y*b.w+x] = false
		}
	}
}

// textLines finds the lines of text inside r: bands of rows with ink,
// split where a few rows are blank; specks of noise are no line.
func textLines(b *bitmap, r image.Rectangle, tol int) []image.Rectangle {
	r = r.Intersect(image.Rect(0, 0, b.w, b.h))
	if r.Empty() {
		return nil
	}
	rowInk := make([]int, r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if b.ink[y*b.w+x] && speckFree(b, x, y) {
				rowInk[y-r.Min.Y]++
			}
		}
	}
	var out []image.Rectangle
	gap := max(2, tol/2)
	for y := 0; y < len(rowInk); {
		if rowInk[y] == 0 {
			y++
			continue
		}
		start, end, blank := y, y, 0
		total := 0
		for y < len(rowInk) && blank <= gap {
			if rowInk[y] > 0 {
				end, blank = y, 0
				total += rowInk[y]
			} else {
				blank++
			}
			y++
		}
		if total < 6 {
			continue // noise
		}
		band := image.Rect(r.Min.X, r.Min.Y+start, r.Max.X, r.Min.Y+end+1)
		if ink := inkBox(b, band); !ink.Empty() {
			out = append(out, ink)
		}
	}
	return out
}

// dropSlivers drops, from a cell with several lines, those no thicker than
// a ruling: a piece of a ruling or a stain, not a line of text.
func dropSlivers(ls []image.Rectangle, tol int) []image.Rectangle {
	if len(ls) < 2 {
		return ls
	}
	var out []image.Rectangle
	for _, l := range ls {
		if l.Dy() > 2*tol {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return ls
	}
	return out
}

// speckFree reports whether the ink pixel at x, y has an ink neighbour:
// lone pixels are scanner noise.
func speckFree(b *bitmap, x, y int) bool {
	for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		nx, ny := x+d[0], y+d[1]
		if nx >= 0 && ny >= 0 && nx < b.w && ny < b.h && b.ink[ny*b.w+nx] {
			return true
		}
	}
	return false
}

// inkBox is the bounding box of the (non-speck) ink in r.
func inkBox(b *bitmap, r image.Rectangle) image.Rectangle {
	x0, y0, x1, y1 := r.Max.X, r.Max.Y, r.Min.X-1, r.Min.Y-1
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if b.ink[y*b.w+x] && speckFree(b, x, y) {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < x0 {
		return image.Rectangle{}
	}
	return image.Rect(x0, y0, x1+1, y1+1)
}

// narrativeLines finds the text lines of the page outside its tables.
func narrativeLines(b *bitmap, page image.Rectangle, grids []*grid, tol int) []image.Rectangle {
	var out []image.Rectangle
	y := 0
	for _, gr := range grids {
		if gr.box.Min.Y-tol > y {
			out = append(out, textLines(b, image.Rect(0, y, b.w, gr.box.Min.Y-tol), tol)...)
		}
		y = max(y, gr.box.Max.Y+tol)
	}
	out = append(out, textLines(b, image.Rect(0, y, b.w, b.h), tol)...)
	// A band far taller than text is a figure or a stamp, not a line.
	keep := out[:0]
	for _, l := range out {
		if l.Dy() <= page.Dx()/10 {
			keep = append(keep, l)
		}
	}
	return keep
}

// withUnit matches a number printed with its unit (628.17万元), which the
// matchers read as it is.
var withUnit = regexp.MustCompile(`^[0-9.,]+(万元|元|件|个|项|次|条)$`)

// retryBelow is the confidence under which a cell's line is read again.
const retryBelow = 60

// pad is the white margin around every crop: tesseract reads text that
// touches the image edge badly.
const pad = 10

// cut copies r out of g with a white margin.
func cut(g *image.Gray, r image.Rectangle) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, r.Dx()+2*pad, r.Dy()+2*pad))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(out.Pix[(y-r.Min.Y+pad)*out.Stride+pad:], g.Pix[y*g.Stride+r.Min.X:y*g.Stride+r.Max.X])
	}
	return out
}

// joinText removes the spaces tesseract puts between Chinese characters,
// keeping those between Latin words and numbers.
func joinText(s string) string {
	fields := strings.Fields(s)
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			prev, _ := lastRune(fields[i-1])
			next := []rune(f)[0]
			if !isHan(prev) && !isHan(next) && !unicode.IsPunct(prev) && !unicode.IsPunct(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	return rs[len(rs)-1], true
}

func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
