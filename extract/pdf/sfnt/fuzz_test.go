package sfnt

import (
	"testing"
)

// FuzzGlyphRunes feeds damaged font programs to the cmap readers: they
// must return an error or a map, never panic or run away.
func FuzzGlyphRunes(f *testing.F) {
	f.Add(testdata(f, "uming-subset.ttf"))
	f.Add(testdata(f, "uming-subset-nocmap.ttf"))
	f.Add(testdata(f, "uming-subset-vert.ttf"))
	format12 := append(u16s(12, 0), u32s(0, 0, 1, 0x4E00, 0x10FFFF, 1)...)
	f.Add(font(sub{3, 1, format4()}, sub{3, 10, format12}))
	f.Add(font(sub{3, 3, append(u16s(6, 0, 0, 0xD5FE, 1), u16s(70)...)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, g := range must(CodeGlyphs(data)) {
			if g == 0 {
				t.Fatal("code mapped to glyph 0")
			}
		}
		m, err := GlyphRunes(data)
		if err == nil && len(m) == 0 {
			t.Fatal("no error and no glyphs")
		}
		for g, r := range m {
			if g == 0 || r <= 0 {
				t.Fatalf("glyph %d → %q", g, r)
			}
		}
	})
}

func must[M any](m M, _ error) M { return m }
