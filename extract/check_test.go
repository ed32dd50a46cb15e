package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
	"xxgk/schema/narrative"
)

// TestCheckNarrative reads reports end to end and checks that their
// narrative.requests findings are exactly those of their truth files: none
// for the corpus (its prose agrees with its tables where it gives the
// agency's own totals; 洪泽's 17 are the requests the office handled), one
// for the fixture whose prose says 25 new requests while table 3 says 21.
func TestCheckNarrative(t *testing.T) {
	fixtures.NeedCorpus(t)
	corpus := fixtures.CorpusDir()
	for _, tc := range []struct {
		path string
		// findings once table 3 says one new request more than printed:
		// the prose's figure is then read and found wrong, unless it is
		// not the agency's own (洪泽).
		perturbed int
	}{
		{filepath.Join(corpus, "shanxi_jishan_county_2023.txt"), 1},
		{filepath.Join(corpus, "shanghai_shizhengfubangongting_2019.html"), 1},
		{filepath.Join(corpus, "jiangsu_huaian_hongzequ_2024.pdf"), 0},
		{filepath.Join(fixtures.Dir(), "narrative", "new_received_disagrees.txt"), 1},
	} {
		path := tc.path
		t.Run(filepath.Base(path), func(t *testing.T) {
			truth, err := fixtures.Load(strings.TrimSuffix(path, filepath.Ext(path)) + ".truth.json")
			require.NoError(t, err)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			r := extract.Parse(context.Background(), filepath.Base(path), data)
			require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)

			var want, got []fixtures.TruthFinding
			for _, f := range truth.Findings {
				if f.Rule == narrative.Rule {
					want = append(want, f)
				}
			}
			for _, f := range extract.Check(r) {
				if f.Rule != narrative.Rule {
					continue
				}
				got = append(got, fixtures.TruthFinding{Rule: f.Rule, Severity: string(f.Severity),
					Keys: f.Keys, Expected: *f.Expected, Found: *f.Found})
				assert.Contains(t, f.Quote, "共收到政府信息公开申请25件")
			}
			assert.Equal(t, want, got)

			for i, c := range r.Cells {
				if v, ok := c.Number(); ok && c.Key == "requests.new_received.total" {
					r.Cells[i].Value = v + 1
				}
			}
			assert.Len(t, narrative.Check(r), tc.perturbed)
		})
	}
}
