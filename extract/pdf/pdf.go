// Package pdf extracts the text and tables of PDF reports into a
// format-neutral document.
//
// The PDF library (ledongthuc/pdf) is used for objects and streams only:
// this package interprets the page content itself (text state and
// matrices, fonts through their ToUnicode maps, path operators for table
// rulings), because the library's own text extraction loses glyph widths,
// vertical writing and the difference between clips and borders.
//
// The way through a file:
//   - reader.go, guard.go, pagetree.go: every call into the library, each
//     behind recover (safely), so damage comes back as an unreadable
//     *schema.Error; fonts and forms loaded once per PDF object.
//   - lex.go, interp.go: the content-stream operators of a page, giving
//     glyphs with boxes and ruling lines in points from the top-left of the
//     page as displayed (the initial matrix applies the crop box and
//     /Rotate).
//   - font (with cmap, gbcmap, sfnt, glyphnames): what a shown string's
//     bytes are, as text and widths.
//   - layout: glyphs and rulings to paragraphs and tables.
//   - quality: whether the text layer can be trusted at all.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"xxgk/extract/document"
	"xxgk/extract/pdf/layout"
	"xxgk/extract/quality"
	"xxgk/schema"
)

// Extract reads a PDF file. Errors are *schema.Error: unreadable for a
// damaged file, encrypted, no_text_layer for scans, undecodable_text when
// the fonts cannot be decoded. The document, when not nil, still says how
// many pages the file has.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	d, note, err := open(data)
	if err != nil {
		return nil, err
	}
	n, err := d.numPages()
	if err != nil {
		return nil, withNote(err, d.lost(note))
	}
	doc := &document.Document{Format: document.PDF, Pages: n}
	pages := make([]layout.Page, 0, n)
	for i := 1; i <= n; i++ {
		p, err := d.page(ctx, i)
		if err != nil {
			d.addNote(doc, note)
			return doc, err
		}
		pages = append(pages, *p)
	}
	doc.Blocks = layout.Blocks(pages)
	d.addNote(doc, note)
	if err := quality.Assess(d.tallies); err != nil {
		var se *schema.Error
		if errors.As(err, &se) && se.Code == schema.ErrUndecodableText && d.fontErr != nil {
			se.Err = fmt.Errorf("%w (%w)", se.Err, d.fontErr)
		}
		// In a repaired file, pages without text whose content is gone
		// were cut off, not scanned.
		if errors.As(err, &se) && se.Code == schema.ErrNoTextLayer && note != nil && len(d.missingContent) > 0 {
			return doc, schema.Errorf(schema.ErrUnreadable, "the content of %s is missing: the file is cut off or damaged", pagesPhrase(d.missingContent))
		}
		if errors.As(err, &se) && se.Code == schema.ErrNoTextLayer && len(pages) > 0 {
			return d.ocrPages(ctx, data, doc, err) // a scan: images.go
		}
		return doc, err
	}
	return doc, nil
}

// lost adds to the note of a repaired file what its reading found
// missing: pages of the page tree, page contents. It returns note.
func (d *reader) lost(note *schema.Note) *schema.Note {
	if note == nil {
		return nil
	}
	if d.missingPages > 0 {
		note.Message += fmt.Sprintf("; %d pages of the page tree are missing (the file is cut off?)", d.missingPages)
	}
	if len(d.missingContent) > 0 {
		note.Message += fmt.Sprintf("; the content of %s is missing", pagesPhrase(d.missingContent))
	}
	return note
}

// addNote gives doc the note of a repaired file, with what was lost.
func (d *reader) addNote(doc *document.Document, note *schema.Note) {
	if note := d.lost(note); note != nil {
		doc.Notes = append(doc.Notes, *note)
	}
}

// pagesPhrase names pages: "page 3", "pages 1, 4".
func pagesPhrase(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d", pages[0])
	}
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = strconv.Itoa(p)
	}
	return "pages " + strings.Join(s, ", ")
}

// page runs the content of page n and returns what it drew.
func (d *reader) page(ctx context.Context, n int) (*layout.Page, error) {
	s, err := d.setup(n)
	if err != nil {
		return nil, err
	}
	p := &layout.Page{Number: n, Width: s.width, Height: s.height}
	in := interp{ctx: ctx, doc: d, page: p, gs: gstate{ctm: s.ctm, scale: 1}}
	if err := in.run(s.content, s.res); err != nil {
		var se *schema.Error
		switch {
		case errors.As(err, &se):
			se.Page = n
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			return nil, &schema.Error{Code: schema.ErrTimeout, Page: n, Err: fmt.Errorf("reading stopped: %w", err)}
		default:
			return nil, &schema.Error{Code: schema.ErrInternal, Page: n, Err: err}
		}
		return nil, err
	}
	d.tallies = append(d.tallies, in.text)
	return p, nil
}

// withNote adds the repair note to the error of a repaired file that still
// could not be read: the damage is the likely cause.
func withNote(err error, note *schema.Note) error {
	var se *schema.Error
	if note == nil || !errors.As(err, &se) {
		return err
	}
	se.Err = fmt.Errorf("%w (%s)", se.Err, note.Message)
	return err
}
