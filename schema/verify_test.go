package schema_test

import (
	"path/filepath"
	"sort"
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
			fs := schema.Verify(r)
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
