package ofd

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	"xxgk/extract/xmltok"
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
// tokenizer (xmltok) expands no entities but XML's own: an entity bomb is
// an error.
func parseXML(ctx context.Context, name string, data []byte, lim Limits) (*node, error) {
	d := xmltok.NewDecoder(data)
	var stack []*node
	var root *node
	elements := 0
	for {
		if elements&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("reading %s: %w", name, err)}
			}
		}
		tok, err := d.Token()
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
			n := &node{name: t.Name.Local, attrs: t.Attr}
			switch {
			case len(stack) > 0:
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			case root == nil:
				root = n
			default:
				return nil, schema.Errorf(schema.ErrUnreadable, "%s has more than one root element", name)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1] // xmltok matched it with its start
		case xml.CharData:
			// Only text the reader uses is kept: TextCode's, and the
			// short values of elements such as DocRoot and BaseLoc.
			if p := stack[len(stack)-1]; p.name != "Layer" && p.name != "PageBlock" && p.name != "Content" {
				p.text = append(p.text, t...)
			}
		}
	}
	if root == nil {
		return nil, schema.Errorf(schema.ErrUnreadable, "%s holds no XML element", name)
	}
	return root, nil
}
