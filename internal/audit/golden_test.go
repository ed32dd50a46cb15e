package audit

import (
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"xxgk/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	fixtures.Golden(t, filepath.Join("testdata", name), got, *update)
}

// The five tables as the page draws them, for review against the template.
func TestGridsGolden(t *testing.T) {
	got, err := json.MarshalIndent(grids(), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "grids.golden.json", append(got, '\n'))
}

// Everything a small batch puts into the page.
func TestDataGolden(t *testing.T) {
	reports, findings := syntheticBatch(6)
	var p Page
	for _, r := range reports {
		p.Add(r)
	}
	p.AddFindings(findings...)
	d := p.data()
	d.Grids = nil // in grids.golden.json
	got, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "data.golden.json", append(got, '\n'))
}
