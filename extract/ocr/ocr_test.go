package ocr

import (
	"context"
	"errors"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/extract/document"
	"xxgk/schema"
)

// page draws a white page with a ruled table: rows at ys, columns at xs,
// the first two cells of row 0 merged (no ruling between them).
func tablePage(w, h int, xs, ys []int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for _, y := range ys {
		for x := xs[0]; x <= xs[len(xs)-1]; x++ {
			g.SetGray(x, y, color.Gray{0})
			g.SetGray(x, y+1, color.Gray{0})
		}
	}
	for i, x := range xs {
		for y := ys[0]; y <= ys[len(ys)-1]; y++ {
			if i == 1 && y < ys[1] {
				continue // merged cell
			}
			g.SetGray(x, y, color.Gray{0})
			g.SetGray(x+1, y, color.Gray{0})
		}
	}
	return g
}

func TestGridWithMergedCell(t *testing.T) {
	xs, ys := []int{100, 300, 500, 700}, []int{100, 160, 220}
	g := tablePage(800, 400, xs, ys)
	b := binarize(g, otsu(g))
	grids := tables(rulings(b, false, 32), rulings(b, true, 32), 3)
	require.Len(t, grids, 1)
	gr := grids[0]
	assert.Equal(t, []int{100, 300, 500, 700}, gr.xs)
	assert.Equal(t, []int{100, 160, 220}, gr.ys)
	assert.Equal(t, []gridCell{
		{0, 0, 1, 2}, {0, 2, 1, 3},
		{1, 0, 2, 1}, {1, 1, 2, 2}, {1, 2, 2, 3},
	}, gr.cells)
}

func TestSkewAndRotate(t *testing.T) {
	xs, ys := []int{100, 400, 700, 1000}, []int{200, 260, 320, 380, 440}
	g := tablePage(1100, 700, xs, ys)
	for _, deg := range []float64{0.4, -0.7} {
		skewed := rotate(g, -deg) // rotate undoes a skew: this makes one
		got := skew(binarize(skewed, otsu(skewed)))
		assert.InDelta(t, deg, got, 0.05, "skew of %v°", deg)
		straight := rotate(skewed, got)
		assert.InDelta(t, 0, skew(binarize(straight, otsu(straight))), 0.05)
	}
}

func TestMaybeNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"": true, "12": true, "1O": true, "l": true, "3,555": true,
		"2.重复申请": false, "规章": false, "abc": false, "-1": true,
	} {
		assert.Equal(t, want, maybeNumber(s), s)
	}
}

func TestReadNumber(t *testing.T) {
	// Agreeing, confident readings: not low; alternatives include the
	// confusions of each digit.
	r := readNumber("447", 95, []digitRead{{"447", 96}, {"447", 93}}, 80)
	assert.Equal(t, "447", r.text)
	assert.False(t, r.low)
	assert.Contains(t, r.alts, "147")
	// Readings that disagree are low, whatever the confidence.
	r = readNumber("60", 95, []digitRead{{"66", 96}, {"66", 90}}, 80)
	assert.Equal(t, "66", r.text)
	assert.True(t, r.low)
	assert.Contains(t, r.alts, "60")
	// Thousands: a separator read as a point gives the number as an
	// alternative; a proper separator is read.
	r = readNumber("3,007", 90, []digitRead{{"3.007", 91}, {"3,007", 90}}, 80)
	assert.Equal(t, "3.007", r.text)
	assert.Contains(t, r.alts, "3007")
	assert.True(t, r.low)
	// No reading at all: an unreadable number, never a blank.
	r = readNumber("", -1, []digitRead{{"", -1}, {"", -1}}, 80)
	assert.Equal(t, "\ufffd", r.text)
	assert.True(t, r.low)
	// Negative (本年增减).
	r = readNumber("-2", 95, []digitRead{{"-2", 96}, {"-2", 95}}, 80)
	assert.Equal(t, "-2", r.text)
}

// proofDoc builds table 3's new_received, carried_over, results_total and
// carried_forward total column as OCR cells, with the given alternatives.
func proofReport(values map[string]float64, alts map[string][]string) (*schema.Report, *document.Document) {
	r := &schema.Report{}
	doc := &document.Document{}
	tbl := &document.Table{Grid: true}
	i := 0
	for k, v := range values {
		i++
		o := &schema.OCRReading{Page: 1, Box: [4]float64{float64(i), 0, float64(i) + 1, 1}, Confidence: 95}
		if alts[k] != nil {
			o.Confidence, o.Low = 60, true
		}
		r.Cells = append(r.Cells, schema.Cell{Key: k, Kind: schema.KindNumber, Value: v, Raw: schema.FormatNumber(v), OCR: o})
		tbl.Rows = append(tbl.Rows, document.Row{Cells: []document.Cell{{Text: schema.FormatNumber(v), OCR: o, Alternatives: alts[k]}}})
	}
	doc.Blocks = []document.Block{{Table: tbl}}
	r.Notes = []schema.Note{{Code: "ocr", Message: "pages 1 read by OCR"}}
	return r, doc
}

// A column of table 3 for the legal_services applicants: new 5 + carried 1
// = results 4 + forward 2, the results row summing its parts.
func column(misread map[string]float64) map[string]float64 {
	v := map[string]float64{}
	for _, k := range []string{"requests.new_received", "requests.carried_over", "requests.granted", "requests.results_total", "requests.carried_forward"} {
		v[k+".legal_services"] = map[string]float64{"requests.new_received": 5, "requests.carried_over": 1, "requests.granted": 4, "requests.results_total": 4, "requests.carried_forward": 2}[k]
	}
	for k, x := range misread {
		v[k] = x
	}
	return v
}

func TestProofReadCorrectsUniqueReading(t *testing.T) {
	// 5 misread as 3: only the alternative 5 makes its rules hold.
	r, doc := proofReport(column(map[string]float64{"requests.new_received.legal_services": 3}),
		map[string][]string{"requests.new_received.legal_services": {"5", "8"}, "requests.granted.legal_services": {"1", "7"}})
	ProofRead(r, doc)
	c, _ := r.Cell("requests.new_received.legal_services")
	assert.Equal(t, 5.0, c.Value)
	assert.True(t, c.OCR.Corrected)
	assert.True(t, c.Uncertain())
	assert.Contains(t, r.Notes[0].Message, "requests.new_received.legal_services 3→5")
	g, _ := r.Cell("requests.granted.legal_services")
	assert.False(t, g.OCR.Corrected)
}

func TestProofReadLeavesAmbiguity(t *testing.T) {
	// carried_forward misread 2→8 would be fixed by it reading 2, but
	// carried_over reading 7 fixes the balance as well: two ways, so no
	// correction, and both cells are marked low.
	r, doc := proofReport(column(map[string]float64{"requests.carried_forward.legal_services": 8}),
		map[string][]string{"requests.carried_forward.legal_services": {"2"}, "requests.carried_over.legal_services": {"7"}})
	ProofRead(r, doc)
	f, _ := r.Cell("requests.carried_forward.legal_services")
	o, _ := r.Cell("requests.carried_over.legal_services")
	assert.Equal(t, 8.0, f.Value)
	assert.False(t, f.OCR.Corrected)
	assert.True(t, f.OCR.Low)
	assert.True(t, o.OCR.Low)
	assert.Equal(t, "pages 1 read by OCR", r.Notes[0].Message)
}

func TestProofReadKeepsConfidentReadings(t *testing.T) {
	// review-like error printed by the agency, read with high confidence:
	// an alternative would make the rule hold, but the reading stands.
	r, doc := proofReport(column(map[string]float64{"requests.new_received.legal_services": 3}), nil)
	for i := range doc.Blocks[0].Table.Rows {
		doc.Blocks[0].Table.Rows[i].Cells[0].Alternatives = []string{"5"}
	}
	ProofRead(r, doc)
	c, _ := r.Cell("requests.new_received.legal_services")
	assert.Equal(t, 3.0, c.Value)
	assert.False(t, c.Uncertain())
}

func TestProofReadKeepsBalancedTables(t *testing.T) {
	r, doc := proofReport(column(nil), map[string][]string{"requests.granted.legal_services": {"1"}})
	ProofRead(r, doc)
	for _, c := range r.Cells {
		assert.False(t, c.OCR.Corrected, c.Key)
	}
}

func TestCheckWithoutTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := Check(context.Background(), "")
	var se *schema.Error
	require.True(t, errors.As(err, &se), "err = %v", err)
	assert.Equal(t, schema.ErrOCRUnavailable, se.Code)
	assert.Contains(t, err.Error(), "apt-get install tesseract-ocr tesseract-ocr-chi-sim")
	_, err = Read(context.Background(), []Page{{Number: 1, Image: image.NewGray(image.Rect(0, 0, 10, 10))}}, document.Image, Options{})
	require.True(t, errors.As(err, &se))
	assert.Equal(t, schema.ErrOCRUnavailable, se.Code)
}

func TestJoinText(t *testing.T) {
	assert.Equal(t, "本年新收政府信息公开申请数量", joinText("本年 新收 政府 信息 公开 申请 数量"))
	assert.Equal(t, "2024年，全年共收到66件", joinText("2024 年 ， 全年 共 收到 66 件"))
	assert.Equal(t, "a b", joinText("a b"))
	assert.False(t, strings.Contains(joinText("(七) 总计"), " "))
	assert.Equal(t, 0.0, math.Abs(0))
}
