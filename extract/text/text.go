// Package text extracts plain-text reports as archivers and copy-paste save
// them: paragraphs are lines, and runs of tab-separated lines are tables
// (merged cells lost, so their columns are not a grid).
package text

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Extract reads a plain-text report in UTF-8, UTF-16 (with BOM) or GB18030.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	s, err := Decode(data)
	if err != nil {
		return nil, err
	}
	doc := &document.Document{Format: document.Text}
	var table *document.Table
	for i, line := range strings.Split(s, "\n") {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, &schema.Error{Code: schema.ErrTimeout, Err: ctx.Err()}
		}
		line = strings.TrimRight(line, "\r")
		loc := schema.Location{Line: i + 1}
		if !strings.Contains(line, "\t") {
			table = nil
			if strings.TrimSpace(line) != "" {
				doc.Blocks = append(doc.Blocks, document.Block{Text: strings.TrimSpace(line), Loc: loc})
			}
			continue
		}
		if table == nil {
			table = &document.Table{}
			doc.Blocks = append(doc.Blocks, document.Block{Loc: loc, Table: table})
		}
		var row document.Row
		for col, cell := range strings.Split(line, "\t") {
			row.Cells = append(row.Cells, document.Cell{Text: strings.TrimSpace(cell), Col: col, Span: 1, Loc: loc})
		}
		table.Rows = append(table.Rows, row)
	}
	return doc, nil
}

// Decode returns text as UTF-8: a BOM decides, else valid UTF-8 is taken as
// it is, else GB18030 (a superset of GBK and GB2312) is tried.
func Decode(data []byte) (string, error) {
	if enc, _ := UTF16(data); enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", &schema.Error{Code: schema.ErrUnreadable, Err: err}
		}
		return string(out), nil
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		// A BOM does not make the rest valid: stray bytes become U+FFFD,
		// as everything downstream expects UTF-8.
		return strings.ToValidUTF8(string(data[3:]), "\ufffd"), nil
	case utf8.Valid(data):
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || strings.Count(string(out), "\ufffd") > len(out)/100 {
		return "", schema.Errorf(schema.ErrUnreadable, "text is neither UTF-8 nor GB18030")
	}
	return string(out), nil
}

// UTF16 returns the UTF-16 encoding whose byte-order mark data starts with
// (Windows tools save "Unicode" text, HTML and XML this way) and its name,
// or nil when data starts with none. The decoder drops the mark.
func UTF16(data []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	return nil, ""
}
