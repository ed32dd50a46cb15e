// Package doc extracts the text and tables of Word 97-2003 binary
// documents (.doc, and the .wps of WPS Writer, which uses the same
// structure) and of RTF (rtf.go) into the format-neutral document the DOCX extractor also
// produces: body paragraphs in reading order and tables as rows of cells on
// the table's column grid, merged cells and all, so that a report saved as
// DOCX and as .doc reads the same.
//
// The OLE2 container is read by package cfb; the Word binary layer
// ([MS-DOC]) is read here: the File Information Block, the piece table
// (compressed cp1252 and UTF-16 pieces), paragraph and character property
// pages, table marks and row layouts, list definitions.
//
// Locations: a paragraph's Loc.Line is its number among all paragraphs of
// the main text, those in tables included (row ends are not paragraphs);
// a cell's Loc is {Table, Row, Col}, 1-based, tables numbered in document
// order (nested ones included), columns on the table's grid — the same
// numbering as the DOCX extractor's.
//
// BUG(doc): Text boxes, footnotes, headers and comments (other parts of
// the text than the main document) are not read.
//
// BUG(doc): Styles are not read: numbering that only a paragraph style
// carries is not rendered, and character toggles that refer to the style
// (hidden "as the style") read as off.
//
// BUG(doc): Piece properties of the short form (Prm0) and the table
// edits of Word 97 fast saves (sprmTInsert, sprmTDelete, sprmTMerge,
// sprmTSplit) are not applied.
package doc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"xxgk/extract/doc/cfb"
	"xxgk/extract/document"
	"xxgk/schema"
)

// Extract reads a Word binary document. Errors are *schema.Error:
// unreadable for a damaged container or document, encrypted for a
// password-protected one, unsupported_format for a compound file that is
// not a Word document (Kind says which), too_large for a stream over
// cfb.MaxStreamSize, timeout when ctx ends first.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	f, err := cfb.Open(data)
	if err != nil {
		return nil, err
	}
	format, err := kind(f)
	if err != nil {
		return nil, err
	}
	word, err := f.Stream("WordDocument")
	if err != nil {
		return nil, err
	}
	return read(ctx, format, word, f.Stream)
}

// read reads the Word binary layer: the WordDocument stream, and the
// other streams the FIB names, which stream returns (a missing one with an
// error wrapping cfb.ErrNoStream).
func read(ctx context.Context, format document.Format, word []byte, stream func(string) ([]byte, error)) (*document.Document, error) {
	fb, err := parseFIB(word)
	if err != nil {
		return nil, err
	}
	if fb.encrypted {
		return nil, schema.Errorf(schema.ErrEncrypted, "the document is password-protected (encrypted): open it with its password and save it without one")
	}
	table, err := stream(fb.tableName)
	if errors.Is(err, cfb.ErrNoStream) {
		return nil, damagedf("no %s stream, which holds the piece table and the properties", fb.tableName)
	}
	if err != nil {
		return nil, err
	}
	// Huge paragraph property lists (rows of many cells) live in Data.
	dataStream, err := stream("Data")
	if err != nil && !errors.Is(err, cfb.ErrNoStream) {
		return nil, err
	}
	clxBytes, err := fb.clx.slice(table, "piece table")
	if err != nil {
		return nil, err
	}
	c, err := parseClx(clxBytes, len(word))
	if err != nil {
		return nil, err
	}
	chars, err := c.text(word, fb.ccpText)
	if err != nil {
		return nil, err
	}
	rd := &reader{ctx: ctx, data: dataStream, clx: c}
	// Damaged property maps cost tables and hidden text, not the text.
	if b, err := fb.btePapx.slice(table, "paragraph property map"); err == nil {
		rd.papx = readFKPs(word, b, true)
	}
	if b, err := fb.bteChpx.slice(table, "character property map"); err == nil {
		rd.chpx = readFKPs(word, b, false)
	}
	paras, err := rd.paragraphs(chars)
	if err != nil {
		return nil, err
	}
	b := &builder{paras: paras, lists: readLists(table, fb.plfLst, fb.plfLfo)}
	return &document.Document{Format: format, Blocks: b.body()}, nil
}

// Kind tells what a compound (OLE2) file holds: document.DOC for a Word
// document, document.WPS for one WPS Office wrote, or an unsupported_format
// (or encrypted) *schema.Error naming what it is instead.
func Kind(data []byte) (document.Format, error) {
	f, err := cfb.Open(data)
	if err != nil {
		return "", err
	}
	return kind(f)
}

func kind(f *cfb.File) (document.Format, error) {
	has := f.Has
	switch {
	case has("EncryptionInfo") || has("EncryptedPackage"):
		// Office 2007 and later encrypt a DOCX or XLSX into a compound
		// file (which may carry a placeholder WordDocument stream).
		return "", schema.Errorf(schema.ErrEncrypted, "a password-protected (encrypted) Office document: open it with its password and save it without one")
	case has("WordDocument"):
		if wpsWrote(f) {
			return document.WPS, nil
		}
		return document.DOC, nil
	case has("Workbook") || has("Book"):
		return "", unsupported("an Excel workbook (.xls)")
	case has("PowerPoint Document"):
		return "", unsupported("a PowerPoint presentation (.ppt)")
	case has("CONTENTS") && (has("SPELLING") || has("MatOST") || has("MN0")) || has("MN0"):
		return "", unsupported("a Microsoft Works document (.wps of Works, not WPS Office)")
	case has("FileHeader") && has("BodyText"):
		return "", unsupported("a Hangul (HWP) document")
	case has("VBA") || has("PROJECT") || has("Macros") || has("_VBA_PROJECT_CUR"):
		return "", unsupported("a macro project with no document text (no WordDocument stream)")
	case has("VisioDocument"):
		return "", unsupported("a Visio drawing")
	case has("Quill"):
		return "", unsupported("a Publisher document")
	}
	names := f.Names
	if len(names) > 8 {
		names = append(names[:8:8], "…")
	}
	return "", unsupported(fmt.Sprintf("a compound (OLE2) file that is not a Word document: no WordDocument stream (it has %s)", strings.Join(names, ", ")))
}

func unsupported(what string) error {
	return schema.Errorf(schema.ErrUnsupportedFormat, "%s: save it as DOCX or PDF", what)
}

// maxPropertySet bounds the summary stream read for the producer's name:
// real ones are a few hundred bytes.
const maxPropertySet = 64 << 10

// wpsWrote reports whether WPS Office saved the file last: it writes a
// WpsCustomData stream into the Word binary files it saves, or its name as
// the application in the summary. Its KSOProductBuildVer custom property
// is not enough: it stays in documents that began in WPS (the official
// template did) whatever saved them since.
func wpsWrote(f *cfb.File) bool {
	if f.Has("WpsCustomData") {
		return true
	}
	const name = "SummaryInformation"
	if !f.Has(name) || f.Size(name) > maxPropertySet {
		return false
	}
	b, err := f.Stream(name)
	if err != nil {
		return false
	}
	for _, mark := range []string{"WPS Office", "Kingsoft"} {
		if bytes.Contains(b, []byte(mark)) || bytes.Contains(b, utf16le(mark)) {
			return true
		}
	}
	return false
}

func utf16le(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for _, c := range s { // ASCII marks
		out = append(out, byte(c), 0)
	}
	return out
}
