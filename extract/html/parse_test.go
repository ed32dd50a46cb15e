package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// TestShanghaiHTML reads the corpus's HTML report (2019 template) end to
// end: every cell exact, the procurement unit split off 251000元, and only
// the warnings its truth file lists (blank 总计 cells).
func TestShanghaiHTML(t *testing.T) {
	const id = "shanghai_shizhengfubangongting_2019"
	dir := fixtures.CorpusDir()
	truth, err := fixtures.Load(filepath.Join(dir, id+".truth.json"))
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, id+".html"))
	require.NoError(t, err)

	r := extract.Parse(context.Background(), id+".html", data)
	require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)
	assert.Equal(t, "html", r.Format)
	assert.Empty(t, fixtures.Diff(truth, r))
	assert.Equal(t, schema.Template2019, r.Template)
	assert.Equal(t, 1, r.OtherRows)
	assert.Equal(t, truth.Agency, r.Agency)
	assert.Equal(t, truth.Year, r.Year)
	assert.Len(t, r.Sections, 6)

	unit, ok := r.Cell("active.procurement.amount_unit")
	require.True(t, ok)
	assert.Equal(t, schema.Cell{Key: "active.procurement.amount_unit", Kind: schema.KindText, Value: "元", Raw: "元",
		Loc: schema.Location{Table: 1, Row: 18, Col: 4}}, unit)
	amount, _ := r.Cell("active.procurement.amount")
	assert.Equal(t, schema.Location{Table: 1, Row: 18, Col: 4}, amount.Loc)
	// 本年增/减 of 行政许可 sits in the third grid cell of a row whose
	// first value cell spans two columns.
	change, _ := r.Cell("active.licensing.change")
	assert.Equal(t, schema.Location{Table: 1, Row: 7, Col: 4}, change.Loc)
	total, _ := r.Cell("requests.results_total.total")
	assert.Equal(t, schema.Location{Table: 2, Row: 25, Col: 10}, total.Loc)

	rules := map[string]int{}
	for _, f := range extract.Check(r) {
		assert.Equal(t, schema.SeverityWarning, f.Severity, f.Message)
		rules[f.Rule]++
		if f.Rule == schema.RuleResultsSum {
			assert.Equal(t, []string{"requests.results_total.total"}, f.Keys[len(f.Keys)-1:], "results_sum fails only on the 总计 column")
		}
	}
	// One 总计 column, and the eleven result rows with applicant values.
	assert.Equal(t, map[string]int{schema.RuleResultsSum: 1, schema.RuleRowTotal: 11}, rules)
}
