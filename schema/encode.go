package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// wideFixed are the columns of the wide CSV before the keys.
var wideFixed = []string{"file", "sha256", "format", "agency", "year", "template", "other_rows", "status", "error_code", "errors", "warnings"}

// wideAdded are the columns of the wide CSV after the keys: added after the
// first release, so they go last and no earlier column moves.
var wideAdded = []string{"duplicate_of", "error_message", "xxgk_version"}

// WideHeader is the header of the wide CSV (parse --format csv,
// reports.csv): the same for every input, every key of both templates.
func WideHeader() []string {
	h := append([]string(nil), wideFixed...)
	for _, k := range Keys {
		h = append(h, k.Name)
	}
	return append(h, wideAdded...)
}

// WideRow is one report's row of the wide CSV. Blank, marker and unparsed
// cells are empty: their raw text is in the long CSV. A duplicate's errors
// and warnings are empty, not 0: it is not checked, its first copy is.
func WideRow(r *Report, findings []Finding) []string {
	errs, warns := CountFindings(findings)
	counts := []string{strconv.Itoa(errs), strconv.Itoa(warns)}
	if r.Status == StatusDuplicate {
		counts = []string{"", ""}
	}
	row := []string{r.File, r.SHA256, r.Format, r.Agency, intOrEmpty(r.Year), string(r.Template),
		intOrEmpty(r.OtherRows), string(r.Status), string(r.ErrorCode), counts[0], counts[1]}
	cells := r.CellMap()
	for _, k := range Keys {
		row = append(row, cellValue(cells[k.Name]))
	}
	return append(row, r.DuplicateOf, r.ErrorMessage, r.Version)
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

// CellHeader is the header of the long CSV (cells.csv). The columns after
// line were added later.
func CellHeader() []string {
	return []string{"file", "key", "kind", "value", "raw", "page", "box", "table", "row", "col", "line",
		"state", "inferred", "ocr_confidence", "ocr_corrected"}
}

// CellRows are one report's rows of the long CSV: one per entry of
// LongCells.
func CellRows(r *Report) [][]string {
	long := LongCells(r)
	rows := make([][]string, 0, len(long))
	for _, e := range long {
		c, l := e.Cell, e.Cell.Loc
		conf, corrected := "", ""
		if c.OCR != nil {
			conf, corrected = strconv.FormatFloat(c.OCR.Confidence, 'f', -1, 64), strconv.FormatBool(c.OCR.Corrected)
		}
		rows = append(rows, []string{r.File, e.Key, string(c.Kind), cellValue(c), c.Raw,
			intOrEmpty(l.Page), FormatBox(l.Box), intOrEmpty(l.Table), intOrEmpty(l.Row), intOrEmpty(l.Col), intOrEmpty(l.Line),
			string(e.State), boolOrEmpty(c.Inferred), conf, corrected})
	}
	return rows
}

func boolOrEmpty(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// CellState says what the long outputs (cells.csv, cells.parquet) know of
// one key of one report, so that a blank cell, a key the template does not
// print and a row that was not read do not all look like a missing value.
type CellState string

// The states of a long entry.
const (
	StateValue CellState = "value" // a number, or the text of a text key
	StateBlank CellState = "blank" // the cell is printed empty
	StateDash  CellState = "dash"  // a marker (/, —, -, 无): not applicable
	// StateText: something is printed that is not a number (values.valid
	// flags it); raw holds it.
	StateText CellState = "text"
	// StateNotInTemplate: the report's template has no such cell.
	StateNotInTemplate CellState = "not_in_template"
	// StateUnread: the template has the cell, but it was not read (row
	// lost, cell undecodable): unknown, neither blank nor zero.
	StateUnread CellState = "unread"
)

// LongEntry is one key of one report in the long outputs: the cell read
// (zero when none was) and its state.
type LongEntry struct {
	Key   string
	State CellState
	Cell  Cell
}

// LongCells lists a report's entries for the long outputs: its cells in
// order, then, for a report of the 2021 or 2019 template, every other key
// of both templates in Keys order, unread where its template prints it and
// not_in_template where it does not. Failed, legacy and duplicate reports
// have only their cells (none, mostly).
func LongCells(r *Report) []LongEntry {
	out := make([]LongEntry, 0, len(Keys))
	seen := make(map[string]bool, len(r.Cells))
	for _, c := range r.Cells {
		seen[c.Key] = true
		out = append(out, LongEntry{Key: c.Key, State: stateOf(c), Cell: c})
	}
	if r.Template != Template2021 && r.Template != Template2019 ||
		r.Status == StatusDuplicate || r.Status == StatusFailed {
		return out
	}
	for _, k := range Keys {
		if seen[k.Name] {
			continue
		}
		st := StateNotInTemplate
		for _, t := range k.Templates {
			if t == r.Template {
				st = StateUnread
			}
		}
		out = append(out, LongEntry{Key: k.Name, State: st})
	}
	return out
}

func stateOf(c Cell) CellState {
	switch c.Kind {
	case KindNumber:
		return StateValue
	case KindBlank:
		return StateBlank
	case KindMarker:
		return StateDash
	}
	if k, ok := LookupKey(c.Key); ok && k.Kind == Text {
		if _, ok := c.Value.(string); ok {
			return StateValue
		}
	}
	return StateText
}

// FormatBox prints a box as "x0 y0 x1 y1" in points, two decimals.
func FormatBox(b *[4]float64) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("%.2f %.2f %.2f %.2f", b[0], b[1], b[2], b[3])
}

// FindingHeader is the header of findings.csv. The columns after location
// were added later: the quote of a narrative finding, and where the checked
// cell sits (CheckedLocation), flattened.
func FindingHeader() []string {
	return []string{"file", "other_file", "rule", "severity", "keys", "blank_keys", "expected", "found", "message", "location",
		"quote", "location_key", "page", "box", "table", "row", "col", "line"}
}

// FindingRow is one finding as a CSV row: keys space-separated, location as
// compact JSON, then the checked cell's location in columns.
func FindingRow(f Finding) []string {
	loc := ""
	if len(f.Location) > 0 {
		b, _ := json.Marshal(f.Location)
		loc = string(b)
	}
	key, l := CheckedLocation(f)
	return []string{f.File, f.OtherFile, string(f.Rule), string(f.Severity), strings.Join(f.Keys, " "),
		strings.Join(f.BlankKeys, " "), floatOrEmpty(f.Expected), floatOrEmpty(f.Found), f.Message, loc,
		f.Quote, key, intOrEmpty(l.Page), FormatBox(l.Box), intOrEmpty(l.Table), intOrEmpty(l.Row), intOrEmpty(l.Col), intOrEmpty(l.Line)}
}

// CheckedLocation returns the key a finding points at and where it sits:
// the last of its keys with a known location (the verifier lists the
// printed side of an equation last), or "" and the zero location when none
// has one (cross-report findings, blank cells).
func CheckedLocation(f Finding) (string, Location) {
	for i := len(f.Keys) - 1; i >= 0; i-- {
		if l, ok := f.Location[f.Keys[i]]; ok && !l.IsZero() {
			return f.Keys[i], l
		}
	}
	return "", Location{}
}

func floatOrEmpty(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
