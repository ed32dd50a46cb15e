package ofd

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xxgk/fixtures"
	"xxgk/fixtures/invariant"
	"xxgk/schema"
)

// FuzzFile feeds the reader whole files, zip and all, seeded with the OFD
// fixtures: it must not panic, its errors must be typed, and its documents
// must keep the matcher contract. (Random bytes mostly fail the zip's
// checksums: FuzzContent reaches the page reader.)
func FuzzFile(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(fixtures.Dir(), "ofd", "*.ofd"))
	for _, p := range paths[:min(2, len(paths))] {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add(zipOf(packageOf(hello)))
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, data)
	})
}

// FuzzContent feeds arbitrary page content (the objects of a layer) to the
// reader inside a sound package.
func FuzzContent(f *testing.F) {
	for _, s := range []string{
		hello,
		`<ofd:TextObject ID="1" Boundary="10 20 50 6" CTM="0.5 0 0 0.5 0 0" Size="10" HScale="0.8"><ofd:TextCode X="2" Y="8" DeltaX="g 2 10 3">一二三4</ofd:TextCode><ofd:TextCode Y="20" DeltaY="g 9 1">四五</ofd:TextCode></ofd:TextObject>`,
		`<ofd:PathObject ID="1" Boundary="10 10 100 50" LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 50 L 0 50 C S 1 1 B 1 2 3 4 5 6 Q 1 2 3 4 A 1 1 0 0 1 5 5 Z</ofd:AbbreviatedData></ofd:PathObject>`,
		`<ofd:PageBlock ID="1"><ofd:PathObject ID="2" Boundary="0 0 100 0.3" Fill="true" Stroke="false"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 0.3 L 0 0.3 C</ofd:AbbreviatedData></ofd:PathObject>` + hello + `</ofd:PageBlock>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		check(t, zipOf(packageOf(content, hello)))
	})
}

func check(t *testing.T, data []byte) {
	t.Helper()
	doc, err := ExtractLimits(context.Background(), data, Limits{MaxElements: 10000, MaxObjects: 10000})
	if err := invariant.Error(err); err != nil {
		t.Fatal(err)
	}
	if err != nil && schema.CodeOf(err) == schema.ErrInternal {
		t.Fatalf("internal error: %v", err)
	}
	if err := invariant.Document(doc); err != nil {
		t.Fatal(err)
	}
}
