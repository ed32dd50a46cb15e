package narrative

import (
	"path/filepath"
	"reflect"
	"testing"

	"xxgk/fixtures"
	"xxgk/schema"
)

// Corpus reports whose tables the sentence tests read.
const (
	jishan   = "shanxi_jishan_county_2023"
	hongze   = "jiangsu_huaian_hongzequ_2024"
	shanghai = "shanghai_shizhengfubangongting_2019"
)

// truthReport builds the report the extractors should produce for a corpus
// document: the cells of its truth file, and overview as section 一.
func truthReport(t testing.TB, path, overview string) *schema.Report {
	t.Helper()
	fixtures.NeedCorpus(t)
	truth, err := fixtures.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r := &schema.Report{
		File:     filepath.Base(truth.Source),
		Agency:   truth.Agency,
		Year:     truth.Year,
		Template: schema.Template(truth.Template),
		Sections: []schema.Section{{Number: 1, Heading: "一、总体情况", Text: overview}},
	}
	for key, v := range truth.Cells {
		c := schema.Cell{Key: key, Kind: schema.KindBlank}
		if v != nil {
			c.Kind, c.Value = schema.KindNumber, *v
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

func corpusTruth(id string) string {
	return filepath.Join(fixtures.CorpusDir(), id+".truth.json")
}

// flag is the part of a finding a sentence test pins down.
type flag struct {
	keys            []string
	expected, found float64
}

func flagsOf(fs []schema.Finding) []flag {
	var out []flag
	for _, f := range fs {
		out = append(out, flag{f.Keys, *f.Expected, *f.Found})
	}
	return out
}

// TestSentences runs section-一 sentences against the tables of a corpus
// report: sentences quoted from the corpus (some with one number changed to
// make prose and table disagree) and invented ones, about half of them traps
// that must stay silent.
func TestSentences(t *testing.T) {
	lit := []string{"litigation_direct.total", "litigation_after_review.total"}
	tests := []struct {
		name   string
		report string
		text   string
		want   []flag // nil: silent
	}{
		// 稷山 2023: new 12, results 12, carried 0, granted 4, review 1, litigation 0.
		{"jishan as published agrees", jishan,
			"2023年全县各行政机关共收到政府信息公开申请12件，办结12件，申请人均为自然人。", nil},
		{"jishan new requests changed", jishan,
			"2023年全县各行政机关共收到政府信息公开申请15件，办结12件，申请人均为自然人。",
			[]flag{{[]string{"requests.new_received.total"}, 12, 15}}},
		{"jishan handled changed", jishan,
			"2023年全县各行政机关共收到政府信息公开申请12件，办结10件。",
			[]flag{{[]string{"requests.results_total.total"}, 12, 10}}},
		{"trap: pieces of information, not requests", jishan,
			"2023年，稷山县人民政府网站共发布信息5017条，发布政策解读41篇，制发政府公报4期。", nil},
		{"trap: documents issued, not requests", jishan,
			"2023年制发规范性文件2件，废止及失效3件，现行有效规范性文件共计19件。", nil},
		{"trap: year-on-year change", jishan,
			"2023年共收到政府信息公开申请12件，较上年增加5件，同比增长71.4%。", nil},
		{"trap: change stated with the keyword", jishan,
			"收到政府信息公开申请数量较上年减少3件。", nil},
		{"trap: another year", jishan,
			"2022年，全县共收到政府信息公开申请9件。", nil},
		{"trap: cumulative since the regulations", jishan,
			"自2008年《条例》实施以来，累计收到政府信息公开申请560件。", nil},
		{"trap: cumulative without a year", jishan,
			"《条例》实施以来累计受理政府信息公开申请560件。", nil},
		{"trap: a bureau's own requests", jishan,
			"其中，县教育局受理政府信息公开申请5件。", nil},
		{"trap: review cases filed, not disclosure reviews", jishan,
			"2023年，县政府依法备案政府信息公开行政复议案件134件。", nil},
		{"trap: government as review body", jishan,
			"县政府作为复议机关办理政府信息公开行政复议案件134件。", nil},
		{"trap: review applications the government received as review body", jishan,
			"县政府收到涉及政府信息公开的行政复议申请20件。", nil},
		{"review and suits 各", jishan,
			"2023年因政府信息公开被申请行政复议、提起行政诉讼各1件。",
			[]flag{{lit, 0, 1}}},
		{"carried over from the year before, named", jishan,
			"2023年共收到政府信息公开申请12件，2022年结转申请2件。",
			[]flag{{[]string{"requests.carried_over.total"}, 0, 2}}},
		{"Chinese numerals agree", jishan,
			"全年共收到政府信息公开申请十二件，全部办结。", nil},
		{"Chinese numerals disagree", jishan,
			"全年共收到政府信息公开申请十五件。",
			[]flag{{[]string{"requests.new_received.total"}, 12, 15}}},
		{"granted agrees, partially granted does not", jishan,
			"共收到政府信息公开申请12件，其中予以公开4件，部分公开1件。",
			[]flag{{[]string{"requests.partially_granted.total"}, 0, 1}}},
		{"none happened: review disagrees, suits agree", jishan,
			"2023年，未发生因政府信息公开引起的行政复议和行政诉讼。",
			[]flag{{[]string{"review.total"}, 1, 0}}},
		{"none received", jishan,
			"本年度未收到政府信息公开申请。",
			[]flag{{[]string{"requests.new_received.total"}, 12, 0}}},
		{"trap: no review decided against the agency", jishan,
			"2023年未发生政府信息公开行政复议被纠错的情况。", nil},
		{"trap: requests not accepted", jishan,
			"对不符合条件的政府信息公开申请未受理，并书面告知申请人。", nil},
		{"first received, then outcomes", jishan,
			"在收到的12件政府信息公开申请中，予以公开5件，无法提供8件。",
			[]flag{{[]string{"requests.granted.total"}, 4, 5}}},
		{"trap: an approximate figure", jishan,
			"全年共收到政府信息公开申请10余件。", nil},
		{"trap: hotline tickets", jishan,
			"受理12345热线转办件200件，政府信息公开申请12件。", nil},
		{"the government itself (本级)", jishan,
			"县政府本级共收到政府信息公开申请14件。",
			[]flag{{[]string{"requests.new_received.total"}, 12, 14}}},
		{"trap: townships and departments", jishan,
			"各乡镇、各部门共收到政府信息公开申请150件。", nil},
		{"handled, with 依申请公开件", jishan,
			"全年共办理依申请公开件13件。",
			[]flag{{[]string{"requests.results_total.total"}, 12, 13}}},
		{"trap: townships, with a bracket", jishan,
			"各镇（街道）共受理政府信息公开申请10件。", nil},
		{"none happened, 提起 after the conjunction", hongze,
			"2024年度，我区未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
			[]flag{{[]string{"review.total"}, 2, 0}, {lit, 4, 0}}},
		{"the year so far is the year", jishan,
			"今年以来共受理政府信息公开申请13件。",
			[]flag{{[]string{"requests.new_received.total"}, 12, 13}}},
		{"a semicolon keeps the subject", hongze,
			"2024年，区政府办代表区政府受理政府信息公开申请17件；办结17件。", nil},
		{"trap: applicants without a reply", jishan,
			"对未收到答复的政府信息公开申请人及时回访。", nil},
		{"review and suits 均", hongze,
			"因政府信息公开被申请行政复议、提起行政诉讼均为2件。",
			[]flag{{lit, 4, 2}}},
		{"trap: a rate", jishan,
			"政府信息公开申请按时答复率100%。", nil},

		// 洪泽 2024: new 95, results 95, review 2, litigation 1 + 3.
		{"trap: the office's requests (as extracted from the PDF)", hongze,
			"2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。", nil},
		{"hongze the same 17 for the district", hongze,
			"2024年，我区共受理政府信息公开申请17件。",
			[]flag{{[]string{"requests.new_received.total"}, 95, 17}}},
		{"trap: information published", hongze,
			"2024 年，我区在政\n府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7\n期，解读信息发布 7 条。", nil},
		{"hongze whole year agrees", hongze,
			"2024年，全区共受理政府信息公开申请95件，上年结转0件，办结95件，结转下年度0件。", nil},
		{"hongze litigation sums both groups", hongze,
			"因政府信息公开工作被申请行政复议2件，被提起行政诉讼3件。",
			[]flag{{lit, 4, 3}}},

		// 上海 2019: new 859, carried 18, results 805, forward 72, review 7,
		// litigation 9 + blank, result-row totals blank.
		{"shanghai as published agrees", shanghai,
			"市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。", nil},
		{"shanghai carried forward changed", shanghai,
			"答复政府信息公开申请805件（含上年度结转申请18件，另有70件申请按照《条例》顺延到下年度答复）。",
			[]flag{{[]string{"requests.carried_forward.total"}, 72, 70}}},
		{"trap: result totals printed blank", shanghai,
			"予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。", nil},
		{"shanghai appeals as published agree", shanghai,
			"信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录。", nil},
		{"shanghai review changed", shanghai,
			"信息公开类行政复议8件，诉讼9件，均获维持。",
			[]flag{{[]string{"review.total"}, 7, 8}}},
		{"shanghai suits fewer than the printed part", shanghai,
			"信息公开类行政复议7件，诉讼5件，均获维持。",
			[]flag{{lit, 9, 5}}},
		{"trap: suits more than the printed part, rest may be blank", shanghai,
			"信息公开类行政复议7件，诉讼11件。", nil},
		{"trap: the platform accepts services", shanghai,
			"围绕“一网通办”改革重点任务，统一受理平台接入53个部门2261项事项。", nil},
		{"trap: the city government, not its office", shanghai,
			"市政府共受理政府信息公开申请900件。", nil},
		{"shanghai office without 代表", shanghai,
			"市政府办公厅共受理政府信息公开申请900件。",
			[]flag{{[]string{"requests.new_received.total"}, 859, 900}}},
	}
	flags, silent := 0, 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := truthReport(t, corpusTruth(tt.report), tt.text)
			got := flagsOf(Check(r))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
		if tt.want == nil {
			silent++
		} else {
			flags++
		}
	}
	if flags < 5 || silent < flags {
		t.Errorf("%d flagging and %d silent sentences: the issue asks for about half traps", flags, silent)
	}
}

// TestFinding pins every field of one finding.
func TestFinding(t *testing.T) {
	text := "2023年全县各行政机关共收到政府信息公开申请15件，办结12件。"
	r := truthReport(t, corpusTruth(jishan), text)
	loc := schema.Location{Line: 49}
	for i := range r.Cells {
		if r.Cells[i].Key == "requests.new_received.total" {
			r.Cells[i].Loc = loc
		}
	}
	expected, found := 12.0, 15.0
	want := []schema.Finding{{
		File:     "shanxi_jishan_county_2023.txt",
		Rule:     "narrative.requests",
		Severity: schema.SeverityWarning,
		Keys:     []string{"requests.new_received.total"},
		Expected: &expected,
		Found:    &found,
		Message:  "总体情况所述本年新收政府信息公开申请数量为15件，表格为12件（requests.new_received.total）：“2023年全县各行政机关共收到政府信息公开申请15件，办结12件”",
		Location: map[string]schema.Location{"requests.new_received.total": loc},
		Quote:    "2023年全县各行政机关共收到政府信息公开申请15件，办结12件",
	}}
	if got := Check(r); !reflect.DeepEqual(got, want) {
		t.Errorf("Check:\n got %+v\nwant %+v", got, want)
	}
}

// TestFindingWithBlanks: a sum with blank cells says so and names them.
func TestFindingWithBlanks(t *testing.T) {
	r := truthReport(t, corpusTruth(shanghai), "信息公开类行政复议7件，诉讼5件，均获维持。")
	got := Check(r)
	if len(got) != 1 {
		t.Fatalf("%d findings, want 1", len(got))
	}
	want := "总体情况所述行政诉讼总计为5件，表格中已填数字之和为9件、另有空白单元格" +
		"（litigation_direct.total + litigation_after_review.total）：“信息公开类行政复议7件，诉讼5件，均获维持”"
	if got[0].Message != want {
		t.Errorf("message\n got %s\nwant %s", got[0].Message, want)
	}
	if !reflect.DeepEqual(got[0].BlankKeys, []string{"litigation_after_review.total"}) {
		t.Errorf("blank keys %v", got[0].BlankKeys)
	}
}

// TestUnknownAgencyOrYear: without the agency a sentence naming a body
// cannot be placed and stays silent; without the year no year is foreign.
func TestUnknownAgencyOrYear(t *testing.T) {
	tests := []struct {
		name, text string
		agency     bool
		year       bool
		want       int
	}{
		{"office on behalf, agency unknown", "市政府办公厅代表市政府共受理政府信息公开申请900件。", false, true, 0},
		{"office on behalf, agency known", "市政府办公厅代表市政府共受理政府信息公开申请900件。", true, true, 1},
		{"no body named, agency unknown", "共受理政府信息公开申请900件。", false, true, 1},
		{"other year, year unknown", "2018年共受理政府信息公开申请900件。", true, false, 1},
		{"other year, year known", "2018年共受理政府信息公开申请900件。", true, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := truthReport(t, corpusTruth(shanghai), tt.text)
			if !tt.agency {
				r.Agency = ""
			}
			if !tt.year {
				r.Year = 0
			}
			if got := len(Check(r)); got != tt.want {
				t.Errorf("%d findings, want %d", got, tt.want)
			}
		})
	}
}

func TestNoOverview(t *testing.T) {
	r := truthReport(t, corpusTruth(jishan), "")
	r.Sections = nil
	if got := Check(r); got != nil {
		t.Errorf("Check without section 一 = %v, want nil", got)
	}
}

func TestChineseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"零", 0, true}, {"两", 2, true}, {"十", 10, true}, {"十二", 12, true},
		{"二十", 20, true}, {"一百零五", 105, true}, {"三千二百", 3200, true},
		{"十十", 0, false}, {"百", 0, false},
	}
	for _, tt := range tests {
		got, ok := chineseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("chineseNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
