package extract

import (
	"xxgk/schema"
	"xxgk/schema/narrative"
)

// Check returns every finding of one report: the balance rules and
// values.valid, then the figures of section 一 that disagree with the tables
// (narrative.requests). Cross-report rules need several reports and live in
// batch.
func Check(r *schema.Report) []schema.Finding {
	if r.Status != schema.StatusOK && r.Status != schema.StatusPartial {
		return nil
	}
	return append(schema.Verify(r), narrative.Check(r)...)
}
