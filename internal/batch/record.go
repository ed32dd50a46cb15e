package batch

import (
	"xxgk/schema"
)

// Record is what the batch keeps of a file once its rows are written: enough
// to resume, to count for summary.json and to check continuity across years
// without reading the outputs back. It is a line of done.jsonl.
type Record struct {
	File        string           `json:"file"`
	SHA256      string           `json:"sha256"`
	Format      string           `json:"format,omitempty"`
	Status      schema.Status    `json:"status"`
	ErrorCode   schema.ErrorCode `json:"error_code,omitempty"`
	Agency      string           `json:"agency,omitempty"`
	Year        int              `json:"year,omitempty"`
	Template    schema.Template  `json:"template,omitempty"`
	DuplicateOf string           `json:"duplicate_of,omitempty"`
	// Errors and Warnings count the file's findings by rule.
	Errors   map[string]int `json:"errors,omitempty"`
	Warnings map[string]int `json:"warnings,omitempty"`
	// Values holds the numbers the continuity rules compare: carried over
	// and carried forward requests, documents issued, repealed, in force.
	Values map[string]float64 `json:"values,omitempty"`
}

// continuityKeys are the keys whose numbers a Record keeps.
var continuityKeys = func() []string {
	var keys []string
	for _, c := range schema.RequestColumns {
		keys = append(keys, "requests.carried_over."+c.Name, "requests.carried_forward."+c.Name)
	}
	for _, row := range inForceRows {
		keys = append(keys, row+".issued", row+".repealed", row+".in_force")
	}
	return keys
}()

// inForceRows are the table-2 rows of the 2021 template that count
// documents in force.
var inForceRows = []string{"active.rules", "active.normative_documents"}

// NewRecord condenses a report and its findings.
func NewRecord(r *schema.Report, findings []schema.Finding, duplicateOf string) Record {
	rec := Record{
		File: r.File, SHA256: r.SHA256, Format: r.Format, Status: r.Status,
		ErrorCode: r.ErrorCode, Agency: r.Agency, Year: r.Year,
		Template: r.Template, DuplicateOf: duplicateOf,
	}
	for _, f := range findings {
		m := &rec.Warnings
		if f.Severity == schema.SeverityError {
			m = &rec.Errors
		}
		if *m == nil {
			*m = map[string]int{}
		}
		(*m)[string(f.Rule)]++
	}
	cells := r.CellMap()
	for _, k := range continuityKeys {
		// A value read with doubt (inferred, OCR low or corrected) is
		// kept out: the cross-year rules treat it as blank, so no
		// continuity error can rest on our reading.
		if v, ok := cells[k].Number(); ok && !cells[k].Uncertain() {
			if rec.Values == nil {
				rec.Values = map[string]float64{}
			}
			rec.Values[k] = v
		}
	}
	return rec
}

// ErrorCount is the number of error findings of the file.
func (r Record) ErrorCount() int { return sum(r.Errors) }

// WarningCount is the number of warning findings of the file.
func (r Record) WarningCount() int { return sum(r.Warnings) }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
