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

// TestCheckNarrative reads reports end to end and checks that their findings
// are exactly those of their truth files, narrative.requests included: none
// for the corpus (its prose agrees with its tables where it gives the
// agency's totals), one for the fixture whose prose says 25 new requests
// while table 3 says 21.
func TestCheckNarrative(t *testing.T) {
	for _, path := range []string{
		filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt"),
		filepath.Join(fixtures.Dir(), "narrative", "new_received_disagrees.txt"),
	} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			truth, err := fixtures.Load(path[:len(path)-len(filepath.Ext(path))] + ".truth.json")
			require.NoError(t, err)
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			r := extract.Parse(context.Background(), filepath.Base(path), data)
			require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)

			var got []fixtures.TruthFinding
			for _, f := range extract.Check(r) {
				require.NotNil(t, f.Expected)
				require.NotNil(t, f.Found)
				got = append(got, fixtures.TruthFinding{Rule: f.Rule, Severity: string(f.Severity),
					Keys: f.Keys, Expected: *f.Expected, Found: *f.Found})
				if f.Rule == "narrative.requests" {
					assert.Contains(t, f.Quote, "共收到政府信息公开申请25件")
				}
			}
			assert.Equal(t, truth.Findings, got)
		})
	}
}
