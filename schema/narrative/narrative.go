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
	"unicode/utf8"

	"xxgk/schema"
)

// Rule is the id of the findings this package reports.
const Rule = schema.RuleNarrativeRequests

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

// sentenceStatements reads one sentence clause by clause. A clause that
// names who counted (区政府办代表区政府, 全县各行政机关) sets the subject
// for the clauses after it (办结12件 has none of its own).
func sentenceStatements(sentence string, year int, agency string) []statement {
	var out []statement
	who := scopeAgency
	quoted := sentence
	sentence = maskQuotes(sentence)
	defer func() {
		for i := range out {
			out[i].sentence = quoted
		}
	}()
	for _, c := range clauses(sentence) {
		ms := keywords(c.text)
		if len(ms) == 0 {
			continue
		}
		if s, ok := judgeSubject(subjectBefore(sentence, c.start+ms[0].start), agency); ok {
			who = s
		}
		if who == scopeAgency {
			out = append(out, clauseStatements(sentence, c, ms, year)...)
		}
	}
	return out
}

// clauseStatements gives the keywords of one clause their numbers and
// keeps those that speak of the report year and of the right things.
func clauseStatements(sentence string, c span, ms []keywordMatch, year int) []statement {
	var out []statement
	values := assign(c.text, ms, counts(c.text))
	for i, m := range ms {
		v, ok := values[i]
		if !ok {
			continue
		}
		if m.q.appeal && (!strings.Contains(sentence, "公开") || organRe.MatchString(c.text) || filedRe.MatchString(sentence[:c.start+m.start])) {
			continue
		}
		if !m.q.appeal && (!strings.Contains(sentence, "申请") || appealWordRe.MatchString(c.text)) {
			continue
		}
		// The keyword itself may name a period (上年结转): look around it.
		around := c.text[:m.start]
		if v.numberEnd > m.end {
			around += c.text[m.end:v.numberEnd]
		}
		if otherPeriod(around) || !sameYear(year, sentence[:c.start+m.start], m) {
			continue
		}
		out = append(out, statement{q: m.q, value: v.value, sentence: sentence})
	}
	return out
}

// maskQuotes blanks what stands inside “” and 「」, keeping every byte
// offset: quoted words are names and slogans (“办结一件申请、解决一个问题”),
// never the agency's figures.
func maskQuotes(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '“', '「':
			depth++
			b.WriteRune(r)
			continue
		case '”', '」':
			depth = max(0, depth-1)
			b.WriteRune(r)
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
			continue
		}
		// A blank of the same UTF-8 length: an ideographic space for
		// three bytes, spaces otherwise.
		if utf8.RuneLen(r) == 3 {
			b.WriteRune('　')
		} else {
			b.WriteString(strings.Repeat(" ", utf8.RuneLen(r)))
		}
	}
	return b.String()
}

var (
	// organRe marks review and litigation counted as review body or filing
	// office, not as the party whose disclosure was challenged.
	organRe = regexp.MustCompile(`备案|登记|审理|审结|办理|受理|收到|接到|接收|复议机关|复议机构|作为|转送`)
	// filedRe marks, anywhere in the sentence before a review or suit
	// figure, that the cases counted are those filed or registered with
	// an office (全市全年备案…行政诉讼案件57件), not the agency's own.
	filedRe = regexp.MustCompile(`备案|登记|复议机关|复议机构|作为`)
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
	table := "表格为" + schema.FormatNumber(expected) + "件"
	if len(first.blanks) > 0 {
		table = "表格中已填数字之和为" + schema.FormatNumber(expected) + "件、另有空白单元格"
	}
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
		Keys:      append([]string(nil), first.keys...),
		BlankKeys: first.blanks,
		Expected:  &expected,
		Found:     &found,
		Message: fmt.Sprintf("总体情况所述%s为%s件，%s（%s）：“%s”",
			s.q.label, schema.FormatNumber(found), table, strings.Join(first.keys, " + "), s.sentence),
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
