// Package match finds the six sections and the three tables in a
// format-neutral document and maps their rows and columns onto the schema's
// keys, whatever the layout quirks.
package match

import (
	"fmt"
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
		r.ErrorMessage = fmt.Sprintf("%d cells are printed in a font that cannot be decoded, no values read from them: %s",
			len(t.Undecodable), strings.Join(t.Undecodable, ", "))
	case len(t.Problems) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrAmbiguous
		r.ErrorMessage = "rows not read: " + strings.Join(t.Problems, "; ")
	case len(missing) > 0:
		r.Status, r.ErrorCode = schema.StatusPartial, schema.ErrUnreadable
		r.ErrorMessage = fmt.Sprintf("not found: %s", strings.Join(missing, ", "))
	default:
		r.Status = schema.StatusOK
	}
}

var tableNames = map[int]string{
	schema.TableActive:   "table 2 (主动公开政府信息情况)",
	schema.TableRequests: "table 3 (收到和处理政府信息公开申请情况)",
	schema.TableAppeals:  "table 4 (行政复议、行政诉讼情况)",
}
