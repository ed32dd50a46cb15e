package match

import (
	"fmt"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/schema"
)

func TestSplitRun(t *testing.T) {
	row7 := []group{{7, true}}
	counts := func(n int) []schema.ValueKind { return make([]schema.ValueKind, n) }
	tests := []struct {
		name   string
		run    string
		kinds  []schema.ValueKind
		groups []group
		want   string
	}{
		{"the issue's table-3 row", "7000007", counts(7), row7, "[[7 0 0 0 0 0 7]]"},
		{"thousands separator in the total", "1000300011,004", counts(7), row7, "[[1000 3 0 0 0 1 1,004]]"},
		{"a grouped part", "1,000000001,000", counts(7), row7, "[[1,000 0 0 0 0 0 1,000]]"},
		{"two ways", "20110520157", counts(7), row7, "[[20 1 10 5 20 1 57] [20 11 0 5 20 1 57]]"},
		{"no way", "1111112", counts(7), row7, "[]"},
		{"one free value", "26480430", counts(1), nil, "[[26480430]]"},
		{"three free values, three digits", "898", counts(3), nil, "[[8 9 8]]"},
		{"three free values, many ways", "898989", counts(3), nil, "10 splits"},
		{"a signed change", "4-2", []schema.ValueKind{schema.Count, schema.SignedCount}, nil, "[[4 -2]]"},
		{"an amount", "12.5", []schema.ValueKind{schema.Amount}, nil, "[[12.5]]"},
		{"no decimals in counts", "12.5", counts(2), nil, "[]"},
		{"table 4", "001230220423117", counts(15), []group{{5, true}, {5, true}, {5, true}}, "[[0 0 1 2 3 0 2 2 0 4 2 3 1 1 7]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, complete := splitRun(tt.run, tt.kinds, tt.groups, nil)
			if !complete {
				t.Fatalf("incomplete search")
			}
			s := fmt.Sprint(got)
			if len(got) > 3 {
				s = fmt.Sprintf("%d splits", len(got))
			}
			if got == nil {
				s = "[]"
			}
			if s != tt.want {
				t.Errorf("splitRun(%q) = %s, want %s", tt.run, s, tt.want)
			}
		})
	}
}

// TestSplitRunBounded: a long run of digits that splits in very many ways
// ends the search, incomplete, instead of running on.
func TestSplitRunBounded(t *testing.T) {
	_, _, complete := splitRun(strings.Repeat("1", 90), make([]schema.ValueKind, 15), nil, nil)
	if complete {
		t.Errorf("a run of 90 ones into 15 free cells: search complete, want cut short")
	}
}

// flatDoc is a text document of the given paragraphs.
func flatDoc(lines ...string) *document.Document {
	doc := &document.Document{Format: document.Text}
	for i, l := range lines {
		doc.Blocks = append(doc.Blocks, document.Block{Text: l, Loc: schema.Location{Line: i + 1}})
	}
	return doc
}

const flatTable3 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他" +
	"一、本年新收政府信息公开申请数量5321135588二、上年结转政府信息公开申请数量1100002" +
	"三、本年度办理结果（一）予以公开1610013131（二）部分公开（区分处理的，只计这一情形，不计其他情形）5200007" +
	"（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益2000002" +
	"5.属于三类内部事务信息20000026.属于四类过程性信息30000147.属于行政执法案卷10000018.属于行政查询事项0000000" +
	"（四）无法提供1.本机关不掌握相关政府信息441011112.没有现成信息需要另行制作31001053.补正后申请内容仍不明确1000012" +
	"（五）不予处理1.信访举报投诉类申请61000072.重复申请31010053.要求提供公开出版物01000014.无正当理由大量反复申请1000001" +
	"5.要求行政机关确认或重新出具已获取信息1000012（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请1000001" +
	"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他1100002（七）总计5021125584四、结转下年度继续办理4101006"

// TestFillFlattened reads a flattened report: the row （一）予以公开
// "1610013131" splits three ways by its own total, and only one of them
// lets the columns balance; every split value is marked inferred.
func TestFillFlattened(t *testing.T) {
	doc := flatDoc("昆明市盘龙区水务局2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
		"第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章4139行政规范性文件157201第二十条第（五）项信息内容本年处理决定数量行政许可68",
		"三、收到和处理政府信息公开申请情况", flatTable3,
		"四、政府信息公开行政复议、行政诉讼情况",
		"行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计001230220423117")
	var r schema.Report
	Fill(&r, doc)
	m := r.CellMap()
	want := map[string]float64{
		"requests.granted.natural_person": 16, "requests.granted.commercial": 10, "requests.granted.total": 31,
		"requests.new_received.total": 88, "review.other": 1, "litigation_after_review.total": 7,
		"active.licensing.decisions": 68,
	}
	for k, v := range want {
		c, ok := m[k]
		if got, _ := c.Number(); !ok || got != v {
			t.Errorf("%s = %v (%q), want %v", k, got, c.Raw, v)
		}
		if c.Inferred != (k != "active.licensing.decisions") {
			t.Errorf("%s: inferred %v", k, c.Inferred)
		}
	}
	if r.Agency != "昆明市盘龙区水务局" || r.Year != 2023 || len(r.Sections) != 4 {
		t.Errorf("agency %q, year %d, %d sections", r.Agency, r.Year, len(r.Sections))
	}
	// 规章4139 and 行政规范性文件157201 split many ways: unread, named.
	if r.Status != schema.StatusPartial || !strings.Contains(r.ErrorMessage, "active.rules") {
		t.Errorf("status %s, message %q", r.Status, r.ErrorMessage)
	}
	// (and the rows this test's document leaves out)
	wantUnread := "[active.rules.issued active.rules.repealed active.rules.in_force active.normative_documents.issued active.normative_documents.repealed active.normative_documents.in_force active.penalties.decisions active.coercive_measures.decisions active.fees.amount_10k_yuan]"
	if got := fmt.Sprint(r.UnreadKeys); got != wantUnread {
		t.Errorf("unread %s, want %s", got, wantUnread)
	}
	if len(r.Notes) != 1 || r.Notes[0].Code != "inferred" {
		t.Errorf("notes %+v", r.Notes)
	}
}

// TestUnflattenLeavesOtherFormats: a paragraph of labels and numbers in an
// HTML or PDF document is the report's own text, not a flattened table.
func TestUnflattenLeavesOtherFormats(t *testing.T) {
	doc := flatDoc(flatTable3)
	doc.Format = document.HTML
	if f := Unflatten(doc); f.Doc != doc || len(f.Inferred) != 0 {
		t.Errorf("an HTML paragraph was read as a flattened table")
	}
}

// FuzzSplitRun checks that every split returned spells the run back, has
// one valid token per cell, and keeps the groups' totals.
func FuzzSplitRun(f *testing.F) {
	f.Add("1610013131", 7, true)
	f.Add("001230220423117", 15, true)
	f.Add("109171,642", 3, false)
	f.Fuzz(func(t *testing.T, run string, cells int, sum bool) {
		cells = 1 + (cells%16+16)%16
		var groups []group
		if sum && cells > 1 {
			groups = []group{{cells, true}}
		}
		kinds := make([]schema.ValueKind, cells)
		splits, vals, _ := splitRun(run, kinds, groups, nil)
		for i, s := range splits {
			if strings.Join(s, "") != run || len(s) != cells {
				t.Fatalf("split %q of %q", s, run)
			}
			total := 0.0
			for j, tok := range s {
				v, ok := token(tok, kinds[j])
				if !ok || v != vals[i][j] {
					t.Fatalf("token %q of %q", tok, run)
				}
				if j < cells-1 {
					total += v
				}
			}
			if sum && cells > 1 && total != vals[i][cells-1] {
				t.Fatalf("split %q does not add up", s)
			}
		}
	})
}
