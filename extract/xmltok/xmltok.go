// Package xmltok is a fast tokenizer for the XML of office packages (DOCX,
// OFD): a document already in memory, read as a stream of start elements,
// end elements and character data with encoding/xml's token types.
//
// encoding/xml spends most of its time on what these parts never need:
// namespace translation, an io.Reader per byte, copies of every name.
// Decoder keeps only local names (w:t and t are the same element), decodes
// the five predefined entities and character references, checks that end
// tags match their start tags, and fails on anything else that is not
// well-formed. It does not read DTDs: a <!DOCTYPE> is skipped, and an entity
// it declares is an error where used, so no input can make it expand text.
//
// BUG(xmltok): the input must be UTF-8; Decoder does not transcode a
// document whose XML declaration names another encoding (callers do).
package xmltok

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// Decoder reads tokens from one document. The zero value is not usable:
// make one with NewDecoder.
type Decoder struct {
	data  []byte
	pos   int
	stack []string // open elements' local names
	// pendingEnd is the end of an empty element <a/>, returned after its
	// start as encoding/xml does.
	pendingEnd bool
	names      map[string]string // interned names and short attribute values
	text       []byte            // scratch for character data
	attrs      []xml.Attr        // scratch for the attributes of one tag
	slab       []xml.Attr        // where tags' attribute lists are cut from
}

// maxInterned bounds the strings kept for reuse: office XML uses a few
// hundred names and values over and over; a hostile part with millions of
// distinct ones gets fresh strings past the bound, not a growing table.
const maxInterned = 4096

// intern returns b as a string, the same string for the same bytes while
// the table has room.
func (d *Decoder) intern(b []byte) string {
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.names) < maxInterned {
		d.names[s] = s
	}
	return s
}

// NewDecoder returns a Decoder reading data, which it does not copy: data
// must not change while the Decoder is in use.
func NewDecoder(data []byte) *Decoder {
	return &Decoder{data: data, names: make(map[string]string, 64)}
}

// SyntaxError is a place where the document is not well-formed.
type SyntaxError struct {
	Offset int // byte offset in the document
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("XML syntax error at byte %d: %s", e.Offset, e.Msg)
}

func (d *Decoder) fail(format string, args ...any) error {
	return &SyntaxError{Offset: d.pos, Msg: fmt.Sprintf(format, args...)}
}

// InputOffset returns the byte offset of the decoder's position.
func (d *Decoder) InputOffset() int64 { return int64(d.pos) }

// Token returns the next token: xml.StartElement, xml.EndElement or
// xml.CharData (comments, processing instructions and the doctype are
// passed over). Names carry only their local part. The CharData is valid
// only until the next call. At the end of the document Token returns io.EOF,
// and *SyntaxError where the document is not well-formed (an element left
// open at the end included).
func (d *Decoder) Token() (xml.Token, error) {
	if d.pendingEnd {
		d.pendingEnd = false
		name := d.stack[len(d.stack)-1]
		d.stack = d.stack[:len(d.stack)-1]
		return xml.EndElement{Name: xml.Name{Local: name}}, nil
	}
	for {
		if d.pos >= len(d.data) {
			if len(d.stack) > 0 {
				return nil, d.fail("element <%s> is not closed", d.stack[len(d.stack)-1])
			}
			return nil, io.EOF
		}
		if d.data[d.pos] != '<' {
			t, err := d.charData()
			if err != nil {
				return nil, err
			}
			if len(d.stack) == 0 {
				// Outside the root only white space is allowed; a BOM too.
				if len(bytes.TrimLeft(bytes.TrimSpace(t), "\ufeff")) > 0 {
					return nil, d.fail("text outside the root element")
				}
				continue
			}
			return t, nil
		}
		rest := d.data[d.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("</")):
			return d.endTag()
		case bytes.HasPrefix(rest, []byte("<?")):
			if err := d.skipPast("?>"); err != nil {
				return nil, err
			}
		case bytes.HasPrefix(rest, []byte("<!--")):
			if err := d.skipPast("-->"); err != nil {
				return nil, err
			}
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			if len(d.stack) == 0 {
				return nil, d.fail("CDATA outside the root element")
			}
			start := d.pos + len("<![CDATA[")
			end := bytes.Index(d.data[start:], []byte("]]>"))
			if end < 0 {
				return nil, d.fail("unterminated CDATA section")
			}
			d.pos = start + end + len("]]>")
			return xml.CharData(d.data[start : start+end]), nil
		case bytes.HasPrefix(rest, []byte("<!")):
			if err := d.skipDoctype(); err != nil {
				return nil, err
			}
		default:
			return d.startTag()
		}
	}
}

// skipPast moves past the next occurrence of end.
func (d *Decoder) skipPast(end string) error {
	i := bytes.Index(d.data[d.pos:], []byte(end))
	if i < 0 {
		return d.fail("unterminated %q", d.data[d.pos:min(d.pos+4, len(d.data))])
	}
	d.pos += i + len(end)
	return nil
}

// skipDoctype moves past <!DOCTYPE …>, internal subset in brackets included.
func (d *Decoder) skipDoctype() error {
	depth := 0
	for i := d.pos + 2; i < len(d.data); i++ {
		switch d.data[i] {
		case '[':
			depth++
		case ']':
			depth--
		case '>':
			if depth <= 0 {
				d.pos = i + 1
				return nil
			}
		}
	}
	return d.fail("unterminated <!")
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameByte reports whether c may be part of a name: ASCII letters,
// digits, the punctuation names allow, and any byte of a multi-byte UTF-8
// character (non-ASCII names are passed through as they are).
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80
}

// name reads a (possibly prefixed) name and returns its local part.
func (d *Decoder) name() (string, error) {
	start := d.pos
	for d.pos < len(d.data) && isNameByte(d.data[d.pos]) {
		d.pos++
	}
	if d.pos == start {
		return "", d.fail("expected a name")
	}
	raw := d.data[start:d.pos]
	if i := bytes.LastIndexByte(raw, ':'); i >= 0 {
		raw = raw[i+1:]
	}
	return d.intern(raw), nil
}

func (d *Decoder) skipSpace() {
	for d.pos < len(d.data) && isSpace(d.data[d.pos]) {
		d.pos++
	}
}

func (d *Decoder) startTag() (xml.Token, error) {
	d.pos++ // <
	local, err := d.name()
	if err != nil {
		return nil, err
	}
	el := xml.StartElement{Name: xml.Name{Local: local}}
	d.attrs = d.attrs[:0]
	for {
		d.skipSpace()
		if d.pos >= len(d.data) {
			return nil, d.fail("unterminated start tag <%s", local)
		}
		switch d.data[d.pos] {
		case '>':
			d.pos++
			d.stack = append(d.stack, local)
			el.Attr = d.keepAttrs()
			return el, nil
		case '/':
			if d.pos+1 >= len(d.data) || d.data[d.pos+1] != '>' {
				return nil, d.fail("expected /> in <%s", local)
			}
			d.pos += 2
			d.stack = append(d.stack, local)
			d.pendingEnd = true
			el.Attr = d.keepAttrs()
			return el, nil
		}
		aname, err := d.name()
		if err != nil {
			return nil, err
		}
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '=' {
			return nil, d.fail("attribute %s of <%s> has no value", aname, local)
		}
		d.pos++
		d.skipSpace()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' && d.data[d.pos] != '\'' {
			return nil, d.fail("attribute %s of <%s> is not quoted", aname, local)
		}
		q := d.data[d.pos]
		end := bytes.IndexByte(d.data[d.pos+1:], q)
		if end < 0 {
			return nil, d.fail("unterminated value of attribute %s", aname)
		}
		raw := d.data[d.pos+1 : d.pos+1+end]
		d.pos += end + 2
		if bytes.IndexByte(raw, '<') >= 0 {
			return nil, d.fail("< in the value of attribute %s", aname)
		}
		val, err := d.unescape(raw, true)
		if err != nil {
			return nil, err
		}
		value := ""
		if len(val) <= 32 {
			value = d.intern(val)
		} else {
			value = string(val)
		}
		d.attrs = append(d.attrs, xml.Attr{Name: xml.Name{Local: aname}, Value: value})
	}
}

// keepAttrs copies the scratch attributes into a list of their own, cut
// from a larger block so that a part with thousands of tags makes few
// allocations. The list's capacity ends with it: appending to it cannot
// reach another tag's attributes.
func (d *Decoder) keepAttrs() []xml.Attr {
	n := len(d.attrs)
	if n == 0 {
		return nil
	}
	if cap(d.slab)-len(d.slab) < n {
		d.slab = make([]xml.Attr, 0, max(256, n))
	}
	at := len(d.slab)
	d.slab = append(d.slab, d.attrs...)
	return d.slab[at : at+n : at+n]
}

func (d *Decoder) endTag() (xml.Token, error) {
	d.pos += 2 // </
	local, err := d.name()
	if err != nil {
		return nil, err
	}
	d.skipSpace()
	if d.pos >= len(d.data) || d.data[d.pos] != '>' {
		return nil, d.fail("unterminated end tag </%s", local)
	}
	d.pos++
	if len(d.stack) == 0 || d.stack[len(d.stack)-1] != local {
		return nil, d.fail("end tag </%s> does not match the element open", local)
	}
	d.stack = d.stack[:len(d.stack)-1]
	return xml.EndElement{Name: xml.Name{Local: local}}, nil
}

// charData reads text up to the next '<'.
func (d *Decoder) charData() (xml.CharData, error) {
	start := d.pos
	end := bytes.IndexByte(d.data[start:], '<')
	if end < 0 {
		end = len(d.data) - start
	}
	d.pos = start + end
	t, err := d.unescape(d.data[start:d.pos], false)
	return xml.CharData(t), err
}

// unescape decodes entity and character references and turns \r\n and a
// lone \r into \n, as encoding/xml does (it does not normalise white space
// in attribute values, and neither does this). Text without & or \r is
// returned as it is, without a copy.
func (d *Decoder) unescape(raw []byte, attr bool) ([]byte, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		if !utf8.Valid(raw) {
			return nil, d.fail("text is not valid UTF-8")
		}
		return raw, nil
	}
	out := d.text[:0]
	if attr {
		out = make([]byte, 0, len(raw)) // attribute values are kept as strings
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '&':
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, d.fail("unterminated entity reference")
			}
			r, err := entity(raw[i+1 : i+semi])
			if err != nil {
				return nil, d.fail("%v", err)
			}
			out = utf8.AppendRune(out, r)
			i += semi
		default:
			out = append(out, c)
		}
	}
	if !utf8.Valid(out) {
		return nil, d.fail("text is not valid UTF-8")
	}
	if !attr {
		d.text = out
	}
	return out, nil
}

// entity decodes the name between & and ;.
func entity(name []byte) (rune, error) {
	switch string(name) {
	case "lt":
		return '<', nil
	case "gt":
		return '>', nil
	case "amp":
		return '&', nil
	case "apos":
		return '\'', nil
	case "quot":
		return '"', nil
	}
	if len(name) > 1 && name[0] == '#' {
		var n uint64
		var err error
		if name[1] == 'x' {
			n, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err == nil && n > 0 && n <= utf8.MaxRune && !(n >= 0xD800 && n <= 0xDFFF) {
			return rune(n), nil
		}
		return 0, fmt.Errorf("invalid character reference &%s;", name)
	}
	return 0, fmt.Errorf("unknown entity &%s;", name)
}
