package html_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/fixtures/htmlgen"
	"xxgk/schema"
)

// TestShanghaiHTML reads the corpus's HTML report (2019 template) end to
// end: every cell exact, the procurement unit split off 251000元, and only
// the warnings its truth file lists (blank 总计 cells).
func TestShanghaiHTML(t *testing.T) {
	fixtures.NeedCorpus(t)
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

	rules := map[schema.RuleID]int{}
	for _, f := range extract.Check(r) {
		assert.Equal(t, schema.SeverityWarning, f.Severity, f.Message)
		rules[f.Rule]++
		if f.Rule == schema.RuleResultsSum {
			assert.Equal(t, []string{"requests.results_total.total"}, f.Keys[len(f.Keys)-1:], "results_sum fails only on the 总计 column")
		}
	}
	// One 总计 column, and the eleven result rows with applicant values.
	assert.Equal(t, map[schema.RuleID]int{schema.RuleResultsSum: 1, schema.RuleRowTotal: 11}, rules)
}

// TestShanghaiRecoded reads the corpus's HTML report saved in other
// charsets: every cell stays exact.
func TestShanghaiRecoded(t *testing.T) {
	fixtures.NeedCorpus(t)
	const id = "shanghai_shizhengfubangongting_2019"
	dir := fixtures.CorpusDir()
	truth, err := fixtures.Load(filepath.Join(dir, id+".truth.json"))
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, id+".html"))
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		enc  encoding.Encoding
		from string // the declaration to replace
		to   string
	}{
		{"utf-16 with BOM", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), `<meta charset="utf-8">`, ``},
		{"gbk declared gb2312", simplifiedchinese.GBK, `<meta charset="utf-8">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`},
		{"gb18030 undeclared", simplifiedchinese.GB18030, `<meta charset="utf-8">`, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := strings.Replace(string(data), tc.from, tc.to, 1)
			recoded, err := tc.enc.NewEncoder().Bytes([]byte(page))
			require.NoError(t, err)
			r := extract.Parse(context.Background(), id+".html", recoded)
			require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)
			assert.Empty(t, fixtures.Diff(truth, r))
			assert.Equal(t, truth.Agency, r.Agency)
		})
	}
}

// TestFixtures reads every generated page of fixtures/html through
// extract.Parse: every cell exact and the verifier's findings those of the
// truth file; pages of legacy reports come back legacy with their sections.
func TestFixtures(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "html", "*.truth.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 9)
	for _, p := range paths {
		truth, err := fixtures.Load(p)
		require.NoError(t, err)
		t.Run(truth.ID, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(fixtures.Dir(), truth.Source))
			require.NoError(t, err)
			r := extract.Parse(context.Background(), truth.Source, data)
			assert.Equal(t, "html", r.Format)
			assert.Equal(t, truth.Agency, r.Agency)
			assert.Equal(t, truth.Year, r.Year)
			if truth.Template == string(schema.TemplateLegacy) {
				assert.Equal(t, schema.StatusLegacy, r.Status, r.ErrorMessage)
				assert.Equal(t, schema.TemplateLegacy, r.Template)
				assert.Empty(t, r.ErrorCode)
				assert.Empty(t, r.Cells)
				var heads []string
				for _, s := range r.Sections {
					heads = append(heads, s.Heading)
					assert.NotEmpty(t, s.Text, s.Heading)
				}
				assert.Equal(t, htmlgen.LegacySections, heads)
				return
			}
			require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)
			assert.Empty(t, fixtures.Diff(truth, r))
			assert.Equal(t, truth.Template, string(r.Template))
			assert.Len(t, r.Sections, 6)
			want := slices.Clone(truth.Findings)
			fixtures.SortFindings(want)
			assert.Equal(t, want, fixtures.TruthFindings(extract.Check(r)))
		})
	}
}

// BenchmarkParseCheckShanghai parses the corpus's HTML report and verifies
// it: the work of `xxgk check` on one HTML page.
func BenchmarkParseCheckShanghai(b *testing.B) {
	fixtures.NeedCorpus(b)
	data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "shanghai_shizhengfubangongting_2019.html"))
	if err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r := extract.Parse(ctx, "shanghai.html", data)
		if r.Status != schema.StatusOK {
			b.Fatal(r.ErrorMessage)
		}
		extract.Check(r)
	}
}
