package match

import (
	"regexp"
	"strconv"
	"strings"

	"xxgk/extract/document"
)

var yearRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*度?`)

// Title finds the report's title among the paragraphs before the first
// section and returns the agency and the report year it names. Titles come
// as one line (淮安市洪泽区人民政府2024年政府信息公开工作年度报告), year first
// (2019年上海市人民政府办公厅政府信息公开工作年度报告), or broken over two
// lines with the agency on the first.
func Title(doc *document.Document) (agency string, year int) {
	var prev string
	for i, b := range doc.Blocks {
		if i > 40 {
			break
		}
		if b.Table != nil {
			continue
		}
		line := strings.Join(strings.Fields(Fold(b.Text)), "")
		if line == "" {
			continue
		}
		if sectionNumber(line) > 0 {
			break
		}
		if !strings.Contains(line, "信息公开") || !strings.Contains(line, "报告") {
			if !yearRe.MatchString(line) || len([]rune(line)) > 8 {
				prev = line
			}
			continue
		}
		m := yearRe.FindStringSubmatchIndex(line)
		if m == nil {
			return "", 0
		}
		year, _ = strconv.Atoi(line[m[2]:m[3]])
		name := line[:m[0]] + line[m[1]:]
		if k := strings.Index(name, "政府信息公开"); k >= 0 {
			name = name[:k]
		}
		if name == "" && len([]rune(prev)) <= 30 {
			name = prev
		}
		return name, year
	}
	return "", 0
}
