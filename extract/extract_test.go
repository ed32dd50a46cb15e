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

// TestCorpus reads every corpus report whose extractor exists and compares
// every cell with its truth file.
func TestCorpus(t *testing.T) {
	fixtures.NeedCorpus(t)
	for _, tc := range []struct {
		id, file string
		template schema.Template
		other    int
	}{
		{"shanxi_jishan_county_2023", "shanxi_jishan_county_2023.txt", schema.Template2021, 3},
		{"jiangsu_huaian_hongzequ_2024", "jiangsu_huaian_hongzequ_2024.pdf", schema.Template2021, 1},
		{"shanghai_shizhengfubangongting_2019", "shanghai_shizhengfubangongting_2019.html", schema.Template2019, 1},
	} {
		t.Run(tc.id, func(t *testing.T) {
			dir := fixtures.CorpusDir()
			truth, err := fixtures.Load(filepath.Join(dir, tc.id+".truth.json"))
			require.NoError(t, err)
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			require.NoError(t, err)
			r := extract.Parse(context.Background(), tc.file, data)
			require.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)
			assert.Empty(t, fixtures.Diff(truth, r))
			assert.Equal(t, tc.template, r.Template)
			assert.Equal(t, tc.other, r.OtherRows)
			assert.Equal(t, truth.Agency, r.Agency)
			assert.Equal(t, truth.Year, r.Year)
			assert.Len(t, r.Sections, 6)
		})
	}
}

// BenchmarkParseCheckText is parse + check of the corpus plain-text report.
func BenchmarkParseCheckText(b *testing.B) {
	fixtures.NeedCorpus(b)
	data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt"))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		r := extract.Parse(context.Background(), "jishan.txt", data)
		extract.Check(r)
	}
}
