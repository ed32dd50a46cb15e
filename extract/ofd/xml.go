package ofd

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"xxgk/schema"
)

// node is one XML element of an OFD part: its local name (the ofd:
// namespace prefix dropped, as writers differ in using it), attributes by
// local name, its character data and its child elements.
type node struct {
	name     string
	attrs    []xml.Attr
	text     []byte
	children []*node
}

// attr returns the value of the attribute with the given local name.
func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// child returns the first child element with the given local name, or nil.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// childText returns the character data of the first child with the given
// name, spaces trimmed.
func (n *node) childText(name string) string {
	if c := n.child(name); c != nil {
		return string(bytes.TrimSpace(c.text))
	}
	return ""
}

// parseXML reads one part into a tree, refusing (too_large) XML nested
// deeper than lim.MaxDepth or with more than lim.MaxElements elements, so
// that a hostile part costs bounded memory. Damaged XML is unreadable. The
// decoder expands no entities but XML's own: an entity bomb is an error.
func parseXML(ctx context.Context, name string, data []byte, lim Limits) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	// OFD is UTF-8 (GB/T 33190 §7.2); a part that declares another charset
	// is read as UTF-8 bytes rather than refused.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []*node
	var root *node
	elements := 0
	for {
		if elements&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("reading %s: %w", name, err)}
			}
		}
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s is not well-formed XML: %w", name, err)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements > lim.MaxElements {
				return nil, schema.Errorf(schema.ErrTooLarge, "%s has more than %d XML elements", name, lim.MaxElements)
			}
			if len(stack) >= lim.MaxDepth {
				return nil, schema.Errorf(schema.ErrTooLarge, "%s nests XML elements more than %d deep", name, lim.MaxDepth)
			}
			n := &node{name: t.Name.Local, attrs: t.Copy().Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			} else {
				return nil, schema.Errorf(schema.ErrUnreadable, "%s has more than one root element", name)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].name != t.Name.Local {
				return nil, schema.Errorf(schema.ErrUnreadable, "%s is not well-formed XML: unexpected </%s>", name, t.Name.Local)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.text = append(p.text, t...)
			}
		}
	}
	if len(stack) > 0 {
		return nil, schema.Errorf(schema.ErrUnreadable, "%s is not well-formed XML: <%s> is never closed", name, stack[len(stack)-1].name)
	}
	if root == nil {
		return nil, schema.Errorf(schema.ErrUnreadable, "%s holds no XML element", name)
	}
	return root, nil
}
