// Package docx extracts the text and tables of DOCX reports into a
// format-neutral document: body paragraphs in order (with their automatic
// numbers, and text boxes after the paragraph that anchors them), and
// tables as rows of cells placed on the table's column grid, merged cells
// and all.
//
// Locations: a paragraph's Loc.Line is its number among all paragraphs of
// the body, those in tables included; a cell's Loc is {Table, Row, Col},
// 1-based, tables numbered in document order (nested ones included), rows
// as w:tr elements, columns on the table's grid.
//
// The package is read with archive/zip rather than a DOCX library because
// the reader must refuse zip bombs: every part is checked against a size
// limit both by its header and by counting the bytes actually inflated.
package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"

	"xxgk/extract/archive"
	"xxgk/extract/document"
	"xxgk/schema"
)

// Limits on what one DOCX may cost to read. Real reports have a
// word/document.xml of a few hundred kilobytes nested a few dozen elements
// deep.
const (
	MaxPartSize = 64 << 20 // bytes of one uncompressed part
	MaxDepth    = 256      // XML element nesting
)

// mainPart is the body of every DOCX the sniffer accepts.
const mainPart = "word/document.xml"

// Extract reads a DOCX file. Errors are *schema.Error: unreadable for a
// damaged package or body, too_large for a part over MaxPartSize or XML
// nested deeper than MaxDepth, timeout when ctx ends first.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return extract(ctx, data, MaxPartSize, MaxDepth)
}

func extract(ctx context.Context, data []byte, maxPart int64, maxDepth int) (*document.Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged DOCX package: %w", err)}
	}
	body, err := readPart(zr, mainPart, maxPart)
	if err != nil {
		return nil, err
	}
	num, err := readNumbering(zr, maxPart)
	if err != nil {
		return nil, err
	}
	blocks, err := parseBody(ctx, body, num, maxDepth)
	if err != nil {
		return nil, err
	}
	return &document.Document{Format: document.DOCX, Blocks: blocks}, nil
}

// findPart returns the part of the package with the given name, or nil.
func findPart(zr *zip.Reader, name string) *zip.File { return archive.FindPart(zr, name) }

// readPart inflates one part of the package within limit bytes
// (archive.ReadPart: the bytes are counted, not only the header's size).
func readPart(zr *zip.Reader, name string, limit int64) ([]byte, error) {
	f := findPart(zr, name)
	if f == nil {
		return nil, schema.Errorf(schema.ErrUnreadable, "the DOCX package has no %s", name)
	}
	return archive.ReadPart(f, limit)
}
