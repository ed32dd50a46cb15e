package source

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// The fixtures whose pages are displayed otherwise than their MediaBox
// says at face value (fixtures/pdf/boxes.py and make.py), with a plain one.
var boxFixtures = []string{
	"lo_2021_plain",
	"crop_lo_2021_plain",       // CropBox inside the MediaBox
	"origin_lo_2021_plain",     // MediaBox not at (0, 0)
	"rot_lo_2021_wrapped",      // /Rotate 270
	"crop_rot_lo_2021_wrapped", // both
	"side_lo_2021_plain",       // drawn sideways, no /Rotate
}

func parse(t *testing.T, id string) (string, *schema.Report) {
	t.Helper()
	path := filepath.Join(fixtures.Dir(), "pdf", id+".pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := extract.Parse(context.Background(), id, data)
	if r.Status != schema.StatusOK {
		t.Fatalf("%s: %s %s", id, r.Status, r.ErrorMessage)
	}
	return path, r
}

// Every number's box, mapped onto the page as each installed renderer draws
// it, covers ink: locations and the rendered page share one frame on
// cropped, shifted and rotated pages.
func TestBoxesCoverTheirDigits(t *testing.T) {
	const dpi = 150
	for _, tool := range []string{"pdftoppm", "mutool"} {
		p, err := exec.LookPath(tool)
		if err != nil {
			t.Logf("%s not installed: not checked", tool)
			continue
		}
		r := &Renderer{tool: tool, path: p}
		for _, id := range boxFixtures {
			t.Run(tool+"/"+id, func(t *testing.T) {
				path, rep := parse(t, id)
				pages := map[int]image.Image{}
				checked := 0
				for _, c := range rep.Cells {
					if _, ok := c.Number(); !ok || c.Loc.Box == nil {
						continue
					}
					img := pages[c.Loc.Page]
					if img == nil {
						img = render(t, r, path, c.Loc.Page, dpi)
						pages[c.Loc.Page] = img
					}
					if !covers(img, Pixels(*c.Loc.Box, dpi)) {
						t.Errorf("%s (%q) on page %d: box %v does not cover its digits (ink %d inside, %d around)", c.Key, c.Raw, c.Loc.Page, *c.Loc.Box,
							ink(img, Pixels(*c.Loc.Box, dpi)), ring(img, Pixels(*c.Loc.Box, dpi)))
					}
					checked++
				}
				if checked < 100 {
					t.Errorf("only %d number cells checked", checked)
				}
			})
		}
	}
}

// The check above can fail: were the boxes to ignore the CropBox (moved by
// its 30 pt offset), many would miss their digits on the cropped page (some
// land on another cell's digits), and the check wants every one.
func TestMisplacedBoxesMissTheirDigits(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Skip(err)
	}
	const dpi = 150
	path, rep := parse(t, "crop_lo_2021_plain")
	pages := map[int]image.Image{}
	missed, all := 0, 0
	for _, c := range rep.Cells {
		if _, ok := c.Number(); !ok || c.Loc.Box == nil {
			continue
		}
		if pages[c.Loc.Page] == nil {
			pages[c.Loc.Page] = render(t, r, path, c.Loc.Page, dpi)
		}
		b := *c.Loc.Box
		moved := [4]float64{b[0] + 30, b[1] + 30, b[2] + 30, b[3] + 30}
		if !covers(pages[c.Loc.Page], Pixels(moved, dpi)) {
			missed++
		}
		all++
	}
	if missed*10 < all {
		t.Errorf("boxes moved by the crop offset still cover ink for %d of %d cells", all-missed, all)
	}
}

// The same page under a CropBox, or on a MediaBox away from the origin,
// gives the same boxes, less the crop offset.
func TestBoxesFollowTheDisplayedPage(t *testing.T) {
	_, plain := parse(t, "lo_2021_plain")
	for id, offset := range map[string][2]float64{"crop_lo_2021_plain": {30, 30}, "origin_lo_2021_plain": {0, 0}} {
		_, r := parse(t, id)
		got := r.CellMap()
		for _, c := range plain.Cells {
			if c.Loc.Box == nil {
				continue
			}
			g := got[c.Key]
			want := *c.Loc.Box
			for i := range want {
				want[i] -= offset[i%2]
			}
			if g.Loc.Box == nil || g.Loc.Page != c.Loc.Page || !near(*g.Loc.Box, want) {
				t.Errorf("%s %s: page %d box %v, want page %d box %v", id, c.Key, g.Loc.Page, g.Loc.Box, c.Loc.Page, want)
			}
		}
	}
}

func TestMissingRenderer(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := NewRenderer(); err == nil || fmt.Sprint(err) != (&MissingToolError{}).Error() {
		t.Errorf("got %v, want the MissingToolError", err)
	}
}

func TestPageArguments(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Skip(err)
	}
	path := filepath.Join(fixtures.Dir(), "pdf", "lo_2021_plain.pdf")
	for _, tt := range []struct{ page, dpi int }{{0, 72}, {1, 0}, {1, MaxDPI + 1}, {99, 72}} {
		if _, err := r.Page(context.Background(), path, tt.page, tt.dpi); err == nil {
			t.Errorf("page %d at %d dpi: no error", tt.page, tt.dpi)
		}
	}
}

func render(t *testing.T, r *Renderer, path string, page, dpi int) image.Image {
	t.Helper()
	data, err := r.Page(context.Background(), path, page, dpi)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// covers reports whether rect holds the ink of what it bounds: some ink
// inside, and little in a ring of 3 pixels around it (a box beside its
// digits cuts them, one over a ruling line has the line run out of it).
func covers(img image.Image, rect image.Rectangle) bool {
	in := ink(img, rect)
	return in > 0 && ring(img, rect)*2 <= in
}

// ring counts the dark pixels within 3 pixels around rect.
func ring(img image.Image, rect image.Rectangle) int {
	return ink(img, rect.Inset(-3)) - ink(img, rect)
}

// ink counts the dark pixels of img inside rect.
func ink(img image.Image, rect image.Rectangle) int {
	n := 0
	rect = rect.Intersect(img.Bounds())
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if (r+g+b)/3 < 0x6000 {
				n++
			}
		}
	}
	return n
}

func near(a, b [4]float64) bool {
	for i := range a {
		if d := a[i] - b[i]; d > 0.01 || d < -0.01 {
			return false
		}
	}
	return true
}
