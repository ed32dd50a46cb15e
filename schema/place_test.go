package schema

import "testing"

func TestPlace(t *testing.T) {
	box := [4]float64{213, 452, 220, 466}
	tests := []struct {
		key  string
		loc  Location
		tmpl Template
		lang Lang
		want string
	}{
		{"requests.unable.not_held.natural_person", Location{Page: 4, Box: &box}, Template2021, LangZH,
			"第4页 · 表三（收到和处理政府信息公开申请情况）· 第13行「（四）无法提供 1.本机关不掌握相关政府信息」· 自然人列"},
		{"requests.unable.not_held.natural_person", Location{Page: 4, Box: &box}, Template2021, LangEN,
			"page 4 · table 3 (requests for disclosure received and handled) · row 13 requests.unable.not_held · column natural_person"},
		{"requests.new_received.total", Location{Line: 74}, Template2019, LangZH,
			"文本第74行 · 表三（收到和处理政府信息公开申请情况）· 第1行「一、本年新收政府信息公开申请数量」· 总计列"},
		// The 2019 template prints （六）其他处理 as one row, the 2021 one as three.
		{"requests.results_total.total", Location{Table: 2, Row: 30, Col: 9}, Template2019, LangZH,
			"文档中第2个表格 · 表三（收到和处理政府信息公开申请情况）· 第22行「（七）总计」· 总计列"},
		{"requests.results_total.total", Location{}, Template2021, LangZH,
			"表三（收到和处理政府信息公开申请情况）· 第24行「（七）总计」· 总计列"},
		{"review.upheld", Location{Page: 5}, Template2021, LangZH,
			"第5页 · 表四（政府信息公开行政复议、行政诉讼情况）· 「行政复议」· 结果维持列"},
		{"active.licensing.decisions", Location{}, Template2021, LangZH,
			"表二（主动公开政府信息情况）· 第3行「行政许可」· 本年处理决定数量列"},
		{"no.such.key", Location{Page: 2}, Template2021, LangZH, "第2页"},
		{"no.such.key", Location{}, Template2021, LangZH, ""},
	}
	for _, tt := range tests {
		if got := Place(tt.key, tt.loc, tt.tmpl, tt.lang); got != tt.want {
			t.Errorf("Place(%s, %+v, %s, %s)\n got %s\nwant %s", tt.key, tt.loc, tt.tmpl, tt.lang, got, tt.want)
		}
	}
	// A 2021 report that prints （六）其他处理 as one row, as 2019 did.
	r := &Report{Template: Template2021, Cells: []Cell{{Key: "requests.other.all.total"}, {Key: "requests.carried_forward.total"}}}
	if got, want := PlaceIn(r, "requests.carried_forward.total", Location{Page: 3}, LangZH),
		"第3页 · 表三（收到和处理政府信息公开申请情况）· 第23行「四、结转下年度继续办理」· 总计列"; got != want {
		t.Errorf("PlaceIn one-row 2021 = %s, want %s", got, want)
	}
	if got := PlaceIn(r, "active.licensing.decisions", Location{}, LangZH); got != "表二（主动公开政府信息情况）· 第3行「行政许可」· 本年处理决定数量列" {
		t.Errorf("PlaceIn table 2 = %s", got)
	}
	if got := CellName("requests.granted.research", Template2021, LangZH); got != "「（一）予以公开」科研机构列" {
		t.Errorf("CellName = %s", got)
	}
}

// Every rule id has a registry entry with both names, the check in both
// languages, and a meaning for each severity it can raise.
func TestRulesRegistry(t *testing.T) {
	ids := []RuleID{RuleBalance, RuleResultsSum, RuleRowTotal, RuleGroupTotal, RuleValid, RuleNarrativeRequests,
		RuleContinuityCarry, RuleContinuityInForce, RuleNotCheckable, RuleEmptyTables, RuleOCRUncertain}
	if len(Rules) != len(ids) {
		t.Errorf("%d rules in the registry, %d ids", len(Rules), len(ids))
	}
	for _, id := range ids {
		r, ok := LookupRule(id)
		if !ok {
			t.Errorf("%s: not in the registry", id)
			continue
		}
		if r.Name.ZH == "" || r.Name.EN == "" || r.Check.ZH == "" || r.Check.EN == "" {
			t.Errorf("%s: a name or check is missing: %+v", id, r)
		}
		if (r.Error.ZH == "") != (r.Error.EN == "") || (r.Warning.ZH == "") != (r.Warning.EN == "") || r.Error.ZH == "" && r.Warning.ZH == "" {
			t.Errorf("%s: severity meanings incomplete: %+v", id, r)
		}
	}
	if RuleID("x.y").Name(LangZH) != "x.y" || RuleBalance.Name(LangZH) != "申请数量收支平衡" || RuleBalance.Name(LangEN) != "Requests in and out balance" {
		t.Error("RuleID.Name")
	}
}
