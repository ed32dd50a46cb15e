package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// wideFixed are the columns of the wide CSV before the keys.
var wideFixed = []string{"file", "sha256", "format", "agency", "year", "template", "other_rows", "status", "error_code", "errors", "warnings"}

// WideHeader is the header of the wide CSV (parse --format csv,
// reports.csv): the same for every input, every key of both templates.
func WideHeader() []string {
	h := append([]string(nil), wideFixed...)
	for _, k := range Keys {
		h = append(h, k.Name)
	}
	return h
}

// WideRow is one report's row of the wide CSV. Blank, marker and unparsed
// cells are empty: their raw text is in the long CSV.
func WideRow(r *Report, findings []Finding) []string {
	errs, warns := CountFindings(findings)
	row := []string{r.File, r.SHA256, r.Format, r.Agency, intOrEmpty(r.Year), string(r.Template),
		intOrEmpty(r.OtherRows), string(r.Status), string(r.ErrorCode), strconv.Itoa(errs), strconv.Itoa(warns)}
	cells := r.CellMap()
	for _, k := range Keys {
		row = append(row, cellValue(cells[k.Name]))
	}
	return row
}

// CountFindings counts errors and warnings.
func CountFindings(findings []Finding) (errs, warns int) {
	for _, f := range findings {
		if f.Severity == SeverityError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

func cellValue(c Cell) string {
	switch v := c.Value.(type) {
	case float64:
		if c.Kind == KindNumber {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	case string:
		return v
	}
	return ""
}

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// CellHeader is the header of the long CSV (cells.csv).
func CellHeader() []string {
	return []string{"file", "key", "kind", "value", "raw", "page", "box", "table", "row", "col", "line"}
}

// CellRows are one report's rows of the long CSV, one per cell.
func CellRows(r *Report) [][]string {
	rows := make([][]string, 0, len(r.Cells))
	for _, c := range r.Cells {
		l := c.Loc
		rows = append(rows, []string{r.File, c.Key, string(c.Kind), cellValue(c), c.Raw,
			intOrEmpty(l.Page), FormatBox(l.Box), intOrEmpty(l.Table), intOrEmpty(l.Row), intOrEmpty(l.Col), intOrEmpty(l.Line)})
	}
	return rows
}

// FormatBox prints a box as "x0 y0 x1 y1" in points, two decimals.
func FormatBox(b *[4]float64) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("%.2f %.2f %.2f %.2f", b[0], b[1], b[2], b[3])
}

// FindingHeader is the header of findings.csv.
func FindingHeader() []string {
	return []string{"file", "other_file", "rule", "severity", "keys", "blank_keys", "expected", "found", "message", "location"}
}

// FindingRow is one finding as a CSV row: keys space-separated, location as
// compact JSON.
func FindingRow(f Finding) []string {
	loc := ""
	if len(f.Location) > 0 {
		b, _ := json.Marshal(f.Location)
		loc = string(b)
	}
	return []string{f.File, f.OtherFile, string(f.Rule), string(f.Severity), strings.Join(f.Keys, " "),
		strings.Join(f.BlankKeys, " "), floatOrEmpty(f.Expected), floatOrEmpty(f.Found), f.Message, loc}
}

func floatOrEmpty(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
