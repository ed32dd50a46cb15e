// Package markdown extracts reports that PDF-to-Markdown tools wrote:
// headings and paragraphs as lines, the statistical tables as pipe tables
// (merged cells left empty), with the rows whose label wrapped printed as
// two table lines, which are joined again.
package markdown

import (
	"context"
	"regexp"
	"strings"

	"xxgk/extract/document"
	"xxgk/extract/text"
	"xxgk/schema"
)

// BUG(markdown): pipe tables must start each line with a pipe (as
// converters write them); a table written without outer pipes is read as
// paragraphs. Tables a converter wrote as HTML inside the Markdown are
// not read.

// maxCells bounds the cells of one table line: the widest national table
// (table 4) has 15 value columns and a few label columns.
const maxCells = 256

var (
	separatorRe = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	tagRe       = regexp.MustCompile(`(?i)</?(br|p|span|b|strong|em|i|sup|sub)\s*/?>`)
)

// Sniff tells whether head (the start of a file, as UTF-8) is Markdown
// with a pipe table: a table's separator line (|---|---|) under a line of
// cells.
func Sniff(head []byte) bool {
	lines := strings.Split(string(head), "\n")
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		prev := strings.TrimSpace(lines[i-1])
		if strings.Contains(l, "-") && strings.Contains(l, "|") && separatorRe.MatchString(l) && strings.Count(prev, "|") >= 3 {
			return true
		}
	}
	return false
}

// Extract reads a Markdown report in UTF-8, UTF-16 (with BOM) or GB18030.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	s, err := text.Decode(data)
	if err != nil {
		return nil, err
	}
	doc := &document.Document{Format: document.Markdown}
	var table *document.Table
	for i, line := range strings.Split(s, "\n") {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, &schema.Error{Code: schema.ErrTimeout, Err: ctx.Err()}
		}
		line = strings.TrimSpace(strings.TrimRight(line, "\r"))
		loc := schema.Location{Line: i + 1}
		if !isTableLine(line) {
			if table != nil {
				finish(table)
			}
			table = nil
			if t := paragraph(line); t != "" {
				doc.Blocks = append(doc.Blocks, document.Block{Text: t, Loc: loc})
			}
			continue
		}
		if separatorRe.MatchString(line) {
			continue
		}
		if table == nil {
			table = &document.Table{Grid: true}
			doc.Blocks = append(doc.Blocks, document.Block{Loc: loc, Table: table})
		}
		var row document.Row
		for col, c := range cells(line) {
			row.Cells = append(row.Cells, document.Cell{Text: c, Col: col, Span: 1, Loc: loc})
		}
		table.Rows = append(table.Rows, row)
	}
	if table != nil {
		finish(table)
	}
	return doc, nil
}

func isTableLine(line string) bool {
	return strings.HasPrefix(line, "|") && strings.Count(line, "|") >= 2
}

// cells splits a table line at its unescaped pipes.
func cells(line string) []string {
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var out []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
		case line[i] == '|':
			out = append(out, cellText(b.String()))
			b.Reset()
		default:
			b.WriteByte(line[i])
		}
		if len(out) >= maxCells {
			break
		}
	}
	if len(out) < maxCells {
		out = append(out, cellText(b.String()))
	}
	return out
}

// cellText drops the markup a converter leaves in a cell: line breaks
// written as <br>, bold and emphasis.
func cellText(s string) string {
	s = tagRe.ReplaceAllString(s, "")
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	return strings.TrimSpace(s)
}

// paragraph returns a line's text without its Markdown markup: heading
// marks, emphasis, list and quote marks, escapes.
func paragraph(line string) string {
	line = strings.TrimLeft(line, "#")
	line = strings.TrimSpace(line)
	for _, p := range []string{"> ", "- ", "* ", "+ "} {
		line = strings.TrimPrefix(line, p)
	}
	line = tagRe.ReplaceAllString(line, "")
	line = strings.NewReplacer("**", "", "__", "", `\*`, "*", `\_`, "_", `\#`, "#", `\-`, "-", `\.`, ".", `\(`, "(", `\)`, ")").Replace(line)
	return strings.TrimSpace(line)
}

// finish joins the table lines a wrapped label made: a line with label
// text only under a row with values (the label's tail), or over one (the
// label's head, the values printed with the tail), whose text continues
// the label rather than starting one of its own.
func finish(t *document.Table) {
	var out []document.Row
	for i := 0; i < len(t.Rows); i++ {
		row := t.Rows[i]
		if n := len(out); n > 0 && hasValues(out[n-1]) && !hasValues(row) && wrapped(out[n-1], row, false) {
			out[n-1] = join(out[n-1], row)
			continue
		}
		if i+1 < len(t.Rows) && !hasValues(row) && hasValues(t.Rows[i+1]) && wrapped(row, t.Rows[i+1], true) {
			t.Rows[i+1] = join(row, t.Rows[i+1])
			continue
		}
		out = append(out, row)
	}
	t.Rows = out
}

// wrapped tells whether tail continues the labels of head: each label
// cell of tail stands under a label cell of head and opens no label of its
// own (（三）, 1., 一、, 第二十条). With both (the head on a line of its
// own, the values with the tail), head has nothing where tail has values,
// and the head cells tail continues are no complete item heading
// (第二十条第（六）项).
func wrapped(head, tail document.Row, both bool) bool {
	found := false
	for _, c := range tail.Cells {
		if !isLabel(c.Text) {
			continue
		}
		if c.Col >= len(head.Cells) || !isLabel(head.Cells[c.Col].Text) || opensLabel(c.Text) {
			return false
		}
		found = true
	}
	if both {
		for _, c := range head.Cells {
			if c.Text == "" {
				continue
			}
			if c.Col >= len(tail.Cells) || isNumber(tail.Cells[c.Col].Text) {
				return false
			}
			if isLabel(tail.Cells[c.Col].Text) && strings.HasSuffix(c.Text, "项") {
				return false
			}
		}
	}
	return found
}

func isLabel(s string) bool { return s != "" && !isNumber(s) }

// hasValues tells whether a row holds a number.
func hasValues(r document.Row) bool {
	for _, c := range r.Cells {
		if isNumber(c.Text) {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	s = strings.NewReplacer(",", "", ".", "", "-", "").Replace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < '０' || r > '９') {
			return false
		}
	}
	return true
}

// opensLabel tells whether text starts a label: an enumerator or 第.
func opensLabel(s string) bool {
	rs := []rune(s)
	switch {
	case len(rs) == 0:
		return false
	case strings.ContainsRune("（(第", rs[0]):
		return true
	case len(rs) > 1 && strings.ContainsRune("0123456789一二三四五六七八九十", rs[0]) && strings.ContainsRune(".、．", rs[1]):
		return true
	}
	return false
}

// join appends the label text of b to that of a, cell by cell, and keeps
// the values of whichever has them.
func join(a, b document.Row) document.Row {
	n := max(len(a.Cells), len(b.Cells))
	out := document.Row{Cells: make([]document.Cell, n)}
	for i := range n {
		var ca, cb document.Cell
		if i < len(a.Cells) {
			ca = a.Cells[i]
		}
		if i < len(b.Cells) {
			cb = b.Cells[i]
		}
		c := ca
		if i >= len(a.Cells) {
			c = cb
		}
		switch {
		case isNumber(cb.Text) && ca.Text == "":
			c = cb
		case !isNumber(ca.Text) && !isNumber(cb.Text):
			c.Text = ca.Text + cb.Text
		}
		c.Col, c.Span = i, 1
		out.Cells[i] = c
	}
	return out
}
