package docx_test

import (
	"context"
	"testing"

	"xxgk/extract/docx"
	"xxgk/fixtures/invariant"
)

// FuzzFile feeds the DOCX extractor whole files, zip and all (FuzzExtract
// fuzzes the document body inside a sound package): it must not panic, its
// errors must be typed, and its documents must keep the matcher contract.
// Seeds: testdata/fuzz/FuzzFile.
func FuzzFile(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := docx.Extract(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}
