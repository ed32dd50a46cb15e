// Package ofd extracts the text and tables of OFD reports (GB/T 33190,
// China's fixed-layout format) into a format-neutral document.
//
// An OFD file is a zip package: OFD.xml names the document's root
// (DocBody/DocRoot, Document.xml), which lists its pages (each a
// Content.xml of layers of graphic objects) and its template pages, and
// names its resources (PublicRes, DocumentRes, each page's PageRes: fonts,
// drawing parameters), which reading the text does not need (see Fonts).
// This package reads the text objects (TextCode: Unicode
// text with glyph positions X, Y, DeltaX, DeltaY, under the object's
// Boundary and CTM and the font Size) and the path objects (AbbreviatedData
// lines and rectangles) of every page and its templates, and hands them as
// glyphs and ruling lines to the PDF layout (xxgk/extract/pdf/layout), so
// that tables come out of the same code as PDF tables.
//
// Coordinates: OFD measures in millimetres from the top-left corner of the
// page, y growing downwards; layout, and every location this package
// gives, uses points (1/72 inch) from the same corner, as for PDF. A cell's
// Loc is its page and box.
//
// Fonts: TextCode holds Unicode text, so an embedded font is not needed to
// read it. Glyph boxes are placed by DeltaX/DeltaY; a glyph's width is its
// advance where DeltaX gives one, capped by an estimate from the character
// (full-width for CJK, half for Latin letters and digits), as embedded
// fonts' metrics are not read.
package ofd

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"xxgk/extract/archive"
	"xxgk/extract/document"
	"xxgk/extract/pdf/layout"
	"xxgk/extract/quality"
	"xxgk/schema"
)

// Limits bound what one OFD may cost to read. Zero fields take the
// defaults: real reports are a few dozen pages of a few thousand objects
// each, their parts a few hundred kilobytes nested some ten elements deep.
type Limits struct {
	MaxPartSize int64 // bytes of one uncompressed part; default 64 MiB, as for DOCX
	MaxTotal    int64 // bytes of all parts read, together; default 256 MiB
	MaxDepth    int   // XML element nesting (page blocks included); default 256
	MaxElements int   // XML elements of one part; default 500000
	MaxPages    int   // pages of the document; default 2000
	MaxObjects  int   // graphic objects and glyphs of one page; default 100000
	// MaxDocumentObjects bounds the objects and glyphs of all pages
	// together: pages may share one content part. Default 500000.
	MaxDocumentObjects int
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if l.MaxPartSize <= 0 {
		l.MaxPartSize = 64 << 20
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = 256 << 20
	}
	def(&l.MaxDepth, 256)
	def(&l.MaxElements, 500_000)
	def(&l.MaxPages, 2000)
	def(&l.MaxObjects, 100_000)
	def(&l.MaxDocumentObjects, 500_000)
	return l
}

// Extract reads an OFD file within the default Limits. Errors are *schema.Error:
// unreadable for a damaged package or part, or a part the document names
// that the package lacks; too_large for a part, a page or a document over a
// limit; no_text_layer when no page has any text (a scan);
// undecodable_text when most of it is no Chinese or ASCII; timeout when ctx
// ends first. The document, when not nil, still says how many pages the
// file has.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return ExtractLimits(ctx, data, Limits{})
}

// ExtractLimits is Extract with other limits.
func ExtractLimits(ctx context.Context, data []byte, lim Limits) (*document.Document, error) {
	p, err := openPackage(ctx, data, lim.withDefaults())
	if err != nil {
		return nil, err
	}
	d, err := p.document()
	if err != nil {
		return nil, err
	}
	doc := &document.Document{Format: document.OFD, Pages: len(d.pages)}
	pages := make([]layout.Page, 0, len(d.pages))
	tallies := make([]quality.Page, 0, len(d.pages))
	for i, ref := range d.pages {
		pg, tally, err := p.page(d, ref, i+1)
		if err != nil {
			var se *schema.Error
			if errors.As(err, &se) && se.Page == 0 {
				se.Page = i + 1
			}
			return doc, err
		}
		pages = append(pages, *pg)
		tallies = append(tallies, tally)
	}
	doc.Blocks = layout.Blocks(pages)
	// The PDF reader's judgement of a text layer, with OFD's reasons.
	switch err := quality.Assess(tallies); schema.CodeOf(err) {
	case schema.ErrNoTextLayer:
		return doc, schema.Errorf(schema.ErrNoTextLayer, "no page of the OFD has any text: a scan, or text drawn as shapes")
	case schema.ErrUndecodableText:
		return doc, schema.Errorf(schema.ErrUndecodableText, "the OFD's text is mostly not Chinese or ASCII (private-use or replacement characters: TextCode written as glyph codes rather than Unicode): no values read from it")
	}
	return doc, nil
}

// pkg is an opened OFD package: its zip entries and what reading them has
// cost so far.
type pkg struct {
	ctx context.Context
	// files are the package's entries by path, in lower case: writers
	// differ in case between their references and their entries' names.
	files map[string]*zip.File
	lim   Limits
	read  int64 // bytes inflated so far, against lim.MaxTotal
	drawn int   // objects and glyphs of the pages so far, against lim.MaxDocumentObjects
	// templates holds the template pages read so far, by package path:
	// every page uses them.
	templates map[string]*node
}

func openPackage(ctx context.Context, data []byte, lim Limits) (*pkg, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged OFD package: %w", err)}
	}
	p := &pkg{ctx: ctx, files: map[string]*zip.File{}, lim: lim, templates: map[string]*node{}}
	for _, f := range zr.File {
		p.files[strings.ToLower(path.Clean("/" + f.Name))[1:]] = f
	}
	return p, nil
}

// resolve turns a location (ST_Loc) into a package path: absolute ones
// ("/Doc_0/...") from the package root, others from the folder of the part
// that names them.
func resolve(base, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, "\\", "/"))
	if strings.HasPrefix(loc, "/") {
		return path.Clean(loc)[1:]
	}
	return path.Clean("/" + path.Join(path.Dir(base), loc))[1:]
}

// xml reads and parses the part at name. what says what the part is, for
// the message when the package lacks it.
func (p *pkg) xml(name, what string) (*node, error) {
	f := p.files[strings.ToLower(name)]
	if f == nil {
		return nil, schema.Errorf(schema.ErrUnreadable, "the OFD package has no %s %s", what, name)
	}
	// A part over its own limit is reported as such by ReadPart.
	if f.UncompressedSize64 <= uint64(p.lim.MaxPartSize) && f.UncompressedSize64 > uint64(p.lim.MaxTotal-p.read) {
		return nil, schema.Errorf(schema.ErrTooLarge, "the parts of the OFD inflate to more than %d bytes", p.lim.MaxTotal)
	}
	data, err := archive.ReadPart(f, min(p.lim.MaxPartSize, p.lim.MaxTotal-p.read))
	p.read += int64(len(data))
	if err != nil {
		return nil, err
	}
	return parseXML(p.ctx, name, data, p.lim)
}

// BUG(ofd): Composite objects (CompositeObject, a drawing kept in the
// resources) and annotations (Annots: seals, stamps, handwriting) are not
// drawn: their text, if any, is not read. Reports print their tables in the
// page content.

// BUG(ofd): CharDirection and ReadDirection are not read: glyphs are placed
// by X, Y, DeltaX, DeltaY and the CTM alone, which is how writers turn text.

// BUG(ofd): Embedded fonts' metrics are not read: a glyph's width is
// estimated from its character (full-width for CJK, half for the rest),
// capped by its DeltaX advance. The text itself never depends on the font.
