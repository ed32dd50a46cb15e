package schema_test

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
	"xxgk/schema"
)

func loadTruth(t *testing.T, id string) *fixtures.Truth {
	fixtures.NeedCorpus(t)
	t.Helper()
	tr, err := fixtures.Load(filepath.Join(fixtures.CorpusDir(), id+".truth.json"))
	require.NoError(t, err)
	return tr
}

// consistent are the corpus truths whose published tables balance.
var consistent = []string{"shanxi_jishan_county_2023", "jiangsu_huaian_hongzequ_2024"}

func TestConsistentTruthsHaveNoFinding(t *testing.T) {
	for _, id := range consistent {
		assert.Empty(t, schema.Verify(loadTruth(t, id).Report()), id)
	}
}

// TestEveryRuleKeyIsChecked moves every key that appears in any rule by +1
// and −1 in every consistent truth: each change must give a finding that
// names the key.
func TestEveryRuleKeyIsChecked(t *testing.T) {
	ruleKeys := map[string]bool{}
	for _, eq := range schema.Equations {
		for _, k := range append(append([]string{}, eq.Parts...), eq.Checked...) {
			ruleKeys[k] = true
		}
	}
	for _, id := range consistent {
		truth := loadTruth(t, id)
		checked := 0
		for key := range ruleKeys {
			v, ok := truth.Cells[key]
			if !ok || v == nil {
				continue
			}
			for _, delta := range []float64{1, -1} {
				r := truth.Report()
				for i := range r.Cells {
					if r.Cells[i].Key == key {
						r.Cells[i].Value = *v + delta
					}
				}
				fs := schema.Verify(r)
				require.NotEmpty(t, fs, "%s: %s%+v gives no finding", id, key, delta)
				for _, f := range fs {
					assert.Contains(t, f.Keys, key, "%s: %s%+v: finding %s does not name the key", id, key, delta, f.Rule)
					assert.Equal(t, schema.SeverityError, f.Severity, "%s: %s%+v: %s", id, key, delta, f.Rule)
				}
				checked++
			}
		}
		assert.Greater(t, checked, 300, id)
	}
}

// The 上海 2019 truth leaves blanks where zeros are meant and a blank 总计
// column: every failing equation could be satisfied by numbers in the
// blanks, so all findings are warnings, of the two rules its truth lists.
func TestShanghaiBlanksGiveWarningsOnly(t *testing.T) {
	fs := schema.Verify(loadTruth(t, "shanghai_shizhengfubangongting_2019").Report())
	require.NotEmpty(t, fs)
	rules := map[schema.RuleID]bool{}
	for _, f := range fs {
		assert.Equal(t, schema.SeverityWarning, f.Severity, f.Message)
		assert.NotEmpty(t, f.BlankKeys, f.Message)
		rules[f.Rule] = true
	}
	var got []string
	for r := range rules {
		got = append(got, string(r))
	}
	sort.Strings(got)
	assert.Equal(t, []string{string(schema.RuleResultsSum), string(schema.RuleRowTotal)}, got)
}

func TestWrongAppealTotalIsAnError(t *testing.T) {
	truth := loadTruth(t, "shanxi_jishan_county_2023")
	two := 2.0
	truth.Cells["review.total"] = &two // published: 0+1+0+0 = 1
	fs := schema.Verify(truth.Report())
	require.Len(t, fs, 1)
	f := fs[0]
	assert.Equal(t, schema.RuleGroupTotal, f.Rule)
	assert.Equal(t, schema.SeverityError, f.Severity)
	assert.Equal(t, 1.0, *f.Expected)
	assert.Equal(t, 2.0, *f.Found)
	assert.Equal(t, []string{"review.upheld", "review.corrected", "review.other", "review.pending", "review.total"}, f.Keys)
}

// TestBlankSemantics: a failing equation with blanks is a warning exactly
// when non-negative whole numbers in the blanks could satisfy it.
func TestBlankSemantics(t *testing.T) {
	n := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name  string
		parts []*float64 // review.upheld, corrected, other, pending
		total *float64
		want  schema.Severity // "" for no finding
	}{
		{"balanced", []*float64{n(1), n(1), n(0), n(0)}, n(2), ""},
		{"all blank", []*float64{nil, nil, nil, nil}, nil, ""},
		{"sum too small, blank part can fill", []*float64{n(1), nil, n(0), n(0)}, n(3), schema.SeverityWarning},
		{"sum too large, blank part cannot lower it", []*float64{n(4), nil, n(0), n(0)}, n(3), schema.SeverityError},
		{"blank total", []*float64{n(1), n(2), n(0), n(0)}, nil, schema.SeverityWarning},
		{"no blanks", []*float64{n(1), n(2), n(0), n(0)}, n(4), schema.SeverityError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &schema.Report{}
			keys := []string{"review.upheld", "review.corrected", "review.other", "review.pending", "review.total"}
			for i, v := range append(tc.parts, tc.total) {
				c := schema.Cell{Key: keys[i], Kind: schema.KindBlank}
				if v != nil {
					c.Kind, c.Value = schema.KindNumber, *v
				}
				r.Cells = append(r.Cells, c)
			}
			// An all-blank table also says the tables are empty
			// (TestEmptyTables); only the balance findings count here.
			fs := slices.DeleteFunc(schema.Verify(r), func(f schema.Finding) bool { return f.Rule == schema.RuleEmptyTables })
			if tc.want == "" {
				assert.Empty(t, fs)
				return
			}
			require.Len(t, fs, 1)
			assert.Equal(t, tc.want, fs[0].Severity)
		})
	}
}

func TestValuesValid(t *testing.T) {
	for _, tc := range []struct {
		key   string
		kind  schema.CellKind
		value any
		bad   bool
	}{
		{"review.upheld", schema.KindNumber, -1.0, true},
		{"review.upheld", schema.KindNumber, 1.5, true},
		{"review.upheld", schema.KindText, nil, true},
		{"review.upheld", schema.KindMarker, nil, false},
		{"active.licensing.change", schema.KindNumber, -8.0, false},
		{"active.fees.amount_10k_yuan", schema.KindNumber, 12.5, false},
		{"active.fees.amount_10k_yuan", schema.KindNumber, -1.0, true},
	} {
		r := &schema.Report{Cells: []schema.Cell{{Key: tc.key, Kind: tc.kind, Value: tc.value, Raw: "x"}}}
		var valid []schema.Finding
		for _, f := range schema.Verify(r) {
			if f.Rule == schema.RuleValid {
				valid = append(valid, f)
			}
		}
		assert.Equal(t, tc.bad, len(valid) == 1, "%s %v %v", tc.key, tc.kind, tc.value)
	}
}

// reviewReport is a report of the review group of table 4 only: upheld,
// corrected, other, pending, total, as many as given.
func reviewReport(vals ...float64) *schema.Report {
	r := &schema.Report{Status: schema.StatusOK}
	for i, k := range []string{"review.upheld", "review.corrected", "review.other", "review.pending", "review.total"} {
		if i < len(vals) {
			r.Cells = append(r.Cells, schema.Cell{Key: k, Kind: schema.KindNumber, Value: vals[i]})
		}
	}
	return r
}

// TestUnreadIsNotCheckable: a rule instance with an unread cell is a
// check.not_checkable warning naming the row, whether or not it would
// hold, and never an error.
func TestUnreadIsNotCheckable(t *testing.T) {
	// review.total lost: the group cannot be checked.
	r := reviewReport(1, 2, 0, 0)
	r.UnreadKeys = []string{"review.total"}
	fs := schema.Verify(r)
	require.Len(t, fs, 1)
	assert.Equal(t, schema.RuleNotCheckable, fs[0].Rule)
	assert.Equal(t, schema.SeverityWarning, fs[0].Severity)
	assert.Contains(t, fs[0].Message, "行政复议")
	assert.Contains(t, fs[0].Keys, "review.total")

	// Without UnreadKeys, a cell missing from a group that has cells is
	// unread too.
	fs = schema.Verify(reviewReport(1, 2, 0, 9))
	require.Len(t, fs, 1)
	assert.Equal(t, schema.RuleNotCheckable, fs[0].Rule)

	// A table 3 row lost: results_sum of every column and the row's own
	// row_total are not checkable, nothing is an error.
	truth := loadTruth(t, "shanxi_jishan_county_2023").Report()
	truth.Cells = slices.DeleteFunc(truth.Cells, func(c schema.Cell) bool {
		return strings.HasPrefix(c.Key, "requests.unable.not_held.")
	})
	fs = schema.Verify(truth)
	rules := map[schema.RuleID]int{}
	for _, f := range fs {
		assert.Equal(t, schema.SeverityWarning, f.Severity, f.Message)
		rules[f.Rule]++
		assert.Contains(t, f.Message, "（四）无法提供1.本机关不掌握相关政府信息")
	}
	assert.Equal(t, map[schema.RuleID]int{schema.RuleNotCheckable: 8}, rules) // 7 columns + the row
}

// TestUncertainIsWarning: a failing instance with a cell read with doubt
// (inferred, OCR low or corrected) is an ocr.uncertain warning; the same
// failure on certain cells stays an error.
func TestUncertainIsWarning(t *testing.T) {
	for _, tc := range []struct {
		name string
		mark func(*schema.Cell)
	}{
		{"inferred", func(c *schema.Cell) { c.Inferred = true }},
		{"ocr low", func(c *schema.Cell) { c.OCR = &schema.OCRReading{Page: 1, Confidence: 40, Low: true} }},
		{"ocr corrected", func(c *schema.Cell) { c.OCR = &schema.OCRReading{Page: 1, Confidence: 90, Corrected: true} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := reviewReport(1, 2, 0, 0, 4)
			require.Equal(t, schema.SeverityError, schema.Verify(r)[0].Severity)
			tc.mark(&r.Cells[1])
			fs := schema.Verify(r)
			require.Len(t, fs, 1)
			assert.Equal(t, schema.RuleOCRUncertain, fs[0].Rule)
			assert.Equal(t, schema.SeverityWarning, fs[0].Severity)
			assert.Equal(t, 3.0, *fs[0].Expected)
			assert.Equal(t, 4.0, *fs[0].Found)
		})
	}
	// values.valid on an uncertain cell: a warning too.
	r := reviewReport(1, 2, 0, 0, 3)
	r.Cells[0].Value = -1.0
	r.Cells[0].Inferred = true
	for _, f := range schema.Verify(r) {
		assert.Equal(t, schema.SeverityWarning, f.Severity, f.Message)
	}
}

// TestEmptyTables: tables without a single number give one
// check.empty_tables warning and no other finding.
func TestEmptyTables(t *testing.T) {
	r := &schema.Report{Status: schema.StatusOK}
	for _, k := range schema.Keys {
		r.Cells = append(r.Cells, schema.Cell{Key: k.Name, Kind: schema.KindBlank})
	}
	fs := schema.Verify(r)
	require.Len(t, fs, 1)
	assert.Equal(t, schema.RuleEmptyTables, fs[0].Rule)
	assert.Equal(t, schema.SeverityWarning, fs[0].Severity)
	// One number is enough for the tables not to be empty.
	r.Cells[0].Kind, r.Cells[0].Value = schema.KindNumber, 1.0
	for _, f := range schema.Verify(r) {
		assert.NotEqual(t, schema.RuleEmptyTables, f.Rule)
	}
}
