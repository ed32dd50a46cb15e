package batch

import (
	"encoding/json"
	"strconv"
	"strings"

	"xxgk/schema"
)

// TEMPORARY until schema's CSV encoders and verifier land on main.

func verify(r *schema.Report) []schema.Finding { return nil }

func wideHeader() []string {
	h := []string{"file", "sha256", "format", "agency", "year", "template", "other_rows", "status", "error_code", "errors", "warnings"}
	for _, k := range schema.Keys {
		h = append(h, k.Name)
	}
	return h
}

func wideRow(r *schema.Report, findings []schema.Finding) []string {
	errs, warns := 0, 0
	for _, f := range findings {
		if f.Severity == schema.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	row := []string{r.File, r.SHA256, r.Format, r.Agency, itoa(r.Year), string(r.Template), itoa(r.OtherRows),
		string(r.Status), string(r.ErrorCode), strconv.Itoa(errs), strconv.Itoa(warns)}
	cells := r.CellMap()
	for _, k := range schema.Keys {
		c := cells[k.Name]
		switch v := c.Value.(type) {
		case float64:
			row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
		case string:
			row = append(row, v)
		default:
			row = append(row, "")
		}
	}
	return row
}

var cellHeader = []string{"file", "key", "kind", "value", "raw", "page", "box", "table", "row", "col", "line"}

func cellRows(r *schema.Report) [][]string {
	var out [][]string
	for _, c := range r.Cells {
		v := ""
		switch x := c.Value.(type) {
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
		case string:
			v = x
		}
		box := ""
		if c.Loc.Box != nil {
			b, _ := json.Marshal(c.Loc.Box)
			box = string(b)
		}
		out = append(out, []string{r.File, c.Key, string(c.Kind), v, c.Raw, itoa(c.Loc.Page), box,
			itoa(c.Loc.Table), itoa(c.Loc.Row), itoa(c.Loc.Col), itoa(c.Loc.Line)})
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

var findingHeader = []string{"file", "rule", "severity", "keys", "blank_keys", "expected", "found", "message", "other_file", "location"}

func findingRow(f schema.Finding) []string {
	n := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	loc := ""
	if len(f.Location) > 0 {
		b, _ := json.Marshal(f.Location)
		loc = string(b)
	}
	return []string{f.File, f.Rule, string(f.Severity), strings.Join(f.Keys, " "), strings.Join(f.BlankKeys, " "),
		n(f.Expected), n(f.Found), f.Message, f.OtherFile, loc}
}
