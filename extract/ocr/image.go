package ocr

import (
	"image"
	"image/draw"
	"math"
)

// gray returns img as 8-bit grey with its origin at (0, 0).
func gray(img image.Image) *image.Gray {
	b := img.Bounds()
	if g, ok := img.(*image.Gray); ok && b.Min == (image.Point{}) {
		return g
	}
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	return g
}

// otsu returns the grey level that best splits the page's histogram into
// ink and paper (Otsu's method); pixels below it are ink.
func otsu(g *image.Gray) uint8 {
	var hist [256]float64
	for _, p := range g.Pix {
		hist[p]++
	}
	total := float64(len(g.Pix))
	var sum float64
	for i, h := range hist {
		sum += float64(i) * h
	}
	var sumB, wB, best float64
	t := uint8(128)
	for i := 0; i < 256; i++ {
		wB += hist[i]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i) * hist[i]
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, t = v, uint8(i)
		}
	}
	return t
}

// bitmap is a binarized page: ink[y*w+x] is true for ink.
type bitmap struct {
	w, h int
	ink  []bool
}

func binarize(g *image.Gray, t uint8) *bitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	b := &bitmap{w: w, h: h, ink: make([]bool, w*h)}
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, p := range row {
			b.ink[y*w+x] = p <= t
		}
	}
	return b
}

// maxSkew is the largest skew, in degrees, that deskew looks for: scanners
// feed pages within a degree or two, and a larger angle is a page put in
// sideways, which this package does not turn.
const maxSkew = 3.0

// skew estimates the page's skew in degrees (positive: the page's lines
// fall to the right) from the ruling lines and text baselines: the angle at
// which the ink's row profile is sharpest. Pure.
func skew(b *bitmap) float64 {
	// Sample the ink: every second column is plenty for the profile, and
	// keeps the search cheap on 300 dpi pages. (Every row: skipping rows
	// would favour the angle 0, where all samples fall on the kept rows.)
	type pt struct{ x, y int32 }
	var pts []pt
	for y := 0; y < b.h; y++ {
		for x := 0; x < b.w; x += 2 {
			if b.ink[y*b.w+x] {
				pts = append(pts, pt{int32(x), int32(y)})
			}
		}
	}
	if len(pts) == 0 {
		return 0
	}
	score := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		off := int(math.Abs(t)*float64(b.w)) + 2
		rows := make([]float64, b.h+2*off)
		for _, p := range pts {
			y := int(math.Round(float64(p.y)-t*float64(p.x))) + off
			if y >= 0 && y < len(rows) {
				rows[y]++
			}
		}
		s := 0.0
		for _, r := range rows {
			s += r * r
		}
		return s
	}
	best, bestS := 0.0, score(0)
	for d := -maxSkew; d <= maxSkew+1e-9; d += 0.1 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	lo := best
	for d := lo - 0.1; d <= lo+0.1+1e-9; d += 0.02 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	return best
}

// rotate turns g by -deg degrees about its centre (undoing a skew of deg),
// filling uncovered corners with paper white. Bilinear.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	// A skew of deg means a point at x rose by x·tan(deg): map every output
	// pixel back into the source by rotating it by +deg.
	a := deg * math.Pi / 180
	sin, cos := math.Sin(a), math.Cos(a)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		for x := 0; x < w; x++ {
			dx := float64(x) - cx
			sx := cos*dx - sin*dy + cx
			sy := sin*dx + cos*dy + cy
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

func sample(g *image.Gray, x, y float64) uint8 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= g.Rect.Dx() || y0+1 >= g.Rect.Dy() {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	p := func(x, y int) float64 { return float64(g.Pix[y*g.Stride+x]) }
	v := (p(x0, y0)*(1-fx)+p(x0+1, y0)*fx)*(1-fy) + (p(x0, y0+1)*(1-fx)+p(x0+1, y0+1)*fx)*fy
	return uint8(v + 0.5)
}
