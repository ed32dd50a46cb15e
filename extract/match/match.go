// Package match finds the six sections and the three tables in a
// format-neutral document and maps their rows and columns onto the schema's
// keys, whatever the layout quirks.
package match

import (
	"fmt"
	"slices"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Fill reads doc into r: title, sections, cells, template and status.
func Fill(r *schema.Report, doc *document.Document) {
	flat := Unflatten(doc)
	doc = flat.Doc
	r.Agency, r.Year = Title(doc)
	r.Sections = Sections(doc)
	t := MatchTables(doc)
	r.Cells = t.Cells
	r.Template = t.Template
	r.OtherRows = t.OtherRows
	r.Notes = append(r.Notes, doc.Notes...)
	t.Problems = append(t.Problems, flat.apply(r)...)

	var missing []string
	for _, n := range []int{schema.TableActive, schema.TableRequests, schema.TableAppeals} {
		if !t.Found[n] {
			missing = append(missing, tableNames[n])
		}
	}
	unread, rows := unreadRows(r)
	switch {
	case IsLegacy(r.Year, doc):
		// Before 2019 no national tables: rows the matcher took from an
		// old statistics table are not cells of the schema.
		r.Status, r.Template = schema.StatusLegacy, schema.TemplateLegacy
		r.Sections, r.Cells, r.OtherRows = LegacySections(doc), nil, 0
	case len(missing) == 3 && len(r.Sections) < 3:
		r.Status, r.ErrorCode = schema.StatusFailed, schema.ErrNotAReport
		r.ErrorMessage = "no report title, sections or statistical tables found"
	case len(missing) == 3:
		r.Status, r.ErrorCode = schema.StatusFailed, schema.ErrUnreadable
		r.ErrorMessage = "none of the three statistical tables could be read"
	case len(t.Undecodable) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrUndecodableText
		why := "are printed in a font that cannot be decoded"
		if ocred(doc) {
			why = "hold ink that OCR could not read as a number"
		}
		r.ErrorMessage = fmt.Sprintf("%d cells %s, no values read from them: %s",
			len(t.Undecodable), why, strings.Join(t.Undecodable, ", "))
	case len(t.Problems) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrAmbiguous
		r.ErrorMessage = "rows not read: " + strings.Join(t.Problems, "; ")
	case len(missing) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrUnreadable
		r.ErrorMessage = fmt.Sprintf("not found: %s", strings.Join(missing, ", "))
	case len(rows) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrUnreadable
		r.ErrorMessage = "rows not read: " + strings.Join(rows, "; ")
	default:
		r.Status = schema.StatusOK
	}
	if r.Status == schema.StatusPartial {
		r.UnreadKeys = unread
	}
}

// unreadRows returns the keys of r's template that r.Cells lacks (in key
// order), and the rows they belong to, named for people ("table 3
// （三）不予公开2.其他法律行政法规禁止公开 (requests.withheld.prohibited_by_law)").
// The template is r.Template, or for a report whose table 2 was not found
// the one in force in r.Year; （六） is printed as r.OtherRows says, or as
// the template prints it by default. Text cells (a unit) are not counted.
func unreadRows(r *schema.Report) (keys, rows []string) {
	tpl := r.Template
	if tpl == "" {
		tpl = schema.Template2021
		if r.Year > 0 && r.Year < 2021 {
			tpl = schema.Template2019
		}
	}
	other := r.OtherRows
	if other == 0 {
		other = 3
		if tpl == schema.Template2019 {
			other = 1
		}
	}
	have := r.CellMap()
	seen := map[string]bool{}
	for _, k := range schema.Keys {
		if k.Kind == schema.Text || !slices.Contains(k.Templates, tpl) {
			continue
		}
		if k.Table == schema.TableRequests && strings.HasPrefix(k.Row, "requests.other.") &&
			(k.Row == "requests.other.all") != (other == 1) {
			continue
		}
		if _, ok := have[k.Name]; ok {
			continue
		}
		keys = append(keys, k.Name)
		if !seen[k.Row] {
			seen[k.Row] = true
			rows = append(rows, fmt.Sprintf("table %d %s (%s)", k.Table, rowLabel(k), k.Row))
		}
	}
	return keys, rows
}

// rowLabel is a key's row label with its group for table 3's numbered rows.
func rowLabel(k schema.Key) string {
	for _, row := range schema.RequestRows {
		if row.Key == k.Row && row.Group != "" && !strings.HasPrefix(row.Label, "（") {
			return row.Group + row.Label
		}
	}
	return k.RowLabel
}

var tableNames = map[int]string{
	schema.TableActive:   "table 2 (主动公开政府信息情况)",
	schema.TableRequests: "table 3 (收到和处理政府信息公开申请情况)",
	schema.TableAppeals:  "table 4 (行政复议、行政诉讼情况)",
}

// ocred reports whether the document's text was read by OCR.
func ocred(doc *document.Document) bool {
	for _, n := range doc.Notes {
		if n.Code == "ocr" {
			return true
		}
	}
	return false
}
