package narrative

import (
	"reflect"
	"testing"

	"xxgk/schema"
)

// cityReport is a city bureau's report whose tables hold: new 340,
// carried over 25, results 240, carried forward 125, granted 120,
// withheld 30, review 6, litigation 2 + 1.
func cityReport(overview string) *schema.Report {
	r := &schema.Report{Agency: "临川市人民政府", Year: 2024, Template: schema.Template2021,
		Sections: []schema.Section{{Number: 1, Heading: "一、总体情况", Text: overview}}}
	for k, v := range map[string]float64{
		"requests.new_received.total": 340, "requests.carried_over.total": 25,
		"requests.results_total.total": 240, "requests.carried_forward.total": 125,
		"requests.granted.total": 120, "requests.partially_granted.total": 10,
		"requests.withheld.state_secret.total": 10, "requests.withheld.third_party_rights.total": 20,
		"review.total": 6, "litigation_direct.total": 2, "litigation_after_review.total": 1,
	} {
		r.Cells = append(r.Cells, schema.Cell{Key: k, Kind: schema.KindNumber, Value: v})
	}
	for _, row := range schema.RequestRows {
		if row.Key != "requests.withheld.state_secret" && row.Key != "requests.withheld.third_party_rights" &&
			len(row.Key) > len("requests.withheld.") && row.Key[:len("requests.withheld.")] == "requests.withheld." {
			r.Cells = append(r.Cells, schema.Cell{Key: row.Key + ".total", Kind: schema.KindNumber, Value: 0.0})
		}
	}
	return r
}

// TestTraps: the classes of sentence that count something else than the
// tables (issue 15) stay silent; the same sentences with the agency's own
// figures changed warn, with found the stated number.
func TestTraps(t *testing.T) {
	lit := []string{"litigation_direct.total", "litigation_after_review.total"}
	withheld := rowTotals("requests.withheld")
	tests := []struct {
		name string
		text string
		want []flag // nil: silent
	}{
		// Carried-forward counts are not the results total.
		{"trap: carried forward, 转下年度办理", "2024年共收到政府信息公开申请340件，上年结转25件，办结240件，转下年度办理125件。", nil},
		{"trap: carried forward, 转入下一年度", "另有125件转入下一年度办理。", nil},
		{"carried forward changed", "2024年共收到政府信息公开申请340件，办结240件，转下年度办理128件。",
			[]flag{{[]string{"requests.carried_forward.total"}, 125, 128}}},
		// Numerals inside idioms and slogans.
		{"trap: slogan 办结一件申请", "我市坚持“办结一件申请、解决一个问题”的工作理念，提升答复质量。", nil},
		{"trap: slogan without quotes", "坚持办结一件申请、解决一个问题，推动依申请公开提质增效。", nil},
		{"trap: idiom 一件一档", "对每件政府信息公开申请做到一件一档、全程留痕。", nil},
		{"trap: 一站式受理", "设立一站式受理窗口，受理政府信息公开申请。", nil},
		// Cases filed or registered with an office are another count.
		{"trap: 备案 litigation cases", "全市全年备案政府信息公开行政复议案件31件、行政诉讼案件57件。", nil},
		{"trap: 登记 review cases", "市政府复议机构登记政府信息公开类行政复议案件31件，行政诉讼案件57件。", nil},
		{"trap: registered after a comma", "全市全年备案各类行政案件，其中政府信息公开行政诉讼案件57件。", nil},
		// Counts of one office or one district.
		{"trap: one district", "其中，高新区受理政府信息公开申请30件。", nil},
		{"trap: one office", "市政府办公室受理政府信息公开申请88件。", nil},
		{"trap: one department among several", "市教育局、市卫健委分别收到政府信息公开申请45件、38件。", nil},
		{"trap: one county of the city", "临川县收到政府信息公开申请66件。", nil},
		// Year-on-year deltas and 同比.
		{"trap: 同比 delta", "收到政府信息公开申请同比增加20件。", nil},
		{"trap: 同比 percent after the figure", "2024年共收到政府信息公开申请340件，同比下降12%。", nil},
		{"trap: delta 比上年多", "受理政府信息公开申请比上年多40件。", nil},
		{"trap: last year's figure in 同比", "共收到政府信息公开申请340件，同比（300件）增长13.3%。", nil},
		{"trap: delta of review", "行政复议案件较上年减少2件。", nil},
		// Planted disagreements: each still caught, found = N.
		{"planted received 收到", "2024年共收到政府信息公开申请350件。",
			[]flag{{[]string{"requests.new_received.total"}, 340, 350}}},
		{"planted received 受理", "全年受理政府信息公开申请333件。",
			[]flag{{[]string{"requests.new_received.total"}, 340, 333}}},
		{"planted granted", "共收到政府信息公开申请340件，其中予以公开121件。",
			[]flag{{[]string{"requests.granted.total"}, 120, 121}}},
		{"planted withheld", "共收到政府信息公开申请340件，不予公开33件。",
			[]flag{{withheld, 30, 33}}},
		{"planted review", "2024年因政府信息公开被申请行政复议7件。",
			[]flag{{[]string{"review.total"}, 6, 7}}},
		{"planted litigation", "2024年因政府信息公开被提起行政诉讼4件。",
			[]flag{{lit, 3, 4}}},
		{"planted review beside a slogan", "坚持“办结一件申请、解决一个问题”，全年因政府信息公开被申请行政复议9件。",
			[]flag{{[]string{"review.total"}, 6, 9}}},
		{"planted received beside a carry", "全年收到政府信息公开申请341件，转下年度办理125件。",
			[]flag{{[]string{"requests.new_received.total"}, 340, 341}}},
	}
	planted, caught, traps, alarms := 0, 0, 0, 0
	for _, tt := range tests {
		got := flagsOf(Check(cityReport(tt.text)))
		if tt.want == nil {
			traps++
			if got != nil {
				alarms++
			}
		} else {
			planted++
			if reflect.DeepEqual(got, tt.want) {
				caught++
			}
		}
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
	t.Logf("traps %d, false alarms %d; planted %d, caught %d", traps, alarms, planted, caught)
}
