package text_test

import (
	"context"
	"testing"

	"xxgk/extract/text"
	"xxgk/fixtures/invariant"
)

// FuzzExtract feeds the text extractor arbitrary bytes: it must not panic,
// its errors must be typed, and its documents must keep the matcher
// contract. Seeds: testdata/fuzz/FuzzExtract.
func FuzzExtract(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := text.Extract(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}
