package html

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"xxgk/extract/document"
)

// sectionHeading matches the numbered section headings of a report, of the
// national format (一、总体情况 … 六、其他需要报告的事项) and of the older
// reports (一、概述, 三、依申请公开政府信息情况, 四、…收费及减免情况).
var sectionHeading = regexp.MustCompile(`^[一二三四五六七八九十]{1,2}\s*[、.．,，]\s*.*(总体情况|概述|主动公开|申请|行政复议|行政诉讼|收费|问题|其他需要报告)`)

// tableWords are printed in the national tables and nowhere on a site's
// chrome.
var tableWords = []string{"自然人", "第二十条", "结果维持", "申请人情况"}

// article keeps the items of the report and drops the site around it. The
// report is the smallest element holding all its section headings and
// national tables; headings inside links (menus, lists of other reports)
// do not count. Inside it, <nav>, <aside> and <footer> are still dropped,
// and so are lines that are nothing but links (【打印】【关闭】, links to
// other reports).
// A page without such anchors (a report with unusual headings) keeps all
// but its chrome and link-only lines. The report's title, when the site
// prints it above the article element, is taken from just before it, or
// from the page's <title>.
func article(items []item, pageTitle string) []item {
	var anchors []anchor
	for _, it := range items {
		if isAnchor(it) {
			a := anchor{node: it.node, text: it.block.Text}
			if it.block.Table != nil {
				a.text = ""
			}
			anchors = append(anchors, a)
		}
	}
	var kept []item
	first := len(items)
	if root := articleRoot(anchors); root != nil && len(anchors) >= 2 {
		inChrome := enclosedByChrome(root)
		for i, it := range items {
			if within(it.node, root) && (inChrome || !it.chrome) && !it.link {
				kept = append(kept, it)
				first = min(first, i)
			}
		}
	} else {
		for i, it := range items {
			if !it.chrome && !it.link {
				kept = append(kept, it)
				first = min(first, i)
			}
		}
	}
	if hasTitle(kept) {
		return kept
	}
	for i := first - 1; i >= 0; i-- {
		if it := items[i]; it.block.Table == nil && !it.link && isTitle(it.block.Text) {
			title := []item{it}
			// A title broken in two: the agency on the line above.
			if prev := i - 1; prev >= 0 && lacksAgency(it.block.Text) && isAgencyLine(items[prev]) {
				title = []item{items[prev], it}
			}
			return append(title, kept...)
		}
	}
	if isTitle(pageTitle) {
		return append([]item{{block: document.Block{Text: pageTitle}}}, kept...)
	}
	return kept
}

// anchor is a section heading (its text) or a national table (no text).
type anchor struct {
	node *html.Node
	text string
}

// articleRoot returns the smallest element holding the anchors. A page
// may repeat the headings outside the article, as a table of contents in a
// sidebar: then the element that holds more than half of the anchors, and
// a copy of every heading left outside it, is the article.
func articleRoot(anchors []anchor) *html.Node {
	nodes := make([]*html.Node, len(anchors))
	for i, a := range anchors {
		nodes[i] = a.node
	}
	root := commonAncestor(nodes)
	for root != nil {
		var best *html.Node
		var in []anchor
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			var inside []anchor
			for _, a := range anchors {
				if within(a.node, c) {
					inside = append(inside, a)
				}
			}
			if len(inside) > len(in) {
				best, in = c, inside
			}
		}
		if best == nil || 2*len(in) <= len(anchors) || !copiesOutside(anchors, in, best) {
			return root
		}
		root, anchors = best, in
	}
	return root
}

// copiesOutside reports whether every anchor outside el is a heading whose
// text an anchor inside el repeats.
func copiesOutside(all, inside []anchor, el *html.Node) bool {
	texts := map[string]bool{}
	for _, a := range inside {
		texts[a.text] = true
	}
	for _, a := range all {
		if !within(a.node, el) && (a.text == "" || !texts[a.text]) {
			return false
		}
	}
	return true
}

func isAnchor(it item) bool {
	if t := it.block.Table; t != nil {
		for _, r := range t.Rows {
			for _, c := range r.Cells {
				for _, w := range tableWords {
					if strings.Contains(c.Text, w) {
						return true
					}
				}
			}
		}
		return false
	}
	return !it.link && utf8.RuneCountInString(it.block.Text) <= 50 && sectionHeading.MatchString(it.block.Text)
}

// hasTitle reports whether the report's title is among its first lines.
func hasTitle(items []item) bool {
	for _, it := range items[:min(len(items), 3)] {
		if it.block.Table == nil && isTitle(it.block.Text) {
			return true
		}
	}
	return false
}

// isTitle tells a report's title from other lines that name reports: a
// breadcrumb trail (首页 > 信息公开 > 年报), a sentence (特向社会公布本机关
// 2021年度政府信息公开工作年度报告。).
func isTitle(s string) bool {
	return utf8.RuneCountInString(s) <= 100 &&
		(strings.Contains(s, "年度报告") || strings.Contains(s, "年报")) &&
		!strings.ContainsAny(s, ">＞»，。；") && !strings.Contains(s, "当前位置")
}

// yearPrefix is the year a title may start with.
var yearPrefix = regexp.MustCompile(`^\s*(19|20)\d\d\s*年度?\s*`)

// lacksAgency reports whether a title names no agency: 2019年政府信息公开
// 工作年度报告, 政府信息公开工作年度报告（2019年）.
func lacksAgency(title string) bool {
	rest := yearPrefix.ReplaceAllString(title, "")
	return strings.HasPrefix(rest, "政府信息公开") || strings.HasPrefix(rest, "年度")
}

// isAgencyLine tells the line above a title that holds the agency's name.
func isAgencyLine(it item) bool {
	t := it.block.Text
	return it.block.Table == nil && !it.link && utf8.RuneCountInString(t) <= 30 &&
		!strings.ContainsAny(t, "，。；：>＞»") && !strings.Contains(t, "网站")
}

// commonAncestor returns the deepest node that holds all of nodes.
func commonAncestor(nodes []*html.Node) *html.Node {
	if len(nodes) == 0 {
		return nil
	}
	var chain []*html.Node // root first
	for n := nodes[0]; n != nil; n = n.Parent {
		chain = append(chain, n)
	}
	slices.Reverse(chain)
	depth := make(map[*html.Node]int, len(chain))
	for i, n := range chain {
		depth[n] = i
	}
	keep := len(chain)
	for _, n := range nodes[1:] {
		for p := n; p != nil; p = p.Parent {
			if d, ok := depth[p]; ok {
				keep = min(keep, d+1)
				break
			}
		}
	}
	return chain[keep-1]
}

func within(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

func enclosedByChrome(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && isChrome(n) {
			return true
		}
	}
	return false
}
