package schema

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Equation is one instance of a balance rule: the sum of Parts must equal
// the sum of Checked. Expected in a finding is the sum of Parts, Found the sum
// of Checked (what the report prints where the parts should add up).
type Equation struct {
	Rule    RuleID
	Where   string // the column or row the instance is about, in Chinese
	Parts   []string
	Checked []string
}

// Equations lists every balance-rule instance of both templates, generated
// from the table layout so that a row or column is written down only once.
var Equations = func() []Equation {
	var eqs []Equation
	var results []RowSpec // the rows that （七）总计 sums
	inResults := false
	for _, row := range RequestRows {
		switch row.Key {
		case "requests.granted":
			inResults = true
		case "requests.results_total":
			inResults = false
		}
		if inResults {
			results = append(results, row)
		}
	}
	for _, c := range RequestColumns {
		k := func(row string) string { return "requests." + row + "." + c.Name }
		where := c.Label + "列"
		eqs = append(eqs, Equation{RuleBalance, where,
			[]string{k("new_received"), k("carried_over")},
			[]string{k("results_total"), k("carried_forward")}})
		var parts []string
		for _, row := range results {
			parts = append(parts, row.Key+"."+c.Name)
		}
		eqs = append(eqs, Equation{RuleResultsSum, where, parts, []string{k("results_total")}})
	}
	for _, row := range RequestRows {
		var parts []string
		for _, c := range RequestColumns[:len(RequestColumns)-1] {
			parts = append(parts, row.Key+"."+c.Name)
		}
		eqs = append(eqs, Equation{RuleRowTotal, shortLabel(row), parts, []string{row.Key + ".total"}})
	}
	for _, g := range AppealRows {
		var parts []string
		for _, c := range AppealColumns[:len(AppealColumns)-1] {
			parts = append(parts, g.Key+"."+c.Name)
		}
		eqs = append(eqs, Equation{RuleGroupTotal, g.Label, parts, []string{g.Key + ".total"}})
	}
	return eqs
}()

func shortLabel(row RowSpec) string {
	if row.Group != "" && !strings.HasPrefix(row.Label, "（") {
		return row.Group + row.Label
	}
	return row.Label
}

// Verify checks one report against every single-report balance rule and
// values.valid, and returns the failing instances. It does not judge
// narrative or cross-report rules. Pure: it reads r only.
//
// A reading slip is never reported as the agency's error: a rule instance
// that involves a cell that was not read (r.UnreadKeys, or a row of the
// rule missing from r.Cells) is reported as RuleNotCheckable, a warning
// naming the unread rows, whether or not it would hold; a failing instance
// that involves a cell read with doubt (Cell.Uncertain: inferred, OCR low
// or corrected) is reported as RuleOCRUncertain, a warning. Tables that
// hold no number at all give one RuleEmptyTables warning.
func Verify(r *Report) []Finding {
	cells := r.CellMap()
	unread := unreadKeys(r, cells)
	var out []Finding
	for _, c := range r.Cells {
		if f, bad := checkValue(c); bad {
			if c.Uncertain() {
				f = uncertain(f)
			}
			f.File = r.File
			out = append(out, f)
		}
	}
	for _, eq := range Equations {
		if missing := unreadIn(eq, unread); len(missing) > 0 {
			f := notCheckable(eq, missing, cells)
			f.File = r.File
			out = append(out, f)
			continue
		}
		f, bad := checkEquation(eq, cells)
		if !bad {
			continue
		}
		if f.Severity == SeverityError && anyUncertain(f.Keys, cells) {
			f = uncertain(f)
		}
		f.File = r.File
		out = append(out, f)
	}
	if len(r.Cells) > 0 && !holdsNumber(r.Cells) {
		out = append(out, Finding{File: r.File, Rule: RuleEmptyTables, Severity: SeverityWarning,
			Keys: []string{}, Location: map[string]Location{},
			Message: "统计表中没有任何数字（空白模板或未填写），各项勾稽关系无法核对"})
	}
	return out
}

// otherForms are the two ways table 3 prints （六）其他处理: three sub-rows
// (2021 template) or one row. A report prints one of them; the rows of the
// other are absent, not unread.
var otherForms = [2][]string{
	{"requests.other.no_correction", "requests.other.unpaid_fees", "requests.other.other"},
	{"requests.other.all"},
}

// unreadKeys returns the keys of rule instances whose cells were not read:
// r.UnreadKeys, and the keys of the rules that r.Cells lacks where the
// rest of their printed row was read: a row of table 3 when table 3 has
// cells (except the rows of the （六） form the report does not print), a
// cell of table 4 when its group has cells. The matcher names every unread
// key in r.UnreadKeys; this also covers reports built by other means.
func unreadKeys(r *Report, cells map[string]Cell) map[string]bool {
	out := map[string]bool{}
	for _, k := range r.UnreadKeys {
		out[k] = true
	}
	rows := map[string]bool{} // the rows with a cell; a key is row.column
	for k := range cells {
		if row, _, ok := cutLast(k); ok {
			rows[row] = true
		}
	}
	printed := func(of []string) bool {
		for _, row := range of {
			if rows[row] {
				return true
			}
		}
		return false
	}
	absent := map[string]bool{} // row prefixes of the （六） form not printed
	switch {
	case printed(otherForms[0]) && !printed(otherForms[1]):
		absent["requests.other.all"] = true
	case printed(otherForms[1]) && !printed(otherForms[0]):
		for _, row := range otherForms[0] {
			absent[row] = true
		}
	case !printed(otherForms[0]) && !printed(otherForms[1]) && r.Template == Template2019:
		for _, row := range otherForms[0] {
			absent[row] = true // the 2019 template prints one row only
		}
	}
	has := map[string]bool{} // "table 3" and the rows of table 4 with cells
	for k := range cells {
		if key, ok := LookupKey(k); ok {
			if key.Table == TableRequests {
				has["table 3"] = true
			} else {
				has[key.Row] = true
			}
		}
	}
	unread := func(keys []string) {
		for _, k := range keys {
			if _, ok := cells[k]; ok {
				continue
			}
			if key, _ := LookupKey(k); key.Table == TableRequests && !has["table 3"] || key.Table != TableRequests && !has[key.Row] {
				continue
			}
			if row, _, ok := cutLast(k); ok && absent[row] {
				continue
			}
			out[k] = true
		}
	}
	for _, eq := range Equations {
		unread(eq.Parts)
		unread(eq.Checked)
	}
	return out
}

func cutLast(key string) (row, col string, ok bool) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 {
		return "", "", false
	}
	return key[:i], key[i+1:], true
}

// unreadIn returns the keys of eq that were not read, in the equation's
// order.
func unreadIn(eq Equation, unread map[string]bool) []string {
	var out []string
	for _, k := range append(append([]string{}, eq.Parts...), eq.Checked...) {
		if unread[k] {
			out = append(out, k)
		}
	}
	return out
}

// notCheckable is the warning for a rule instance with unread cells: it
// names the unread rows and says which relation cannot be checked.
func notCheckable(eq Equation, missing []string, cells map[string]Cell) Finding {
	f := Finding{Rule: RuleNotCheckable, Severity: SeverityWarning, Location: map[string]Location{}}
	for _, k := range append(append([]string{}, eq.Parts...), eq.Checked...) {
		c, ok := cells[k]
		if !ok && !slices.Contains(missing, k) {
			continue // a （六） row the report does not print
		}
		f.Keys = append(f.Keys, k)
		if ok && !c.Loc.IsZero() {
			f.Location[k] = c.Loc
		}
	}
	var rows []string
	for _, k := range missing {
		if name := rowName(k); !slices.Contains(rows, name) {
			rows = append(rows, name)
		}
	}
	what := map[RuleID]string{
		RuleBalance:    "本年新收与上年结转之和同办理结果总计与结转下年度之和的关系",
		RuleResultsSum: "各项办理结果之和与（七）总计的关系",
		RuleRowTotal:   "各类申请人之和与总计的关系",
		RuleGroupTotal: "维持、纠正、其他、尚未审结之和与总计的关系",
	}[eq.Rule]
	f.Message = fmt.Sprintf("%s：未能读出“%s”，%s无法核对（%s）", eq.Where, strings.Join(rows, "”“"), what, eq.Rule)
	return f
}

// rowName is the printed label of the row a key belongs to, with its group
// for the numbered sub-rows of table 3.
func rowName(key string) string {
	row, _, _ := cutLast(key)
	for _, rows := range [][]RowSpec{RequestRows, AppealRows, ActiveRows} {
		for _, s := range rows {
			if s.Key == row {
				return shortLabel(s)
			}
		}
	}
	return key
}

// anyUncertain reports whether a cell of keys was read with doubt.
func anyUncertain(keys []string, cells map[string]Cell) bool {
	for _, k := range keys {
		if cells[k].Uncertain() {
			return true
		}
	}
	return false
}

// uncertain turns a failing instance into the warning that says the
// failure may come from a doubtful reading.
func uncertain(f Finding) Finding {
	f.Message = fmt.Sprintf("%s（%s未通过，但其中有单元格为推断或OCR低置信度读数，可能是读取误差，请对照原件核实）", f.Message, f.Rule)
	f.Rule, f.Severity = RuleOCRUncertain, SeverityWarning
	return f
}

// holdsNumber reports whether some cell of the tables holds a number.
func holdsNumber(cells []Cell) bool {
	for _, c := range cells {
		if _, ok := c.Number(); ok {
			return true
		}
	}
	return false
}

// term is the known sum of one side of an equation and whether it has
// blank cells that could still add to it.
type term struct {
	sum    float64
	blanks bool
	n      int // cells present
}

func checkEquation(eq Equation, cells map[string]Cell) (Finding, bool) {
	f := Finding{Rule: eq.Rule, Location: map[string]Location{}}
	side := func(keys []string) term {
		var t term
		for _, k := range keys {
			c, ok := cells[k]
			if !ok {
				continue // the report does not print this row
			}
			t.n++
			f.Keys = append(f.Keys, k)
			if !c.Loc.IsZero() {
				f.Location[k] = c.Loc
			}
			if v, ok := c.Number(); ok {
				t.sum += v
			} else {
				t.blanks = true
				f.BlankKeys = append(f.BlankKeys, k)
			}
		}
		return t
	}
	parts, checked := side(eq.Parts), side(eq.Checked)
	if parts.n == 0 || checked.n == 0 {
		return Finding{}, false // nothing to compare: the table or row is missing
	}
	diff := parts.sum - checked.sum
	if math.Abs(diff) < 1e-9 {
		return Finding{}, false
	}
	// Blanks are unknown non-negative whole numbers: they can only raise the
	// side they sit on.
	if (diff < 0 && parts.blanks) || (diff > 0 && checked.blanks) {
		f.Severity = SeverityWarning
	} else {
		f.Severity = SeverityError
	}
	exp, found := parts.sum, checked.sum
	f.Expected, f.Found = &exp, &found
	f.Message = equationMessage(eq, exp, found, f.Severity, len(f.BlankKeys) > 0)
	return f, true
}

func equationMessage(eq Equation, exp, found float64, sev Severity, blanks bool) string {
	var m string
	switch eq.Rule {
	case RuleBalance:
		m = fmt.Sprintf("%s：本年新收与上年结转之和为%s，办理结果总计与结转下年度之和为%s，二者应相等", eq.Where, num(exp), num(found))
	case RuleResultsSum:
		m = fmt.Sprintf("%s：各项办理结果之和为%s，（七）总计为%s", eq.Where, num(exp), num(found))
	case RuleRowTotal:
		m = fmt.Sprintf("“%s”行：各类申请人之和为%s，总计为%s", eq.Where, num(exp), num(found))
	case RuleGroupTotal:
		m = fmt.Sprintf("%s：维持、纠正、其他、尚未审结之和为%s，总计为%s", eq.Where, num(exp), num(found))
	}
	if sev == SeverityWarning && blanks {
		m += "（表中有空白单元格，填入数字后可能平衡）"
	}
	return m
}

// checkValue applies values.valid to one cell.
func checkValue(c Cell) (Finding, bool) {
	k, ok := LookupKey(c.Key)
	if !ok || k.Kind == Text {
		return Finding{}, false
	}
	if v, isNumber := c.Number(); c.Kind != KindText && (!isNumber || (k.Kind == SignedCount || v >= 0) && (k.Kind == Amount || v == math.Trunc(v))) {
		return Finding{}, false // the common case, without a finding made
	}
	f := Finding{Rule: RuleValid, Severity: SeverityError, Keys: []string{c.Key}, Location: map[string]Location{}}
	if !c.Loc.IsZero() {
		f.Location[c.Key] = c.Loc
	}
	label := k.RowLabel + "／" + k.ColLabel
	switch c.Kind {
	case KindText:
		f.Message = fmt.Sprintf("%s：无法识别为数字：“%s”", label, c.Raw)
		return f, true
	case KindNumber:
		v, _ := c.Number()
		found := v
		f.Found = &found
		switch {
		case k.Kind != SignedCount && v < 0:
			f.Message = fmt.Sprintf("%s：数值%s为负数", label, num(v))
		case k.Kind != Amount && v != math.Trunc(v):
			f.Message = fmt.Sprintf("%s：件数%s不是整数", label, num(v))
		default:
			return Finding{}, false
		}
		return f, true
	}
	return Finding{}, false
}

// num prints a value without a trailing .0 for whole numbers.
func num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}

// FormatNumber prints a cell value the way reports print it: whole numbers
// without decimals.
func FormatNumber(v float64) string { return num(v) }
