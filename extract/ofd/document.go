package ofd

import (
	"fmt"
	"strconv"
	"strings"

	"xxgk/schema"
)

// doc is what Document.xml says: its pages in order, the default page
// box, and the template pages by ID.
type doc struct {
	base      string            // the package path of Document.xml
	box       box               // CommonData/PageArea/PhysicalBox
	pages     []string          // the package paths of the pages' Content.xml, in order
	templates map[string]string // TemplatePage ID → package path
}

// box is a rectangle of OFD's ST_Box: x, y, width, height in millimetres.
type box struct{ x, y, w, h float64 }

// document reads OFD.xml and the Document.xml of its first DocBody.
func (p *pkg) document() (*doc, error) {
	root, err := p.xml("OFD.xml", "entry file")
	if err != nil {
		return nil, err
	}
	if root.name != "OFD" {
		return nil, schema.Errorf(schema.ErrUnreadable, "OFD.xml holds <%s>, not <ofd:OFD>", root.name)
	}
	// A package may hold several documents (DocBody elements); reports
	// hold one, and the first is the one readers show.
	loc := root.child("DocBody").childText("DocRoot")
	if loc == "" {
		return nil, schema.Errorf(schema.ErrUnreadable, "OFD.xml names no document (DocBody/DocRoot)")
	}
	// A document that names no page box is printed on A4.
	d := &doc{base: resolve("OFD.xml", loc), box: box{0, 0, 210, 297}, templates: map[string]string{}}
	dn, err := p.xml(d.base, "document")
	if err != nil {
		return nil, err
	}
	common := dn.child("CommonData")
	if s := common.child("PageArea").childText("PhysicalBox"); s != "" {
		if d.box, err = parseBox(s); err != nil {
			return nil, schema.Errorf(schema.ErrUnreadable, "%s: CommonData/PageArea: %v", d.base, err)
		}
	}
	if common != nil {
		for _, t := range common.children {
			if t.name != "TemplatePage" {
				continue
			}
			id, _ := t.attr("ID")
			loc, _ := t.attr("BaseLoc")
			d.templates[id] = resolve(d.base, loc)
		}
	}
	for _, pn := range dn.child("Pages").childrenNamed("Page") {
		if len(d.pages) == p.lim.MaxPages {
			return nil, schema.Errorf(schema.ErrTooLarge, "the OFD has more than %d pages", p.lim.MaxPages)
		}
		id, _ := pn.attr("ID")
		loc, _ := pn.attr("BaseLoc")
		if strings.TrimSpace(loc) == "" {
			return nil, schema.Errorf(schema.ErrUnreadable, "%s: page %d (ID %s) has no BaseLoc", d.base, len(d.pages)+1, id)
		}
		d.pages = append(d.pages, resolve(d.base, loc))
	}
	if len(d.pages) == 0 {
		return nil, schema.Errorf(schema.ErrNotAReport, "%s lists no pages", d.base)
	}
	return d, nil
}

// childrenNamed returns the child elements with the given local name.
func (n *node) childrenNamed(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// parseBox reads an ST_Box: "x y width height".
func parseBox(s string) (box, error) {
	v, err := numbers(s, 4)
	if err != nil {
		return box{}, fmt.Errorf("a box %q: %w", s, err)
	}
	if v[2] <= 0 || v[3] <= 0 || v[2] > maxExtent || v[3] > maxExtent {
		return box{}, fmt.Errorf("a box %q of no size or more than %d mm", s, maxExtent)
	}
	return box{v[0], v[1], v[2], v[3]}, nil
}

// maxExtent bounds a page's width and height, in millimetres: 5 m, far
// beyond any printed report, so that damaged numbers cannot make a page of
// nonsense geometry.
const maxExtent = 5000

// numbers reads exactly n space-separated numbers.
func numbers(s string, n int) ([]float64, error) {
	f := strings.Fields(s)
	if len(f) != n {
		return nil, fmt.Errorf("%d numbers, want %d", len(f), n)
	}
	out := make([]float64, n)
	for i, x := range f {
		v, err := parseNumber(x)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// parseNumber reads one finite number.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v > 1e9 || v < -1e9 {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}
