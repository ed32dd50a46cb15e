package extract

import "xxgk/schema"

// Check returns every finding of one report: the balance rules and
// values.valid. Cross-report rules need several reports and live in batch.
func Check(r *schema.Report) []schema.Finding {
	if r.Status != schema.StatusOK && r.Status != schema.StatusPartial {
		return nil
	}
	return schema.Verify(r)
}
