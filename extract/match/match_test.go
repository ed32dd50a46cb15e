package match

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Labels as real reports print them: typos, lost characters, stray spaces,
// full-width digits and punctuation, group and item in one string.
func TestRowLabels(t *testing.T) {
	for _, tc := range []struct {
		labels []string
		want   string // "" for no match
	}{
		{[]string{"2.其他法律行政止公开"}, "requests.withheld.prohibited_by_law"},
		{[]string{"2. 其他法律法规禁止公开"}, "requests.withheld.prohibited_by_law"},
		{[]string{"4.无正当理由大量反复 申请"}, "requests.not_processed.excessive"},
		{[]string{"（二）部分公开（区分处理的，只计这一情 形，不计其他情形）"}, "requests.partially_granted"},
		{[]string{"5.要求行政机关确认或重 新出具已获取信息"}, "requests.not_processed.confirmation"},
		{[]string{"3、危及\"三安全一稳定\""}, "requests.withheld.three_safeties"},
		{[]string{"（三）不予公开", "１．属于国家秘密"}, "requests.withheld.state_secret"},
		{[]string{"(三) 不予公开 1. 属于国家秘密"}, "requests.withheld.state_secret"},
		{[]string{"三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"}, "requests.unable.not_held"},
		{[]string{"1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"}, "requests.other.no_correction"},
		{[]string{"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}, "requests.other.unpaid_fees"},
		{[]string{"（六）其他处理", "3.其他"}, "requests.other.other"},
		{[]string{"（六）其他处理"}, "requests.other.all"},
		{[]string{"（七）总计"}, "requests.results_total"},
		{[]string{"一、本年新收政府信息公开申请数量"}, "requests.new_received"},
		{[]string{"二、上年结转政府信息 公开申请数量"}, "requests.carried_over"},
		{[]string{"四、结转下年度继续办理"}, "requests.carried_forward"},
		{[]string{"行政规范性文件"}, "active.normative_documents"},
		{[]string{"规范性文件"}, "active.normative_documents"},
		{[]string{"规 章"}, "active.rules"},
		{[]string{"行政事业性收费"}, "active.fees"},
		{[]string{"政府集中采购"}, "active.procurement"},
		{[]string{"其他对外管理服务事项"}, "active.other_services"},
		// not rows of the schema
		{[]string{"三、本年度办理结果"}, ""},
		{[]string{"网站发布信息"}, ""},
		{[]string{"政策解读"}, ""},
	} {
		c, ok := bestCandidate(tc.labels)
		if tc.want == "" {
			assert.False(t, ok, "%v matched %s", tc.labels, c.key)
			continue
		}
		assert.True(t, ok, "%v: no match", tc.labels)
		assert.Equal(t, tc.want, c.key, "%v", tc.labels)
	}
}

func TestParseValue(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		kind schema.CellKind
		num  float64
		unit string
	}{
		{"12", schema.KindNumber, 12, ""},
		{" １２ ", schema.KindNumber, 12, ""},
		{"1,808,595", schema.KindNumber, 1808595, ""},
		{"-8", schema.KindNumber, -8, ""},
		{"－8", schema.KindNumber, -8, ""},
		{"3629.55", schema.KindNumber, 3629.55, ""},
		{"251000元", schema.KindNumber, 251000, "元"},
		{"12.5万元", schema.KindNumber, 12.5, "万元"},
		{"", schema.KindBlank, 0, ""},
		{"\u00a0", schema.KindBlank, 0, ""},
		{"/", schema.KindMarker, 0, ""},
		{"—", schema.KindMarker, 0, ""},
		{"无", schema.KindMarker, 0, ""},
		{"约12", schema.KindText, 0, ""},
		{"1,2", schema.KindText, 0, ""},
	} {
		v := ParseValue(tc.raw)
		assert.Equal(t, tc.kind, v.Kind, tc.raw)
		assert.Equal(t, tc.num, v.Number, tc.raw)
		assert.Equal(t, tc.unit, v.Unit, tc.raw)
	}
}

func TestSectionHeadings(t *testing.T) {
	for _, tc := range []struct {
		line string
		want int
	}{
		{"一、总体情况", 1},
		{"二、主动公开政府信息情况", 2},
		{"三、收到和处理政府信息公开申请情况", 3},
		{"四、政府信息公开行政复议、行政诉讼情况", 4},
		{"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4},
		{"五、存在的主要问题及改进情况", 5},
		{"六、其他需要报告的事项", 6},
		{"一、本年新收政府信息公开申请数量", 0},
		{"（一）主动公开", 0},
		{"二是持续开展日常监管", 0},
	} {
		assert.Equal(t, tc.want, sectionNumber(tc.line), tc.line)
	}
}

// box makes a PDF-like cell at x on a page.
func box(text string, page int, x float64) document.Cell {
	return document.Cell{Text: text, Loc: schema.Location{Page: page, Box: &[4]float64{x, 100, x + 20, 110}}}
}

// A PDF table 3 broken over a page: the continuation has no header, an
// empty label cell, and a blank value; cells are placed by page position.
func TestTable3AcrossPagesByPosition(t *testing.T) {
	xs := []float64{200, 240, 280, 320, 360, 400, 440}
	row := func(page int, labels []string, vals ...string) document.Row {
		var r document.Row
		for i, l := range labels {
			r.Cells = append(r.Cells, box(l, page, 20+float64(i)*60))
		}
		for i, v := range vals {
			r.Cells = append(r.Cells, box(v, page, xs[i]))
		}
		return r
	}
	header := document.Row{}
	for i, l := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		header.Cells = append(header.Cells, box(l, 1, xs[i]))
	}
	page1 := &document.Table{Grid: true, Rows: []document.Row{
		header,
		row(1, []string{"一、本年新收政府信息公开申请数量"}, "95", "0", "0", "0", "0", "0", "95"),
	}}
	page2 := &document.Table{Grid: true, Rows: []document.Row{
		row(2, []string{"（六）其他处理", ""}, "1", "0", "", "0", "0", "0", "1"),
	}}
	doc := &document.Document{Blocks: []document.Block{{Table: page1}, {Text: "-3-"}, {Table: page2}}}
	got := MatchTables(doc)
	require.Empty(t, got.Problems)
	cells := map[string]schema.Cell{}
	for _, c := range got.Cells {
		cells[c.Key] = c
	}
	assert.Equal(t, 95.0, cells["requests.new_received.total"].Value)
	assert.Equal(t, 1.0, cells["requests.other.all.natural_person"].Value)
	assert.Equal(t, schema.KindBlank, cells["requests.other.all.research"].Kind)
	assert.Equal(t, 1.0, cells["requests.other.all.total"].Value)
	assert.Equal(t, 1, got.OtherRows)
	assert.Equal(t, 2, cells["requests.other.all.total"].Loc.Page)
}

// In a grid table (DOCX, HTML) a value cell spanning two columns is read
// under the first column it covers, and blank cells keep their columns.
func TestTable3ByGrid(t *testing.T) {
	g := func(text string, col, span int) document.Cell {
		return document.Cell{Text: text, Col: col, Span: span}
	}
	tbl := &document.Table{Grid: true, Rows: []document.Row{
		{Cells: []document.Cell{g("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 0, 2), g("申请人情况", 2, 7)}},
		{Cells: []document.Cell{{Merged: true, Span: 2}, g("自然人", 2, 1), g("法人或其他组织", 3, 5), g("总计", 8, 1)}},
		{Cells: []document.Cell{{Merged: true, Span: 2}, {Merged: true, Col: 2}, g("商业企业", 3, 1), g("科研机构", 4, 1), g("社会公益组织", 5, 1), g("法律服务机构", 6, 1), g("其他", 7, 1), {Merged: true, Col: 8}}},
		{Cells: []document.Cell{g("一、本年新收政府信息公开申请数量", 0, 2), g("821", 2, 1), g("35", 3, 1), g("", 4, 1), g("", 5, 1), g("2", 6, 1), g("1", 7, 1), g("859", 8, 1)}},
	}}
	got := MatchTables(&document.Document{Blocks: []document.Block{{Table: tbl}}})
	require.Empty(t, got.Problems)
	want := []string{"821", "35", "", "", "2", "1", "859"}
	for i, c := range got.Cells {
		assert.Equal(t, want[i], c.Raw, c.Key)
	}
}

// A number that could not be read says why in the words of its source: a
// font for text layers, OCR for scans.
func TestUndecodableSaysWhy(t *testing.T) {
	g := func(text string, col int) document.Cell { return document.Cell{Text: text, Col: col, Span: 1} }
	doc := func(notes ...schema.Note) *document.Document {
		tbl := &document.Table{Grid: true, Rows: []document.Row{
			{Cells: []document.Cell{{Text: "申请人情况", Col: 2, Span: 7}}},
			{Cells: []document.Cell{g("自然人", 2), g("商业企业", 3), g("科研机构", 4), g("社会公益组织", 5), g("法律服务机构", 6), g("其他", 7), g("总计", 8)}},
			{Cells: []document.Cell{{Text: "一、本年新收政府信息公开申请数量", Col: 0, Span: 2}, g("8\ufffd", 2), g("0", 3), g("0", 4), g("0", 5), g("0", 6), g("0", 7), g("8", 8)}},
		}}
		return &document.Document{Blocks: []document.Block{{Table: tbl}}, Notes: notes}
	}
	for _, tt := range []struct {
		notes []schema.Note
		want  string
	}{
		{nil, "printed in a font that cannot be decoded"},
		{[]schema.Note{{Code: "ocr", Message: "pages 1 read by OCR"}}, "hold ink that OCR could not read as a number"},
	} {
		r := &schema.Report{}
		Fill(r, doc(tt.notes...))
		assert.Equal(t, schema.ErrUndecodableText, r.ErrorCode, r.ErrorMessage)
		assert.Contains(t, r.ErrorMessage, tt.want)
	}
}
