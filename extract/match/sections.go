package match

import (
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// sectionHeads are the six section headings: the numeral that opens them and
// the words that tell them apart (headings vary slightly in wording).
var sectionHeads = []struct {
	numeral string
	words   []string
}{
	{"一", []string{"总体情况"}},
	{"二", []string{"主动公开"}},
	{"三", []string{"收到和处理", "依申请公开", "政府信息公开申请"}},
	{"四", []string{"行政复议", "行政诉讼"}},
	{"五", []string{"存在的主要问题", "问题及改进", "改进情况", "存在问题"}},
	{"六", []string{"其他需要报告", "其他事项"}},
}

// sectionNumber tells whether a paragraph is a section heading and which.
func sectionNumber(line string) int {
	s := strings.TrimSpace(Fold(line))
	if len([]rune(s)) > 40 {
		return 0
	}
	for i, h := range sectionHeads {
		rest, ok := strings.CutPrefix(s, h.numeral)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " ")
		if !strings.HasPrefix(rest, "、") && !strings.HasPrefix(rest, ".") && !strings.HasPrefix(rest, "．") {
			return 0
		}
		for _, w := range h.words {
			if strings.Contains(rest, w) {
				return i + 1
			}
		}
	}
	return 0
}

// Sections finds the six sections in the document's paragraphs, in order.
// A heading is accepted only after the previous one, so that 一、 inside the
// text of a later section is not taken for a heading.
func Sections(doc *document.Document) []schema.Section {
	return splitSections(doc, func(line string, last int) int {
		if n := sectionNumber(line); n > last {
			return n
		}
		return 0
	})
}

// splitSections cuts the document's paragraphs, tables left out, at the
// headings that heading accepts: it returns a heading's number (> 0) when
// line may follow section number last (0 before the first), or 0. Each
// section has the text up to the next heading.
func splitSections(doc *document.Document, heading func(line string, last int) int) []schema.Section {
	var secs []schema.Section
	var text []string
	flush := func() {
		if len(secs) > 0 {
			secs[len(secs)-1].Text = strings.Join(text, "\n")
		}
		text = text[:0]
	}
	last := 0
	for _, b := range doc.Blocks {
		line := strings.TrimSpace(b.Text)
		if b.Table != nil || line == "" {
			continue
		}
		if n := heading(line, last); n > 0 {
			flush()
			secs = append(secs, schema.Section{Number: n, Heading: line})
			last = n
			continue
		}
		if len(secs) > 0 {
			text = append(text, line)
		}
	}
	flush()
	return secs
}
