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
	doc.Blocks = article(doc.Blocks)
	return doc, nil
}

// article drops what a crawler saved of the page around the report:
// navigation, breadcrumbs and the links to other years' reports that stand
// before its title. The title is the last title-like line before the first
// section (一、总体情况); without such a line the text is kept whole.
func article(blocks []document.Block) []document.Block {
	title := -1
	for i, b := range blocks {
		line := strings.Join(strings.Fields(b.Text), "")
		if b.Table != nil || line == "" {
			continue
		}
		if firstSection(line) {
			break
		}
		// A title, not a sentence about the report (特向社会公布本年度报告。).
		if strings.Contains(line, "信息公开") && strings.Contains(line, "报告") && utf8.RuneCountInString(line) <= 60 &&
			!strings.ContainsAny(line, "。，,；") && !strings.Contains(line, "条例") {
			title = i
		}
	}
	if title <= 0 {
		return blocks
	}
	// A title that opens with its year (2023年政府信息公开工作年度报告)
	// has the agency on the line before.
	if line := strings.TrimSpace(blocks[title].Text); line != "" && line[0] >= '0' && line[0] <= '9' {
		for title--; title > 0 && strings.TrimSpace(blocks[title].Text) == ""; title-- {
		}
	}
	return blocks[title:]
}

// firstSection tells the heading 一、总体情况 (一. or 一．).
func firstSection(line string) bool {
	rest, ok := strings.CutPrefix(line, "一")
	if !ok {
		return false
	}
	for _, p := range []string{"、", ".", "．"} {
		if r, ok := strings.CutPrefix(rest, p); ok {
			return strings.HasPrefix(r, "总体情况")
		}
	}
	return false
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
