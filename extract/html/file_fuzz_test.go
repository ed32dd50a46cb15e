package html_test

import (
	"context"
	"testing"

	"xxgk/extract/html"
	"xxgk/fixtures/invariant"
)

// FuzzFile feeds the HTML extractor arbitrary bytes: it must not panic,
// its errors must be typed, and its documents must keep the matcher
// contract (cells on a grid, merged cells empty, UTF-8 text). Seeds:
// testdata/fuzz/FuzzFile.
func FuzzFile(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := html.Extract(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}
