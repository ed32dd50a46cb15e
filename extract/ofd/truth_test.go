package ofd_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// ofdFixtures returns the generated OFD fixtures (fixtures/ofd), each with
// its truth file beside it.
func ofdFixtures(t testing.TB) []string {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "ofd", "*.ofd"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no OFD fixtures in fixtures/ofd (%v)", err)
	}
	return paths
}

// TestTruth reads every OFD fixture through extract.Parse: every cell
// exactly as its truth, every cell located by page and box, and the
// verifier's findings exactly the truth's.
func TestTruth(t *testing.T) {
	for _, path := range ofdFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			truth, err := fixtures.Load(strings.TrimSuffix(path, ".ofd") + ".truth.json")
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), filepath.Base(path), data)
			if r.Status != schema.StatusOK || r.Format != "ofd" {
				t.Fatalf("status %s format %s: %s", r.Status, r.Format, r.ErrorMessage)
			}
			for _, d := range fixtures.Diff(truth, r) {
				t.Error(d)
			}
			if string(r.Template) != truth.Template || r.Year != truth.Year || r.Agency != truth.Agency {
				t.Errorf("template %s year %d agency %s, want %s %d %s", r.Template, r.Year, r.Agency, truth.Template, truth.Year, truth.Agency)
			}
			for _, c := range r.Cells {
				if c.Loc.Page < 1 || c.Loc.Page > r.Pages || c.Loc.Box == nil {
					t.Errorf("%s: location %+v has no page and box", c.Key, c.Loc)
				}
			}
			want := slices.Clone(truth.Findings)
			fixtures.SortFindings(want)
			got := fixtures.TruthFindings(extract.Check(r))
			if !slices.EqualFunc(got, want, func(a, b fixtures.TruthFinding) bool {
				return a.Rule == b.Rule && a.Severity == b.Severity && a.Expected == b.Expected && a.Found == b.Found && slices.Equal(a.Keys, b.Keys)
			}) {
				t.Errorf("findings:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// printed is one TextObject of an OFD page as the package writes it: its
// text and its Boundary in millimetres.
type printed struct {
	text string
	box  [4]float64
}

// printedText lists the TextObjects of every page of an OFD fixture,
// read with encoding/xml apart from the package's own reader. ofdgen writes
// one object per line of text, its Boundary the line's box.
func printedText(t *testing.T, data []byte) map[int][]printed {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[int][]printed{}
	for _, f := range zr.File {
		var n int
		if _, err := fmt.Sscanf(f.Name, "Doc_0/Pages/Page_%d/Content.xml", &n); err != nil {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Objects []struct {
				Boundary string   `xml:"Boundary,attr"`
				Codes    []string `xml:"TextCode"`
			} `xml:"Content>Layer>TextObject"`
		}
		err = xml.NewDecoder(rc).Decode(&page)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Objects {
			var p printed
			fmt.Sscanf(o.Boundary, "%g %g %g %g", &p.box[0], &p.box[1], &p.box[2], &p.box[3])
			p.text = strings.Join(o.Codes, "")
			out[n+1] = append(out[n+1], p)
		}
	}
	return out
}

// TestCellLocations checks a few cells of each fixture against where the
// package prints them: the cell's page, and its box (in points) the
// Boundaries (in millimetres) of the TextObjects printing the cell's text,
// left and right within a tenth of a point, top and bottom within half a
// point (the glyph box's top and bottom are the reader's estimate).
func TestCellLocations(t *testing.T) {
	keys := []string{"active.rules.issued", "requests.new_received.total", "requests.granted.natural_person",
		"requests.results_total.total", "requests.carried_forward.total", "review.total", "litigation_after_review.pending"}
	const pt = 72 / 25.4
	for _, path := range ofdFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pages := printedText(t, data)
			cells := extract.Parse(context.Background(), filepath.Base(path), data).CellMap()
			checked := 0
			for _, k := range keys {
				c, ok := cells[k]
				if !ok || c.Kind != schema.KindNumber {
					continue // blank in this report
				}
				checked++
				// The TextObjects inside the box print the cell's text (a
				// number wrapped in a narrow column takes two), and their
				// union is the box.
				b := c.Loc.Box
				text, union := "", [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
				for _, p := range pages[c.Loc.Page] {
					x0, y0, x1, y1 := p.box[0]*pt, p.box[1]*pt, (p.box[0]+p.box[2])*pt, (p.box[1]+p.box[3]/1.2)*pt
					if x0 > b[0]-0.5 && y0 > b[1]-0.5 && x1 < b[2]+0.5 && y1 < b[3]+0.5 {
						text += p.text
						union = [4]float64{min(union[0], x0), min(union[1], y0), max(union[2], x1), max(union[3], y1)}
					}
				}
				if text != c.Raw || math.Abs(b[0]-union[0]) > 0.1 || math.Abs(b[2]-union[2]) > 0.1 ||
					math.Abs(b[1]-union[1]) > 0.5 || math.Abs(b[3]-union[3]) > 0.5 {
					t.Errorf("%s %q at page %d box %v: the TextObjects there print %q in %v", k, c.Raw, c.Loc.Page, *b, text, union)
				}
			}
			if checked < 4 {
				t.Errorf("only %d of the keys are printed", checked)
			}
		})
	}
}
