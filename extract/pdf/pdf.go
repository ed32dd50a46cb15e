// Package pdf extracts the text and tables of PDF reports into a
// format-neutral document.
//
// The PDF library (ledongthuc/pdf) is used for objects and streams only:
// this package interprets the page content itself (text state and
// matrices, fonts through their ToUnicode maps, path operators for table
// rulings), because the library's own text extraction loses glyph widths,
// vertical writing and the difference between clips and borders.
package pdf

import (
	"context"
	"errors"
	"fmt"

	"xxgk/extract/document"
	"xxgk/extract/pdf/layout"
	"xxgk/schema"
)

// Extract reads a PDF file. Errors are *schema.Error: unreadable for a
// damaged file, encrypted, no_text_layer for scans, undecodable_text when
// the fonts cannot be decoded. The document, when not nil, still says how
// many pages the file has.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	d, err := open(data)
	if err != nil {
		return nil, err
	}
	n, err := d.numPages()
	if err != nil {
		return nil, err
	}
	doc := &document.Document{Format: document.PDF, Pages: n}
	pages := make([]layout.Page, 0, n)
	for i := 1; i <= n; i++ {
		p, err := d.page(ctx, i)
		if err != nil {
			return doc, err
		}
		pages = append(pages, *p)
	}
	doc.Blocks = layout.Blocks(pages)
	switch {
	case d.known == 0 && d.unknown == 0:
		return doc, schema.Errorf(schema.ErrNoTextLayer, "no text layer in %d pages: a scanned report", n)
	case d.unknown > d.known:
		reason := errors.New("the fonts have no ToUnicode map")
		if d.fontErr != nil {
			reason = d.fontErr
		}
		return doc, &schema.Error{Code: schema.ErrUndecodableText,
			Err: fmt.Errorf("%d of %d characters cannot be decoded: %w", d.unknown, d.known+d.unknown, reason)}
	}
	return doc, nil
}

// page runs the content of page n and returns what it drew.
func (d *reader) page(ctx context.Context, n int) (*layout.Page, error) {
	s, err := d.setup(n)
	if err != nil {
		return nil, err
	}
	p := &layout.Page{Number: n, Width: s.width, Height: s.height}
	in := interp{ctx: ctx, doc: d, page: p, gs: gstate{ctm: s.ctm, scale: 1, lineWidth: 1}}
	if err := in.run(s.content, s.res); err != nil {
		var se *schema.Error
		switch {
		case errors.As(err, &se):
			se.Page = n
		case errors.Is(err, context.DeadlineExceeded):
			return nil, &schema.Error{Code: schema.ErrTimeout, Page: n, Err: err}
		default:
			return nil, &schema.Error{Code: schema.ErrInternal, Page: n, Err: err}
		}
		return nil, err
	}
	return p, nil
}
