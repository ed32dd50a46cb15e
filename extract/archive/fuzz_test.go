package archive_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"xxgk/extract/archive"
	"xxgk/fixtures/invariant"
)

// FuzzWalk feeds Walk arbitrary bytes: it must not panic, its errors must
// be typed, names must come out in UTF-8, and no entry may break the
// limits. Seeds: testdata/fuzz/FuzzWalk.
func FuzzWalk(f *testing.F) {
	lim := archive.Limits{MaxDepth: 2, MaxEntries: 100, MaxTotal: 1 << 20, MaxEntry: 256 << 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries := 0
		err := archive.Walk(context.Background(), "fuzz.zip", data, lim, func(e archive.Entry) error {
			entries++
			switch {
			case !utf8.ValidString(e.Name):
				t.Fatalf("name %q is not UTF-8", e.Name)
			case int64(len(e.Data)) > lim.MaxEntry:
				t.Fatalf("%s: %d bytes, over the limit", e.Name, len(e.Data))
			}
			if err := invariant.Error(e.Err); err != nil {
				t.Fatal(err)
			}
			return nil
		})
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if entries > lim.MaxEntries {
			t.Fatalf("%d entries, over the limit", entries)
		}
	})
}
