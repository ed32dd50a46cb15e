package html

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags break a line before and after themselves, as a browser lays
// them out on lines of their own.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Ul: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Body: true,
}

// skipTags hold no report text: scripts, styles, embedded objects and form
// controls.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Svg: true, atom.Canvas: true, atom.Select: true, atom.Button: true,
	atom.Input: true, atom.Textarea: true, atom.Audio: true, atom.Video: true,
	atom.Map: true,
}

// skipped reports whether n and everything in it is invisible or not text.
func skipped(n *html.Node) bool {
	if n.Type == html.CommentNode || n.Type == html.DoctypeNode {
		return true
	}
	if n.Type != html.ElementNode {
		return false
	}
	if skipTags[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// line gathers the text of one line as a browser shows it: runs of
// white space collapsed to one space, full-width digits as ASCII digits.
type line struct {
	b     strings.Builder
	space bool // a space is pending before the next visible character
}

func (l *line) add(s string) {
	for _, r := range s {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0' || r == '\u3000':
			l.space = l.b.Len() > 0
		case r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d':
			// zero-width characters that editors leave in labels
		default:
			if l.space {
				l.b.WriteByte(' ')
				l.space = false
			}
			if r >= '０' && r <= '９' {
				r = '0' + (r - '０')
			}
			l.b.WriteRune(r)
		}
	}
}

// take returns the line gathered so far and starts a new one.
func (l *line) take() string {
	s := l.b.String()
	l.b.Reset()
	l.space = false
	return s
}

func (l *line) empty() bool { return l.b.Len() == 0 }

// cellText returns the text of a table cell, its lines (<p>, <br>, <div>)
// joined with newlines.
func cellText(n *html.Node) string {
	var lines []string
	var l line
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case skipped(c):
			case c.Type == html.TextNode:
				l.add(c.Data)
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Br:
				lines = appendLine(lines, l.take())
			case blockTags[c.DataAtom]:
				lines = appendLine(lines, l.take())
				walk(c)
				lines = appendLine(lines, l.take())
			default:
				walk(c)
			}
		}
	}
	walk(n)
	lines = appendLine(lines, l.take())
	return strings.Join(lines, "\n")
}

func appendLine(lines []string, s string) []string {
	if s == "" {
		return lines
	}
	return append(lines, s)
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
