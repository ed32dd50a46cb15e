// Package narrative checks the figures that section 一、总体情况 states in
// prose (共收到政府信息公开申请12件，办结12件; 行政复议1件) against the
// cells of tables 3 and 4: rule narrative.requests, a warning.
//
// Prose often counts something else than the tables: the requests one
// office handled for the government, review cases the government decided as
// review body, last year's figures, year-on-year changes, totals since 2008.
// A false alarm costs the auditor more than a missed one, so the check
// compares a figure only when the sentence plainly gives the agency's own
// total for the report year, and stays silent otherwise.
package narrative

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"xxgk/schema"
)

// Rule is the id of the findings this package reports.
const Rule = "narrative.requests"

// Check compares the figures stated in the report's section 一 with its
// tables. It returns one warning per disagreeing statement, in text order,
// quoting the sentence; Expected holds the table's value and Found the
// number in the text.
func Check(r *schema.Report) []schema.Finding {
	text := overview(r)
	if text == "" {
		return nil
	}
	cells := r.CellMap()
	var out []schema.Finding
	seen := map[string]bool{}
	for _, s := range statements(normalize(text), r.Year, r.Agency) {
		f, ok := compare(s, cells, r.File)
		if !ok {
			continue
		}
		id := s.sentence + "\x00" + strings.Join(f.Keys, ",") + "\x00" + strconv.FormatFloat(s.value, 'f', -1, 64)
		if !seen[id] {
			seen[id] = true
			out = append(out, f)
		}
	}
	return out
}

// overview returns the text of section 一.
func overview(r *schema.Report) string {
	for _, s := range r.Sections {
		if s.Number == 1 {
			return s.Text
		}
	}
	return ""
}

// statement is one figure the prose gives for a quantity of the tables.
type statement struct {
	q        *quantity
	value    float64
	sentence string
}

// statements finds, sentence by sentence, the figures that give the
// agency's own totals for the report year. year and agency may be unknown
// (0, ""): then any year is taken as the report's, and a sentence naming a
// body stays silent.
func statements(text string, year int, agency string) []statement {
	var out []statement
	for _, sentence := range sentences(text) {
		out = append(out, sentenceStatements(sentence, year, agency)...)
	}
	return out
}

// conjunctionRe joins two keywords that share one number (行政复议、行政诉讼各1件).
var conjunctionRe = regexp.MustCompile(`^(、|和|及|与|以及)$`)

func sentenceStatements(sentence string, year int, agency string) []statement {
	var out []statement
	requestContext := strings.Contains(sentence, "申请")
	appealContext := strings.Contains(sentence, "公开")
	who := scopeAgency
	offset := 0
	for _, clause := range clauses(sentence) {
		offset = strings.Index(sentence[offset:], clause) + offset
		ms := keywords(clause)
		if len(ms) == 0 {
			offset += len(clause)
			continue
		}
		if s, ok := judgeSubject(clause[:ms[0].start], agency); ok {
			who = s
		}
		if who == scopeOther {
			offset += len(clause)
			continue
		}
		nums := counts(clause)
		values := assign(clause, ms, nums)
		for i, m := range ms {
			v, ok := values[i]
			if !ok {
				continue
			}
			if m.q.appeal && (!appealContext || organRe.MatchString(clause)) {
				continue
			}
			if !m.q.appeal && (!requestContext || appealWordRe.MatchString(clause)) {
				continue
			}
			// The keyword itself may name a period (上年结转): look around it.
			around := clause[:m.start]
			if v.numberEnd > m.end {
				around += clause[m.end:v.numberEnd]
			}
			if otherPeriod(around) || !sameYear(year, sentence[:offset+m.start], m) {
				continue
			}
			out = append(out, statement{q: m.q, value: v.value, sentence: sentence})
		}
		offset += len(clause)
	}
	return out
}

var (
	// organRe marks review and litigation counted as review body or filing
	// office, not as the party whose disclosure was challenged.
	organRe = regexp.MustCompile(`备案|审理|审结|办理|受理|复议机关|作为|转送`)
	// appealWordRe marks a request figure that is about reviews or suits
	// (收到行政复议申请).
	appealWordRe = regexp.MustCompile(`复议|诉讼`)
)

// sameYear reports whether the figure speaks of the report year: the last
// year named before it is the report year, and a year inside the keyword
// (2023年结转) is the one the carry comes from or goes to.
func sameYear(year int, before string, m keywordMatch) bool {
	if year == 0 {
		return true
	}
	if y := yearOf(before); y != 0 && y != year {
		return false
	}
	if y := yearOf(m.text); y != 0 && y != year+m.q.yearOffset {
		return false
	}
	return true
}

// assigned is the number a keyword introduces.
type assigned struct {
	value     float64
	numberEnd int // where the number ends in the clause
}

// assign gives each keyword the number that follows it before the next
// keyword, when the words between say nothing more than what was counted
// (政府信息公开申请) — anything else (较上年增加, 行政许可事项) means the
// number is not the keyword's total. Keywords that may come after their
// number (顺延到下年度) take a number left over in front of them.
func assign(clause string, ms []keywordMatch, nums []count) map[int]assigned {
	out := map[int]assigned{}
	claimed := map[int]bool{}
	for i, m := range ms {
		limit := len(clause)
		if i+1 < len(ms) {
			limit = ms[i+1].start
		}
		for j, n := range nums {
			if n.start < m.end {
				continue
			}
			if n.start < limit && n.isCount() && plainObject(clause[m.end:n.start]) {
				out[i] = assigned{n.value, n.end}
				claimed[j] = true
			}
			break
		}
	}
	for i, m := range ms {
		if _, ok := out[i]; ok {
			continue
		}
		// 行政复议、行政诉讼各1件: the first keyword shares the second's number.
		if i+1 < len(ms) && conjunctionRe.MatchString(clause[m.end:ms[i+1].start]) {
			rest := clause[ms[i+1].end:]
			if v, ok := out[i+1]; ok && (strings.HasPrefix(rest, "各") || strings.HasPrefix(rest, "均")) {
				out[i] = v
				continue
			}
		}
		if negated(clause, ms, i, out) {
			out[i] = assigned{0, m.end}
			continue
		}
		if !m.q.before {
			continue
		}
		from := 0
		if i > 0 {
			from = ms[i-1].end
		}
		for j := len(nums) - 1; j >= 0; j-- {
			n := nums[j]
			if n.end > m.start || n.start < from {
				continue
			}
			gap := clause[n.end:m.start]
			if !claimed[j] && n.isCount() && len([]rune(gap)) <= 15 && !strings.ContainsAny(gap, "0123456789") {
				out[i] = assigned{n.value, n.end}
			}
			break
		}
	}
	return out
}

var (
	// negationRe ends the words before a keyword that say it did not happen:
	// 未收到, 未发生因政府信息公开引起的行政复议.
	negationRe = regexp.MustCompile(`(未|没有)(发生|出现|产生)?(因|涉及)?(政府信息公开|信息公开)?(工作)?(引起|引发|而)?的?(被申请|被提起|被|提起)?$`)
	// notNoneRe marks a negated outcome, not a negated count: 未发生被纠错.
	notNoneRe = regexp.MustCompile(`纠错|纠正|败诉|撤销|违法|答复`)
)

// negated reports whether keyword i is stated not to have happened, a count
// of zero: 本年度未收到政府信息公开申请, 未发生…行政复议和行政诉讼.
func negated(clause string, ms []keywordMatch, i int, out map[int]assigned) bool {
	m := ms[i]
	if notNoneRe.MatchString(clause) {
		return false
	}
	limit := len(clause)
	if i+1 < len(ms) {
		limit = ms[i+1].start
	}
	rest := strings.TrimSuffix(clause[m.end:limit], "情况")
	if !plainObject(rest) && !(i+1 < len(ms) && conjunctionRe.MatchString(rest)) {
		return false
	}
	// A request figure names what was not received (未收到…申请); a bare
	// 未受理 says what the agency did with some request.
	if !m.q.appeal && !strings.Contains(rest, "申请") {
		return false
	}
	if negationRe.MatchString(clause[:m.start]) {
		return true
	}
	// 未发生行政复议和行政诉讼: the second keyword is negated with the first.
	if i > 0 && conjunctionRe.MatchString(clause[ms[i-1].end:m.start]) {
		v, ok := out[i-1]
		return ok && v.value == 0 && negationRe.MatchString(clause[:ms[i-1].start])
	}
	return false
}

// objectWords are the words allowed between a keyword and its number.
var objectWords = strings.NewReplacer(
	"政府信息公开申请", "", "政府信息公开", "", "依申请公开", "", "信息公开", "",
	"政府信息", "", "申请件", "", "申请", "", "各类", "", "共计", "", "合计", "",
	"总计", "", "总数", "", "数量", "", "件数", "", "案件", "", "继续办理", "",
	"事项", "", "共", "", "了", "", "的", "", "为", "", "达", "", "有", "",
	"是", "", "各", "", "均", "", "类", "",
)

// plainObject reports whether the words between a keyword and its number
// only name what was counted.
func plainObject(between string) bool {
	return objectWords.Replace(between) == ""
}

// compare checks a statement against the tables. It reports a finding when
// some reading of the statement can be checked and none agrees.
func compare(s statement, cells map[string]schema.Cell, file string) (schema.Finding, bool) {
	var first *evaluation
	for _, keys := range s.q.readings {
		e, ok := evaluate(keys, cells)
		if !ok {
			continue
		}
		if e.agrees(s.value) {
			return schema.Finding{}, false
		}
		if first == nil {
			first = &e
		}
	}
	if first == nil {
		return schema.Finding{}, false
	}
	expected, found := first.sum, s.value
	loc := map[string]schema.Location{}
	for _, k := range first.keys {
		if c := cells[k]; !c.Loc.IsZero() {
			loc[k] = c.Loc
		}
	}
	return schema.Finding{
		File:      file,
		Rule:      Rule,
		Severity:  schema.SeverityWarning,
		Keys:      first.keys,
		BlankKeys: first.blanks,
		Expected:  &expected,
		Found:     &found,
		Message: fmt.Sprintf("总体情况所述%s为%s件，表格为%s件（%s）：“%s”",
			s.q.label, number(found), number(expected), strings.Join(first.keys, " + "), s.sentence),
		Location: loc,
		Quote:    s.sentence,
	}, true
}

// evaluation is the table's side of one reading.
type evaluation struct {
	keys   []string
	sum    float64  // of the cells that hold numbers
	blanks []string // keys whose cells hold none
}

// evaluate sums the cells of a reading. It fails when the report does not
// print some key of it (a 2021 reading in a one-row （六） report) or prints
// no number in any of them.
func evaluate(keys []string, cells map[string]schema.Cell) (evaluation, bool) {
	e := evaluation{keys: keys}
	numbers := 0
	for _, k := range keys {
		c, ok := cells[k]
		if !ok {
			return e, false
		}
		if v, ok := c.Number(); ok {
			e.sum += v
			numbers++
		} else {
			e.blanks = append(e.blanks, k)
		}
	}
	return e, numbers > 0
}

// agrees reports whether the stated value fits the table: equal to the sum,
// or, with blank cells in it, no less than the sum (blank is not zero: the
// blanks may hold the rest).
func (e evaluation) agrees(v float64) bool {
	if len(e.blanks) > 0 {
		return v >= e.sum
	}
	return v == e.sum
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
