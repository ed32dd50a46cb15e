package narrative

import (
	"regexp"
	"strings"

	"xxgk/schema"
)

// quantity is one figure the tables hold that section 一 restates in prose:
// the words that introduce it and the table cells it may mean.
type quantity struct {
	label   string         // Chinese name of the figure, for messages
	keyword *regexp.Regexp // words that introduce it
	// anchors are words one of which every keyword match contains: a
	// cheap test that skips the regular expression on most clauses.
	anchors []string
	// readings are the sets of cells whose sum the prose may mean, the one
	// a finding names first. Prose is loose (受理 may include the requests
	// carried over), so a figure that agrees with any reading is no
	// finding.
	readings [][]string
	appeal   bool // a table 4 figure: needs 信息公开 in the sentence
	// before allows the number in front of the words (另有72件申请…顺延到下年度).
	before bool
	// yearOffset is the year a year inside the keyword must name,
	// relative to the report year: -1 for 2023年结转 in a 2024 report.
	yearOffset int
}

func total(row string) string { return row + ".total" }

// rowTotals returns the total cell of every table 3 row under prefix.
func rowTotals(prefix string, skip ...string) []string {
	var keys []string
	for _, row := range schema.RequestRows {
		if !strings.HasPrefix(row.Key, prefix+".") {
			continue
		}
		skipped := false
		for _, s := range skip {
			skipped = skipped || row.Key == s
		}
		if !skipped {
			keys = append(keys, total(row.Key))
		}
	}
	return keys
}

var (
	newReceived   = total("requests.new_received")
	carriedOver   = total("requests.carried_over")
	resultsTotal  = total("requests.results_total")
	granted       = total("requests.granted")
	partially     = total("requests.partially_granted")
	newAndCarried = []string{newReceived, carriedOver}
)

// quantities lists every figure the check understands. Where two keywords
// overlap, the longer match wins (予以公开及部分公开 over 予以公开).
var quantities = []quantity{
	{label: "本年新收政府信息公开申请数量", keyword: regexp.MustCompile(`新收`), anchors: []string{"新收"},
		readings: [][]string{{newReceived}}},
	{label: "本年新收政府信息公开申请数量", keyword: regexp.MustCompile(`收到|受理|接收|接到`), anchors: []string{"收到", "受理", "接收", "接到"},
		readings: [][]string{{newReceived}, newAndCarried}},
	{label: "上年结转政府信息公开申请数量",
		keyword: regexp.MustCompile(`(上一年度|上年度|上一年|上年|去年)(未办结|结转|转入|遗留)|[0-9]{4}年度?结转`), anchors: []string{"结转", "转入", "未办结", "遗留"},
		readings: [][]string{{carriedOver}}, yearOffset: -1},
	{label: "结转下年度继续办理",
		keyword: regexp.MustCompile(`(结转|顺延|延期|转入|转至|转到|延至|转)(至|到|入)?(下一年度|下一年|下年度|下年|[0-9]{4}年度?)(继续办理|办理|答复|处理)?`), anchors: []string{"转", "顺延", "延期", "延至"},
		readings: [][]string{{total("requests.carried_forward")}}, before: true, yearOffset: 1},
	{label: "予以公开和部分公开",
		keyword: regexp.MustCompile(`(予以公开|全部公开)(及|和|与|、|或)部分公开|全部或部分公开`), anchors: []string{"部分公开"},
		readings: [][]string{{granted, partially}}},
	{label: "予以公开", keyword: regexp.MustCompile(`予以公开|同意公开|全部公开`), anchors: []string{"予以公开", "同意公开", "全部公开"},
		readings: [][]string{{granted}}},
	{label: "部分公开", keyword: regexp.MustCompile(`部分公开|部分予以公开|部分同意公开`), anchors: []string{"部分"},
		readings: [][]string{{partially}}},
	{label: "不予公开", keyword: regexp.MustCompile(`不予公开`), anchors: []string{"不予公开"},
		readings: [][]string{rowTotals("requests.withheld")}},
	{label: "无法提供", keyword: regexp.MustCompile(`无法提供`), anchors: []string{"无法提供"},
		readings: [][]string{rowTotals("requests.unable")}},
	{label: "不予处理", keyword: regexp.MustCompile(`不予处理`), anchors: []string{"不予处理"},
		readings: [][]string{rowTotals("requests.not_processed")}},
	{label: "其他处理", keyword: regexp.MustCompile(`其他处理`), anchors: []string{"其他处理"},
		readings: [][]string{rowTotals("requests.other", "requests.other.all"), {total("requests.other.all")}}},
	{label: "办理结果总计", keyword: regexp.MustCompile(`办结|答复|办理完毕|处理完毕|完成办理`), anchors: []string{"办结", "答复", "完毕", "完成办理"},
		readings: [][]string{{resultsTotal}}},
	{label: "办理结果总计", keyword: regexp.MustCompile(`办理`), anchors: []string{"办理"},
		readings: [][]string{{resultsTotal}, newAndCarried, {newReceived}}},
	{label: "行政复议总计", keyword: regexp.MustCompile(`行政复议`), anchors: []string{"行政复议"},
		readings: [][]string{{"review.total"}}, appeal: true},
	{label: "行政诉讼总计", keyword: regexp.MustCompile(`行政诉讼|诉讼`), anchors: []string{"诉讼"},
		readings: [][]string{{"litigation_direct.total", "litigation_after_review.total"}}, appeal: true},
}

// keywordMatch is one place where a quantity's words occur in a clause.
type keywordMatch struct {
	q          *quantity
	start, end int
	text       string
}

// keywords finds the quantities named in a clause, left to right, keeping
// the longest match where matches overlap.
func keywords(clause string) []keywordMatch {
	var all []keywordMatch
	for i := range quantities {
		q := &quantities[i]
		if !containsAny(clause, q.anchors) {
			continue
		}
		for _, m := range q.keyword.FindAllStringIndex(clause, -1) {
			all = append(all, keywordMatch{q: q, start: m[0], end: m[1], text: clause[m[0]:m[1]]})
		}
	}
	var out []keywordMatch
	for len(all) > 0 {
		best := 0
		for i, m := range all {
			b := all[best]
			if m.start < b.start || m.start == b.start && m.end > b.end {
				best = i
			}
		}
		// Matches inside the chosen one are part of it: 办理 in
		// 结转下年度继续办理, 予以公开 in 部分予以公开.
		chosen := all[best]
		out = append(out, chosen)
		rest := all[:0]
		for _, m := range all {
			if m.start >= chosen.end {
				rest = append(rest, m)
			}
		}
		all = rest
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
