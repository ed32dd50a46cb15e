// Package document is the format-neutral form that every extractor (PDF,
// DOCX, HTML, plain text) produces and the matchers read: paragraphs of text
// and tables of cells, in reading order, each with its place in the source.
package document

import (
	"strings"

	"xxgk/schema"
)

// Format names the kind of input a document came from.
type Format string

// Input formats.
const (
	PDF      Format = "pdf"
	DOCX     Format = "docx"
	HTML     Format = "html"
	Text     Format = "text"
	Markdown Format = "markdown"
	DOC      Format = "doc" // Word 97-2003 binary
	WPS      Format = "wps" // WPS Writer, Word binary structure
	RTF      Format = "rtf" // Rich Text Format, as Word and WPS save it
	OFD      Format = "ofd"
	Image    Format = "image" // PNG, JPEG, TIFF: read by OCR
)

// Document is the content of one file in reading order.
type Document struct {
	Format Format
	Pages  int     // PDF pages; 0 where the format has none
	Blocks []Block // paragraphs and tables in reading order
	// Notes say how the file was read where that matters (a repaired PDF,
	// OCRed pages); the report carries them.
	Notes []schema.Note
}

// Block is a paragraph (Table == nil) or a table.
type Block struct {
	Text  string          // paragraph text, one line of the source
	Loc   schema.Location // where the paragraph sits
	Table *Table
}

// Table is a grid of cells as printed. A table the source broke in two (over
// a page, or into several <table> elements) may arrive as two Tables: the
// matchers join them.
type Table struct {
	Rows []Row
	// Grid is true when Cell.Col and Cell.Span place every cell in a common
	// column grid (DOCX, HTML, ruled PDF tables). Plain text loses merged
	// cells, so its columns cannot be trusted and Grid is false.
	Grid bool
}

// Row is one printed row of a table.
type Row struct {
	Cells []Cell
}

// Cell is one cell of a table row. Blank cells are present with empty Text,
// so that values keep their columns.
type Cell struct {
	Text string
	Col  int // 0-based first grid column
	Span int // grid columns covered, ≥ 1
	// Merged marks the continuation of a cell merged vertically from the row
	// above (w:vMerge continue, HTML rowspan): it carries no text of its own.
	Merged bool
	Loc    schema.Location
	// OCR is set when the cell was read from an image; Alternatives are the
	// other plausible readings of its number, for the proof-reader.
	OCR          *schema.OCRReading
	Alternatives []string
}

// Lines returns the text of every paragraph, in order, tables left out.
func (d *Document) Lines() []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Table == nil {
			out = append(out, b.Text)
		}
	}
	return out
}

// RowText joins the non-empty cell texts of a row with single spaces.
func (r Row) RowText() string {
	var parts []string
	for _, c := range r.Cells {
		if t := strings.TrimSpace(c.Text); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ")
}
