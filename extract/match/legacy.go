package match

import (
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// firstTemplateYear is the first report year of the national table format
// (国办公开办函〔2019〕60号).
const firstTemplateYear = 2019

// nationalTableWords are printed in the national tables of both templates
// (table 2, 3, 4) and in no table of the older reports.
var nationalTableWords = []string{"第二十条", "自然人", "本年新收", "结果维持"}

// oldHeadings are section headings of the reports written under the 2008
// regulation, before the national format: 一、概述, 三、依申请公开政府信息情况,
// 四、政府信息公开的收费及减免情况, 五、因政府信息公开申请行政复议、提起行政诉讼的情况.
var oldHeadings = []string{"概述", "依申请公开政府信息", "收费及减免", "因政府信息公开申请行政复议"}

// IsLegacy reports whether doc is a report from before the national table
// format: none of its tables is a national one, and its report year is
// before 2019, or, when the year is unknown (0), at least two headings of the
// older reports' sections stand in its text. A report of 2019 or later
// whose tables were not found is not legacy: it is partial or failed.
func IsLegacy(year int, doc *document.Document) bool {
	if hasNationalTable(doc) {
		return false
	}
	if year != 0 {
		return year < firstTemplateYear
	}
	found := map[string]bool{}
	for _, b := range doc.Blocks {
		// Headings are short lines; a long paragraph that mentions
		// 依申请公开 in passing is not one.
		if b.Table != nil || len([]rune(b.Text)) > 40 {
			continue
		}
		for _, h := range oldHeadings {
			if strings.Contains(b.Text, h) {
				found[h] = true
			}
		}
	}
	return len(found) >= 2
}

func hasNationalTable(doc *document.Document) bool {
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				for _, w := range nationalTableWords {
					if strings.Contains(c.Text, w) {
						return true
					}
				}
			}
		}
	}
	return false
}

// numerals are the section numbers of headings, 一 to 十.
var numerals = []rune("一二三四五六七八九十")

// LegacySections returns the sections of a report from before the national
// format as it prints them: headings 一、 to 十、 in sequence (the older
// reports have seven: 概述, 主动公开, 依申请公开, 收费及减免, 行政复议和诉讼,
// 问题和改进, 其他事项), each with the text up to the next. A heading must
// come right after the previous one's number, so that a list numbered 一、
// 二、 inside a section is not taken for headings.
func LegacySections(doc *document.Document) []schema.Section {
	return splitSections(doc, func(line string, last int) int {
		if n := legacyHeading(line); n == last+1 {
			return n
		}
		return 0
	})
}

// legacyHeading returns the number of a section heading (一、概述 → 1), or 0.
func legacyHeading(line string) int {
	rs := []rune(line)
	if len(rs) < 3 || len(rs) > 40 {
		return 0
	}
	n := 0
	for i, r := range numerals {
		if rs[0] == r {
			n = i + 1
		}
	}
	if n == 0 || !strings.ContainsRune("、.．", rs[1]) {
		return 0
	}
	return n
}
