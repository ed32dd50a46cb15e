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
	var secs []schema.Section
	var text []string
	flush := func() {
		if len(secs) > 0 {
			secs[len(secs)-1].Text = strings.Join(text, "\n")
		}
		text = text[:0]
	}
	for _, b := range doc.Blocks {
		if b.Table != nil {
			continue
		}
		line := strings.TrimSpace(b.Text)
		if line == "" {
			continue
		}
		if n := sectionNumber(line); n > 0 && (len(secs) == 0 || n > secs[len(secs)-1].Number) {
			flush()
			secs = append(secs, schema.Section{Number: n, Heading: line})
			continue
		}
		if len(secs) > 0 {
			text = append(text, line)
		}
	}
	flush()
	return secs
}
