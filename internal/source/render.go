// Package source shows where a value came from: the original page of a PDF
// drawn as an image, with the cells of a finding outlined at the place
// their provenance gives.
//
// Pages are drawn by an installed renderer, poppler's pdftoppm or MuPDF's
// mutool, rather than in the browser: the page looks exactly as in a PDF
// viewer (the fonts the file embeds, no JavaScript bundle of several
// megabytes with CJK character maps to ship), and both tools draw the page
// as displayed — the CropBox, turned by /Rotate — which is the frame
// locations are given in (points from the displayed page's top-left
// corner). Where neither is installed, Page fails with a *MissingToolError
// that says what to install; everything else works without it.
package source

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"xxgk/extract/bounded"
)

// Limits of a rendering.
const (
	MaxDPI = 300 // a page at 300 dpi is about 2500 × 3500 pixels
	// MaxImage bounds the PNG a renderer may write for one page.
	MaxImage = 64 << 20
)

// MissingToolError says that no renderer is installed, and how to get one.
type MissingToolError struct{}

func (*MissingToolError) Error() string {
	return "no PDF renderer installed: the original page needs poppler's pdftoppm (apt-get install poppler-utils) or MuPDF's mutool (apt-get install mupdf-tools)"
}

// Renderer draws PDF pages with one installed tool.
type Renderer struct {
	tool string // "pdftoppm" or "mutool"
	path string
}

// NewRenderer finds a renderer on the PATH: pdftoppm first, then mutool.
func NewRenderer() (*Renderer, error) {
	for _, tool := range []string{"pdftoppm", "mutool"} {
		if p, err := exec.LookPath(tool); err == nil {
			return &Renderer{tool: tool, path: p}, nil
		}
	}
	return nil, &MissingToolError{}
}

// Tool names the renderer in use.
func (r *Renderer) Tool() string { return r.tool }

// Page draws page n (1-based) of the PDF file at path at dpi (1 to MaxDPI)
// and returns it as PNG. The image is the page as displayed; a location's
// box maps onto it with Pixels.
func (r *Renderer) Page(ctx context.Context, path string, n, dpi int) ([]byte, error) {
	if n < 1 {
		return nil, fmt.Errorf("page %d: pages are numbered from 1", n)
	}
	if dpi < 1 || dpi > MaxDPI {
		return nil, fmt.Errorf("%d dpi: the renderer draws at 1 to %d dpi", dpi, MaxDPI)
	}
	tmp, err := os.MkdirTemp("", "xxgk-page-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "page")
	var cmd *exec.Cmd
	switch r.tool {
	case "pdftoppm":
		// -cropbox: poppler otherwise draws the MediaBox.
		cmd = exec.CommandContext(ctx, r.path, "-png", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(n), "-l", strconv.Itoa(n),
			"-cropbox", "-singlefile", path, out)
		out += ".png"
	default:
		out += ".png"
		cmd = exec.CommandContext(ctx, r.path, "draw", "-q", "-F", "png", "-r", strconv.Itoa(dpi), "-o", out, path, strconv.Itoa(n))
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s page %d: %w", r.tool, n, ctx.Err())
		}
		return nil, fmt.Errorf("%s page %d: %w: %s", r.tool, n, err, firstLine(stderr.String()))
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, fmt.Errorf("%s drew no page %d: %s", r.tool, n, firstLine(stderr.String()))
	}
	defer f.Close()
	return bounded.ReadAll(f, MaxImage, 0, fmt.Sprintf("the image of page %d", n))
}

// Pixels maps a location's box, in points from the top-left corner of the
// displayed page, onto an image of that page drawn at dpi: the smallest
// pixel rectangle that covers it.
func Pixels(box [4]float64, dpi int) image.Rectangle {
	s := float64(dpi) / 72
	return image.Rect(int(math.Floor(box[0]*s)), int(math.Floor(box[1]*s)), int(math.Ceil(box[2]*s)), int(math.Ceil(box[3]*s)))
}

func firstLine(s string) string {
	if i := bytes.IndexByte([]byte(s), '\n'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "no message"
	}
	return s
}
