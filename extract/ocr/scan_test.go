package ocr_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/extract"
	"xxgk/extract/ocr"
	"xxgk/fixtures"
	"xxgk/schema"
)

func needTesseract(t *testing.T) {
	t.Helper()
	if err := ocr.Check(context.Background(), ""); err != nil {
		t.Skipf("OCR not tested: %v", err)
	}
}

func parse(t *testing.T, name string) *schema.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "scans", name))
	require.NoError(t, err)
	return extract.Parse(context.Background(), name, data)
}

// The committed scans (fixtures/scans/make.sh): 200 dpi grey JPEG, turned
// 0.4°, noise. Every cell read must be the truth's; the tables given must be
// read whole.
func TestScans(t *testing.T) {
	needTesseract(t)
	for _, tc := range []struct {
		file, truth string
		whole       []string // key prefixes that must all be read
		status      schema.Status
		partial     bool // half a table: its rules cannot be judged
	}{
		{"scan_official_01.pdf", "official_01", []string{"active.", "requests.", "review.", "litigation_"}, schema.StatusOK, false},
		// review.total printed 6 where its parts sum to 5: an error.
		{"scan_official_08_tables.pdf", "official_08", []string{"requests.", "review.", "litigation_"}, "", false},
		{"scan_official_01-3.jpg", "official_01", []string{"review.", "litigation_", "requests.carried_forward."}, "", true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r := parse(t, tc.file)
			require.NotEqual(t, schema.StatusFailed, r.Status, r.ErrorMessage)
			if tc.status != "" {
				assert.Equal(t, tc.status, r.Status, r.ErrorMessage)
			}
			tr, err := fixtures.Load(filepath.Join(fixtures.Dir(), "truth", tc.truth+".truth.json"))
			require.NoError(t, err)
			got := r.CellMap()
			for _, c := range r.Cells {
				want, ok := tr.Cells[c.Key]
				if !ok {
					continue // procurement unit and the like
				}
				v, isNum := c.Number()
				if want == nil {
					assert.False(t, isNum, "%s = %q, want blank", c.Key, c.Raw)
				} else {
					assert.True(t, isNum && v == *want, "%s = %q, want %v", c.Key, c.Raw, *want)
				}
				if isNum {
					require.NotNil(t, c.OCR, c.Key)
					assert.Positive(t, c.OCR.Confidence, c.Key)
				}
			}
			for key := range tr.Cells {
				for _, p := range tc.whole {
					if len(key) >= len(p) && key[:len(p)] == p {
						_, ok := got[key]
						assert.True(t, ok, "%s not read", key)
					}
				}
			}
			require.NotEmpty(t, r.Notes)
			assert.Equal(t, "ocr", r.Notes[0].Code)
			if tc.partial {
				return
			}
			// Findings: the truth's, and no error that is not.
			want := map[string]bool{}
			for _, f := range tr.Findings {
				want[string(f.Rule)+f.Keys[len(f.Keys)-1]] = true
			}
			found := 0
			for _, f := range schema.Verify(r) {
				if f.Severity == schema.SeverityError {
					assert.True(t, want[string(f.Rule)+f.Keys[len(f.Keys)-1]], "false error %s %v", f.Rule, f.Keys)
					found++
				}
			}
			assert.Equal(t, len(tr.Findings), found, "the truth's errors")
		})
	}
}

// Without tesseract a scan fails with ocr_unavailable, saying what to
// install, and a PDF with a text layer is read as before.
func TestScansWithoutTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := parse(t, "scan_official_01-3.jpg")
	assert.Equal(t, schema.StatusFailed, r.Status)
	assert.Equal(t, schema.ErrOCRUnavailable, r.ErrorCode)
	assert.Contains(t, r.ErrorMessage, "apt-get install tesseract-ocr tesseract-ocr-chi-sim")
	r = parse(t, "scan_official_08_tables.pdf")
	assert.Equal(t, schema.ErrOCRUnavailable, r.ErrorCode)

	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "pdf", "official_01.pdf"))
	require.NoError(t, err)
	r = extract.Parse(context.Background(), "official_01.pdf", data)
	assert.Equal(t, schema.StatusOK, r.Status, r.ErrorMessage)
	assert.Empty(t, r.Notes)
}
