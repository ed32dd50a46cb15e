// Package ocr reads scanned pages with tesseract: it straightens the page,
// finds the ruling-line grid of every table on the image (merged cells
// included), whites the rulings out and reads each cell on its own, reads
// the text outside the tables line by line, and returns the same
// format-neutral document the other extractors give. Numbers are read twice
// (Chinese model, then digits only) and carry their confidence and
// alternative readings, so that ProofRead can let the balance rules decide
// between readings, and so that a rule failing on an uncertain reading is a
// warning, never an error.
//
// tesseract runs as a command (os/exec), one process per page and pass over
// all of that page's crops, listed in a file; pages run in parallel with
// OMP_THREAD_LIMIT=1.
package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"runtime"
	"sync"
	"time"

	"xxgk/extract/document"
	"xxgk/extract/quality"
	"xxgk/schema"
)

// Limits. A page larger than MaxPixels (an A4 page at about 700 dpi) is
// refused rather than read slowly: memory grows with it (a few bytes per
// pixel while a page is read).
const (
	MaxPixels          = 40_000_000
	DefaultPageTimeout = 3 * time.Minute
	// DefaultMinConfidence is the tesseract confidence (0–100) below which
	// a number is marked Low: a rule failing on it is then a warning.
	DefaultMinConfidence = 80
)

// Options configure the OCR stage. The zero value is ready to use.
type Options struct {
	Tesseract     string        // the tesseract command; "tesseract" when empty
	Workers       int           // pages read at once; the number of CPUs when 0
	PageTimeout   time.Duration // per page; DefaultPageTimeout when 0
	MinConfidence float64       // DefaultMinConfidence when 0
}

func (o Options) tesseract() string {
	if o.Tesseract == "" {
		return "tesseract"
	}
	return o.Tesseract
}

func (o Options) minConfidence() float64 {
	if o.MinConfidence == 0 {
		return DefaultMinConfidence
	}
	return o.MinConfidence
}

// Page is one page image to read. Number is 1-based; Scale converts image
// pixels into the units of the document's locations (points for a PDF page,
// 1 for an image file).
type Page struct {
	Number int
	Image  image.Image
	Scale  float64
}

func (p Page) units(r image.Rectangle) *[4]float64 {
	s := p.Scale
	if s == 0 {
		s = 1
	}
	return &[4]float64{float64(r.Min.X) * s, float64(r.Min.Y) * s, float64(r.Max.X) * s, float64(r.Max.Y) * s}
}

// pageStats is what reading one page found, for the ocr note.
type pageStats struct {
	skew           float64
	crops          int
	numbers, low   int
	elapsed        time.Duration
	corrected, bad int
}

// Read OCRs pages into a document of format f with Pages set and a note
// saying which pages were OCRed. It fails with ocr_unavailable when
// tesseract or its chi_sim model is missing.
func Read(ctx context.Context, pages []Page, f document.Format, opt Options) (*document.Document, error) {
	doc := &document.Document{Format: f, Pages: len(pages)}
	if err := Check(ctx, opt.Tesseract); err != nil {
		return doc, err
	}
	for _, p := range pages {
		b := p.Image.Bounds()
		if b.Dx()*b.Dy() > MaxPixels {
			return doc, &schema.Error{Code: schema.ErrTooLarge, Page: p.Number,
				Err: fmt.Errorf("page image of %d×%d pixels is larger than %d pixels", b.Dx(), b.Dy(), MaxPixels)}
		}
	}
	dir, err := os.MkdirTemp("", "xxgk-ocr-")
	if err != nil {
		return doc, &schema.Error{Code: schema.ErrInternal, Err: err}
	}
	defer os.RemoveAll(dir)

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	timeout := opt.PageTimeout
	if timeout <= 0 {
		timeout = DefaultPageTimeout
	}
	blocks := make([][]document.Block, len(pages))
	stats := make([]pageStats, len(pages))
	errs := make([]error, len(pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i, p := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			pctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			pdir, err := os.MkdirTemp(dir, "page")
			if err != nil {
				errs[i] = err
				return
			}
			start := time.Now()
			blocks[i], stats[i], errs[i] = readPage(pctx, opt, pdir, p)
			stats[i].elapsed = time.Since(start)
			os.RemoveAll(pdir)
			if errs[i] != nil && errors.Is(pctx.Err(), context.DeadlineExceeded) {
				errs[i] = &schema.Error{Code: schema.ErrTimeout, Page: p.Number,
					Err: fmt.Errorf("OCR of the page took longer than %s", timeout)}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err == nil {
			continue
		}
		var se *schema.Error
		if errors.As(err, &se) {
			if se.Page == 0 {
				se.Page = pages[i].Number
			}
			return doc, se
		}
		return doc, &schema.Error{Code: schema.ErrInternal, Page: pages[i].Number, Err: fmt.Errorf("OCR: %w", err)}
	}
	var nums []int
	numbers, low := 0, 0
	for i, b := range blocks {
		doc.Blocks = append(doc.Blocks, b...)
		nums = append(nums, pages[i].Number)
		numbers += stats[i].numbers
		low += stats[i].low
	}
	doc.Notes = append(doc.Notes, schema.Note{Code: "ocr", Message: fmt.Sprintf(
		"pages %s read by OCR (tesseract); %d numbers read, %d of them with low confidence",
		quality.Ranges(nums), numbers, low)})
	return doc, nil
}
