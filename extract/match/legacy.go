package match

import (
	"strings"

	"xxgk/extract/document"
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
