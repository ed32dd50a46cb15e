package docx

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"xxgk/extract/document"
	"xxgk/extract/text"
	"xxgk/extract/xmltok"
	"xxgk/schema"
)

// parser walks word/document.xml once, token by token. Elements it does not
// know are skipped whole, except the wrappers that only group content
// (content controls, custom XML, hyperlinks, fields, tracked insertions),
// which it reads through, and drawings, whose text boxes it keeps.
type parser struct {
	ctx      context.Context
	dec      *xmltok.Decoder
	num      *numbering
	depth    int
	maxDepth int
	tokens   int
	tables   int // tables numbered so far, nested ones included
	paras    int // paragraphs numbered so far, those in tables included
	// floating collects the content of text boxes met inside the current
	// paragraph; it follows the paragraph.
	floating []piece
	// placeholders counts the content controls showing placeholder text
	// that enclose the current position: their text is not read.
	placeholders int
}

// piece is one block-level item of a body or a table cell: a paragraph's
// lines, or a table followed by the tables nested in it.
type piece struct {
	lines  []string
	line   int // the paragraph's number, for its location
	tables []document.Block
}

func parseBody(ctx context.Context, data []byte, num *numbering, maxDepth int) ([]document.Block, error) {
	data, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	p := &parser{ctx: ctx, dec: xmltok.NewDecoder(data), num: num, maxDepth: maxDepth}
	for {
		tok, err := p.next()
		if err == io.EOF {
			return nil, schema.Errorf(schema.ErrUnreadable, "%s has no body", mainPart)
		}
		if err != nil {
			return nil, err
		}
		if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "body" {
			pieces, err := p.blocks()
			if err != nil {
				return nil, err
			}
			return flatten(pieces), nil
		}
	}
}

// toUTF8 transcodes a part to UTF-8: one written in UTF-16 (with its
// byte-order mark, as OOXML requires), or one whose XML declaration names
// another encoding (GBK from some generators). Word writes UTF-8.
func toUTF8(data []byte) ([]byte, error) {
	enc, _ := text.UTF16(data)
	if enc == nil {
		label := declaredEncoding(data)
		if label == "" || strings.EqualFold(label, "utf-8") || strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return data, nil
		}
		e, err := htmlindex.Get(label)
		if err != nil {
			return nil, &schema.Error{Code: schema.ErrUndecodableText, Err: fmt.Errorf("%s declares encoding %q: %w", mainPart, label, err)}
		}
		enc = e
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUndecodableText, Err: fmt.Errorf("%s: %w", mainPart, err)}
	}
	return out, nil
}

// declaredEncoding returns the encoding named by the XML declaration at the
// start of data, or "".
func declaredEncoding(data []byte) string {
	decl, ok := bytes.CutPrefix(data, []byte("<?xml"))
	if !ok {
		return ""
	}
	if end := bytes.Index(decl, []byte("?>")); end >= 0 {
		decl = decl[:end]
	}
	_, v, ok := bytes.Cut(decl, []byte("encoding"))
	if !ok {
		return ""
	}
	v = bytes.TrimLeft(v, " \t\r\n=")
	if len(v) == 0 || v[0] != '"' && v[0] != '\'' {
		return ""
	}
	end := bytes.IndexByte(v[1:], v[0])
	if end < 0 {
		return ""
	}
	return string(v[1 : 1+end])
}

// flatten turns pieces into document blocks in reading order.
func flatten(pieces []piece) []document.Block {
	var out []document.Block
	for _, pc := range pieces {
		for _, l := range pc.lines {
			out = append(out, document.Block{Text: l, Loc: schema.Location{Line: pc.line}})
		}
		out = append(out, pc.tables...)
	}
	return out
}

// next returns the next token, keeping the nesting depth and checking the
// context now and then.
func (p *parser) next() (xml.Token, error) {
	tok, err := p.dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, err
		}
		var se *schema.Error
		if errors.As(err, &se) {
			return nil, err
		}
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s: %w", mainPart, err)}
	}
	switch tok.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > p.maxDepth {
			return nil, schema.Errorf(schema.ErrTooLarge, "%s nests elements deeper than %d", mainPart, p.maxDepth)
		}
	case xml.EndElement:
		p.depth--
	}
	p.tokens++
	if p.tokens%4096 == 0 {
		if err := p.ctx.Err(); err != nil {
			return nil, &schema.Error{Code: schema.ErrTimeout, Err: err}
		}
	}
	return tok, nil
}

// skip reads past the end of the element just started.
func (p *parser) skip() error {
	for depth := 1; depth > 0; {
		tok, err := p.next()
		if err != nil {
			return eof(err)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// children reads the content of the element just started up to its end,
// calling visit for each child element, which must read or skip the child
// whole. Text between children is passed over.
func (p *parser) children(visit func(xml.StartElement) error) error {
	for {
		tok, err := p.next()
		if err != nil {
			return eof(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if err := visit(t); err != nil {
				return err
			}
		}
	}
}

// properties reads a properties element just started, calling see with each
// child element, whose attributes say what it sets; the children are then
// skipped whole.
func (p *parser) properties(see func(xml.StartElement)) error {
	return p.children(func(t xml.StartElement) error {
		see(t)
		return p.skip()
	})
}

// skipToTextBoxes reads past the end of the element just started (a
// drawing, a VML shape, alternate content), keeping the content of the
// text boxes inside as floating pieces. Alternate content carries each box
// twice, as DrawingML and as a VML fallback: the fallback is skipped.
func (p *parser) skipToTextBoxes() error {
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "txbxContent":
			pcs, err := p.blocks()
			if err != nil {
				return err
			}
			p.floating = append(p.floating, pcs...)
			return nil
		case "Fallback":
			return p.skip()
		}
		return p.skipToTextBoxes()
	})
}

// sdt reads a content control just started at any level, calling content
// to read its w:sdtContent. A control showing its placeholder text
// (单击此处输入文字) is an empty form field: its paragraphs, rows and cells
// are kept, without text.
func (p *parser) sdt(content func() error) error {
	placeholder := false
	return p.children(func(t xml.StartElement) (err error) {
		switch t.Name.Local {
		case "sdtPr":
			placeholder, err = p.onOff("showingPlcHdr")
		case "sdtContent":
			if placeholder {
				p.placeholders++
			}
			err = content()
			if placeholder {
				p.placeholders--
			}
		default:
			err = p.skip()
		}
		return err
	})
}

// onOff reads a properties element just started (w:sdtPr, w:rPr) and
// reports whether it turns on the on/off property with the given local
// name (showingPlcHdr, vanish).
func (p *parser) onOff(local string) (bool, error) {
	set := false
	err := p.properties(func(t xml.StartElement) {
		if t.Name.Local == local {
			set = on(t)
		}
	})
	return set, err
}

// eof turns an end of input inside an element into a damaged-body error.
func eof(err error) error {
	if err == io.EOF {
		return schema.Errorf(schema.ErrUnreadable, "%s ends inside an element", mainPart)
	}
	return err
}

// blocks reads block-level content (a body, a content control) up to the
// end of the enclosing element.
func (p *parser) blocks() ([]piece, error) {
	var out []piece
	err := p.children(func(t xml.StartElement) error {
		pcs, err := p.block(t)
		out = append(out, pcs...)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// block reads one block-level element just started.
func (p *parser) block(t xml.StartElement) ([]piece, error) {
	switch t.Name.Local {
	case "p":
		p.paras++
		pc := piece{line: p.paras}
		outer := p.floating
		p.floating = nil
		text, err := p.paragraph()
		if err != nil {
			return nil, err
		}
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				pc.lines = append(pc.lines, l)
			}
		}
		out := append([]piece{pc}, p.floating...)
		p.floating = outer
		return out, nil
	case "tbl":
		return p.table()
	case "sdt":
		var out []piece
		err := p.sdt(func() (err error) {
			out, err = p.blocks()
			return err
		})
		return out, err
	case "customXml", "ins", "moveTo":
		return p.blocks()
	}
	// Section properties, bookmarks, tracked deletions (del, moveFrom).
	return nil, p.skip()
}

// paragraph reads a w:p just started and returns its text, line breaks as
// "\n", led by its automatic number if it has one.
func (p *parser) paragraph() (string, error) {
	var b strings.Builder
	var pn paraNum
	if err := p.inlineInto(&b, &pn); err != nil {
		return "", err
	}
	return p.num.label(pn) + b.String(), nil
}

// inlineInto reads inline content up to the end of the enclosing element.
// pn receives the paragraph properties when reading a paragraph itself.
func (p *parser) inlineInto(b *strings.Builder, pn *paraNum) error {
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "r":
			return p.run(b)
		case "pPr":
			if pn == nil {
				return p.skip()
			}
			return p.paraProps(pn)
		// Wrappers whose text is printed: links, simple fields (their
		// result), tracked insertions and moves, content controls.
		case "hyperlink", "fldSimple", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo":
			return p.inlineInto(b, nil)
		case "sdt":
			return p.sdt(func() error { return p.inlineInto(b, nil) })
		case "br", "cr":
			b.WriteByte('\n')
			return p.skip()
		case "del", "moveFrom":
			return p.skip()
		}
		// Bookmarks, comments, math; drawings, whose text boxes are kept.
		return p.skipToTextBoxes()
	})
}

// run reads one w:r. Field instructions (instrText) and deleted text
// (delText) are skipped; hidden text (w:vanish) is dropped.
func (p *parser) run(b *strings.Builder) error {
	hidden := false
	// char writes the character that stands for an empty element.
	char := func(c byte) error {
		if !hidden {
			b.WriteByte(c)
		}
		return p.skip()
	}
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "rPr":
			var err error
			hidden, err = p.onOff("vanish")
			return err
		case "t":
			s, err := p.chars()
			if !hidden && p.placeholders == 0 {
				b.WriteString(s)
			}
			return err
		case "tab", "ptab":
			return char('\t')
		case "br", "cr":
			return char('\n')
		case "noBreakHyphen":
			return char('-')
		case "delText", "instrText":
			return p.skip()
		}
		return p.skipToTextBoxes()
	})
}

// paraProps reads a w:pPr: the paragraph's style and list numbering.
// Tracked former properties (pPrChange) are skipped with the rest.
func (p *parser) paraProps(pn *paraNum) error {
	return p.children(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "pStyle":
			pn.style, _ = attr(t, "val")
		case "numPr":
			return p.numProps(pn)
		}
		return p.skip()
	})
}

func (p *parser) numProps(pn *paraNum) error {
	return p.properties(func(t xml.StartElement) {
		switch t.Name.Local {
		case "ilvl":
			pn.ilvl, pn.hasIlvl = intAttr(t, 0), true
		case "numId":
			pn.numID, _ = attr(t, "val")
			pn.hasNumID = true
		}
	})
}

// chars reads the text of the element just started.
func (p *parser) chars() (string, error) {
	var b strings.Builder
	for {
		tok, err := p.next()
		if err != nil {
			return "", eof(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := p.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// attr returns the value of the attribute with the given local name.
func attr(s xml.StartElement, local string) (string, bool) {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// on reads a WordprocessingML on/off property: absent w:val means on.
func on(s xml.StartElement) bool {
	v, ok := attr(s, "val")
	return !ok || v == "true" || v == "1" || v == "on"
}

// intAttr reads w:val as a whole number, or def.
func intAttr(s xml.StartElement, def int) int {
	v, ok := attr(s, "val")
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}
