package match

import (
	"fmt"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/schema"
)

func paragraphs(lines ...string) []document.Block {
	out := make([]document.Block, len(lines))
	for i, l := range lines {
		out[i] = document.Block{Text: l}
	}
	return out
}

func table(rows ...[]string) document.Block {
	t := &document.Table{Grid: true}
	for _, r := range rows {
		var row document.Row
		for i, c := range r {
			row.Cells = append(row.Cells, document.Cell{Text: c, Col: i, Span: 1})
		}
		t.Rows = append(t.Rows, row)
	}
	return document.Block{Table: t}
}

func TestIsLegacy(t *testing.T) {
	old := paragraphs("某某县2016年政府信息公开工作年度报告", "一、概述", "本年度……", "二、主动公开政府信息情况",
		"三、依申请公开政府信息情况", "四、政府信息公开的收费及减免情况", "五、因政府信息公开申请行政复议、提起行政诉讼的情况")
	oldStats := table([]string{"指标名称", "单位", "数量"}, []string{"主动公开政府信息数", "条", "1200"}, []string{"收到申请数", "件", "12"})
	national := table([]string{"", "申请人情况"}, []string{"", "自然人", "法人或其他组织", "总计"})
	modern := paragraphs("某某县2019年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
		"三、收到和处理政府信息公开申请情况")
	long := paragraphs("一、总体情况", "本年度，我县严格落实依申请公开政府信息工作制度，规范办理流程，及时答复申请人，依法做好收费及减免工作。")
	tests := []struct {
		name   string
		year   int
		blocks []document.Block
		want   bool
	}{
		{"2016, text only", 2016, old, true},
		{"2016 with its own statistics table", 2016, append(old, oldStats), true},
		{"2018 but with a national table", 2018, append(old, national), false},
		{"2019 without tables is not legacy", 2019, modern, false},
		{"year unknown, old headings", 0, old, true},
		{"year unknown, new headings", 0, modern, false},
		{"year unknown, old words only in a long paragraph", 0, long, false},
		{"year unknown, national table", 0, append(old, national), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsLegacy(tt.year, &document.Document{Blocks: tt.blocks}); got != tt.want {
				t.Errorf("IsLegacy = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLegacySections(t *testing.T) {
	doc := &document.Document{Blocks: append(paragraphs(
		"某某县2016年政府信息公开工作年度报告",
		"本报告根据……编制。",
		"一、概述",
		"2016年，我县……",
		"一、加强领导。二、完善制度。",
		"二、主动公开政府信息情况",
		"全年主动公开1200条。",
		"四、政府信息公开的收费及减免情况",
		"三、依申请公开政府信息情况",
		"共收到申请12件。",
	), table([]string{"指标", "数量"}), document.Block{Text: "四、政府信息公开的收费及减免情况"}, document.Block{Text: "未收费。"})}
	var got []string
	for _, s := range LegacySections(doc) {
		got = append(got, fmt.Sprintf("%d %s: %s", s.Number, s.Heading, s.Text))
	}
	want := []string{
		"1 一、概述: 2016年，我县……\n一、加强领导。二、完善制度。",
		"2 二、主动公开政府信息情况: 全年主动公开1200条。\n四、政府信息公开的收费及减免情况",
		"3 三、依申请公开政府信息情况: 共收到申请12件。",
		"4 四、政府信息公开的收费及减免情况: 未收费。",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("LegacySections\n got %q\nwant %q", got, want)
	}
}

// TestFillLegacy reads a pre-2019 report whose statistics table has rows
// the table matcher would take for national ones: it is legacy, with its
// sections as printed and no cells.
func TestFillLegacy(t *testing.T) {
	doc := &document.Document{Blocks: append(paragraphs(
		"某某县2017年政府信息公开工作年度报告",
		"一、概述", "本年度……",
		"二、主动公开政府信息情况", "全年主动公开1200条。",
		"三、依申请公开政府信息情况", "共收到申请12件。",
	), table(
		[]string{"指标名称", "数量"},
		[]string{"规章", "3", "4", "5"},
		[]string{"行政许可", "3"},
	))}
	r := &schema.Report{}
	Fill(r, doc)
	if r.Status != schema.StatusLegacy || r.Template != schema.TemplateLegacy || r.ErrorCode != "" || len(r.Cells) != 0 || r.Year != 2017 {
		t.Errorf("got status %s, template %s, error %q, %d cells, year %d; want legacy, legacy, none, 0, 2017",
			r.Status, r.Template, r.ErrorCode, len(r.Cells), r.Year)
	}
	if len(r.Sections) != 3 || r.Sections[2].Heading != "三、依申请公开政府信息情况" || r.Sections[2].Text != "共收到申请12件。" {
		t.Errorf("sections = %+v", r.Sections)
	}
}
