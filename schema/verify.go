package schema

import (
	"fmt"
	"math"
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
func Verify(r *Report) []Finding {
	cells := r.CellMap()
	var out []Finding
	for _, c := range r.Cells {
		if f, bad := checkValue(c); bad {
			f.File = r.File
			out = append(out, f)
		}
	}
	for _, eq := range Equations {
		if f, bad := checkEquation(eq, cells); bad {
			f.File = r.File
			out = append(out, f)
		}
	}
	return out
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
