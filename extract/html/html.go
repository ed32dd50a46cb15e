// Package html extracts the text and tables of report pages saved from
// government sites into a format-neutral document. It reads the page in
// its charset, finds the article among the site's navigation, headers and
// footers, and places table cells on their grid of rowspans and colspans.
package html

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"xxgk/extract/document"
	"xxgk/extract/text"
	"xxgk/schema"
)

// Extract reads an HTML page. Paragraphs come one Block per line (<p>,
// <div>, <br>, heading, list item); tables come with Grid true and
// locations {table, row, col} in the page's own numbering (the n-th <table>
// element of the page, its n-th row, its n-th grid column). Only the
// article is kept: see article.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("reading HTML: %w", err)}
	}
	text, _, err := decode(data)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("parsing HTML: %w", err)}
	}
	w := &walker{ctx: ctx, tableNo: numberTables(root)}
	body := find(root, atom.Body)
	if body == nil {
		body = root
	}
	w.walk(body, where{})
	w.flush()
	if w.err != nil {
		return nil, w.err
	}
	doc := &document.Document{Format: document.HTML}
	line := 0
	for _, it := range article(w.items, pageTitle(root)) {
		if it.block.Table == nil {
			line++
			it.block.Loc = schema.Location{Line: line}
		}
		doc.Blocks = append(doc.Blocks, it.block)
	}
	return doc, nil
}

// numberTables numbers every <table> element of the page in document
// order, from 1, so a location names the table as the page's source does.
func numberTables(root *html.Node) map[*html.Node]int {
	m := map[*html.Node]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Table {
			m[n] = len(m) + 1
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return m
}

func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// pageTitle returns the text of the page's <title>.
func pageTitle(root *html.Node) string {
	t := find(root, atom.Title)
	if t == nil {
		return ""
	}
	var l line
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			l.add(c.Data)
		}
	}
	return l.take()
}

// item is a paragraph or table of the page, with what article needs to
// tell the report from the site around it.
type item struct {
	block document.Block
	node  *html.Node // the <table>, or the first text node of the paragraph
	// link: every character of the paragraph is link text (menus, lists
	// of related articles).
	link bool
	// chrome: inside <nav>, <aside>, <footer> or a page-level <header>.
	chrome bool
}

// where says what encloses the node being walked.
type where struct {
	link, chrome bool
}

// walker turns the page into items in reading order.
type walker struct {
	ctx     context.Context
	tableNo map[*html.Node]int
	items   []item
	cur     line
	first   *html.Node // first text node of the current line
	link    bool       // all text of the current line so far is link text
	chrome  bool       // the current line started inside the site's chrome
	visited int        // nodes walked, to look at ctx now and then
	err     error      // why the walk stopped early
}

func (w *walker) walk(n *html.Node, in where) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if w.err != nil {
			return
		}
		if w.visited++; w.visited%1024 == 0 && w.ctx.Err() != nil {
			w.err = &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("reading HTML: %w", w.ctx.Err())}
			return
		}
		switch {
		case skipped(c):
		case c.Type == html.TextNode:
			w.text(c, in)
		case c.Type != html.ElementNode:
		case c.DataAtom == atom.Br:
			w.flush()
		case c.DataAtom == atom.Pre:
			w.flush()
			w.pre(c, in)
		case c.DataAtom == atom.Table && !isLayout(c):
			w.flush()
			t, err := gridTable(c, w.tableNo[c])
			if err != nil {
				w.err = err
				return
			}
			w.items = append(w.items, item{
				block:  document.Block{Table: t},
				node:   c,
				chrome: in.chrome,
			})
		default:
			inner := in
			inner.link = in.link || c.DataAtom == atom.A
			inner.chrome = in.chrome || isChrome(c)
			block := blockTags[c.DataAtom]
			if block {
				w.flush()
			}
			w.walk(c, inner)
			if block {
				w.flush()
			}
		}
	}
}

func (w *walker) text(n *html.Node, in where) {
	wasEmpty := w.cur.empty()
	w.cur.add(n.Data)
	if w.cur.empty() {
		return
	}
	if wasEmpty {
		w.first, w.link, w.chrome = n, in.link, in.chrome
		return
	}
	// White space between two links leaves a line of links.
	if strings.TrimSpace(n.Data) != "" {
		w.link = w.link && in.link
	}
}

// pre reads preformatted text as the plain-text extractor reads a file:
// archived pages keep text reports in <pre>, tables as tab-separated lines.
// Its blocks are located by their line within the <pre>.
func (w *walker) pre(n *html.Node, in where) {
	var b strings.Builder
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case skipped(c):
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.DataAtom == atom.Br:
				b.WriteByte('\n')
			default:
				collect(c)
			}
		}
	}
	collect(n)
	doc, err := text.Extract(w.ctx, []byte(b.String()))
	if err != nil {
		w.err = err
		return
	}
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			var l line
			l.add(blk.Text)
			blk.Text = l.take()
		}
		w.items = append(w.items, item{block: blk, node: n, link: in.link, chrome: in.chrome})
	}
}

// flush ends the current line, if it has any text.
func (w *walker) flush() {
	if w.cur.empty() {
		return
	}
	w.items = append(w.items, item{
		block:  document.Block{Text: w.cur.take()},
		node:   w.first,
		link:   w.link,
		chrome: w.chrome,
	})
}

// isChrome tells the elements that frame a page rather than hold its
// article. A <header> counts only outside <article>, <main> and <section>,
// where HTML5 pages put the article's own title.
func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Footer:
		return true
	case atom.Header:
		for p := n.Parent; p != nil; p = p.Parent {
			if p.DataAtom == atom.Article || p.DataAtom == atom.Main || p.DataAtom == atom.Section {
				return false
			}
		}
		return true
	}
	return false
}
