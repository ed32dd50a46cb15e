package pdf_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"xxgk/extract/pdf"
	"xxgk/fixtures"
)

// pdftotextWord is a <word> of `pdftotext -bbox` output.
type pdftotextWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

type pdftotextDoc struct {
	Pages []struct {
		Words []pdftotextWord `xml:"word"`
	} `xml:"body>doc>page"`
}

var number = regexp.MustCompile(`^[0-9]+$`)

// TestCellBoxesMatchPdftotext checks that the box of every number cell is
// where poppler's pdftotext -bbox finds that number printed, so locations
// point at the printed value: left and right within half a point, vertical
// centres within 1.5 points (top and bottom depend on the ascent and
// descent a reader takes when the font descriptor gives none), or the same
// with x and y exchanged on a page drawn sideways. Needs pdftotext
// (poppler-utils); skipped without it.
func TestCellBoxesMatchPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	for _, path := range []string{
		filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "gs_lo_2021_plain.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "cairo_jiangsu_huaian_hongzequ_2024.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "side_lo_2021_plain.pdf"),
		filepath.Join(fixtures.Dir(), "pdf", "chromium_shanghai_shizhengfubangongting_2019.pdf"),
	} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if filepath.Dir(path) == fixtures.CorpusDir() {
				fixtures.NeedCorpus(t)
			}
			out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext writes XHTML with a DOCTYPE the decoder need not fetch.
			dec := xml.NewDecoder(bytes.NewReader(out))
			dec.Strict = false
			var ref pdftotextDoc
			if err := dec.Decode(&ref); err != nil {
				t.Fatalf("reading pdftotext output: %v", err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := pdf.Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, b := range doc.Blocks {
				if b.Table == nil {
					continue
				}
				for _, row := range b.Table.Rows {
					for _, c := range row.Cells {
						if !number.MatchString(c.Text) {
							continue
						}
						checked++
						if !printedAt(ref.Pages[c.Loc.Page-1].Words, c.Text, c.Loc.Box) {
							t.Errorf("cell %q on page %d at %v: pdftotext has no such word there", c.Text, c.Loc.Page, *c.Loc.Box)
						}
					}
				}
			}
			if checked < 40 {
				t.Errorf("only %d number cells checked", checked)
			}
		})
	}
}

func printedAt(words []pdftotextWord, text string, box *[4]float64) bool {
	for _, w := range words {
		if w.Text != text {
			continue
		}
		across := math.Abs(w.XMin-box[0]) < 0.5 && math.Abs(w.XMax-box[2]) < 0.5 &&
			math.Abs((w.YMin+w.YMax)/2-(box[1]+box[3])/2) < 1.5
		// Text drawn sideways: the same, along y.
		sideways := math.Abs(w.YMin-box[1]) < 0.5 && math.Abs(w.YMax-box[3]) < 0.5 &&
			math.Abs((w.XMin+w.XMax)/2-(box[0]+box[2])/2) < 1.5
		if across || sideways {
			return true
		}
	}
	return false
}
