package sfnt

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "fonts", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestUMingSubset decodes the strings of Identity-H-truetype.pdf, whose
// codes are glyph ids of the embedded subset, through the subset's cmap.
func TestUMingSubset(t *testing.T) {
	runes, err := GlyphRunes(testdata(t, "uming-subset.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := testdata(t, "Identity-H-truetype.pdf")
	var got []string
	for _, m := range regexp.MustCompile(`<([0-9A-F]+)> Tj`).FindAllSubmatch(pdf, -1) {
		codes, _ := hex.DecodeString(string(m[1]))
		var b strings.Builder
		for i := 0; i+1 < len(codes); i += 2 {
			r, ok := runes[binary.BigEndian.Uint16(codes[i:])]
			if !ok {
				t.Fatalf("glyph %x unmapped", codes[i:i+2])
			}
			b.WriteRune(r)
		}
		got = append(got, b.String())
	}
	want := []string{"政府信息公开（一）", "申请数量123"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("decoded %q, want %q", got, want)
	}
	if len(runes) != 16 {
		t.Errorf("%d glyphs mapped, want the 16 distinct characters", len(runes))
	}
}

func TestNoCmap(t *testing.T) {
	_, err := GlyphRunes(testdata(t, "uming-subset-nocmap.ttf"))
	if !errors.Is(err, ErrNoCmap) {
		t.Errorf("err = %v, want ErrNoCmap", err)
	}
}

// font assembles a font program holding only a cmap table with the given
// subtables.
func font(subs ...sub) []byte {
	var cmap []byte
	cmap = binary.BigEndian.AppendUint16(cmap, 0)
	cmap = binary.BigEndian.AppendUint16(cmap, uint16(len(subs)))
	off := 4 + 8*len(subs)
	var body []byte
	for _, s := range subs {
		cmap = binary.BigEndian.AppendUint16(cmap, s.platform)
		cmap = binary.BigEndian.AppendUint16(cmap, s.encoding)
		cmap = binary.BigEndian.AppendUint32(cmap, uint32(off+len(body)))
		body = append(body, s.data...)
	}
	cmap = append(cmap, body...)
	f := []byte{0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}
	f = append(f, "cmap"...)
	f = binary.BigEndian.AppendUint32(f, 0)
	f = binary.BigEndian.AppendUint32(f, 28)
	f = binary.BigEndian.AppendUint32(f, uint32(len(cmap)))
	return append(f, cmap...)
}

type sub struct {
	platform, encoding uint16
	data               []byte
}

func u16s(v ...int) []byte {
	var b []byte
	for _, x := range v {
		b = binary.BigEndian.AppendUint16(b, uint16(x))
	}
	return b
}

func u32s(v ...int) []byte {
	var b []byte
	for _, x := range v {
		b = binary.BigEndian.AppendUint32(b, uint32(x))
	}
	return b
}

// format4 maps [start, end] segments by delta, the last through the
// glyph id array, plus the closing 0xFFFF segment.
func format4() []byte {
	// Segments: '0'-'9' → 10-19 by delta; 政 → 30 via idRangeOffset; end.
	ends := u16s('9', 0x653F, 0xFFFF)
	starts := u16s('0', 0x653F, 0xFFFF)
	deltas := u16s(10-'0', 0, 1)
	ranges := u16s(0, 4, 0) // from the 2nd idRangeOffset: skip 2 entries to the array
	glyphs := u16s(30)
	b := u16s(4, 0, 0, 6, 0, 0, 0)
	b = append(b, ends...)
	b = append(b, 0, 0)
	b = append(b, starts...)
	b = append(b, deltas...)
	b = append(b, ranges...)
	b = append(b, glyphs...)
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	return b
}

func TestFormats(t *testing.T) {
	format12 := append(u16s(12, 0), u32s(0, 0, 2, 0x20087, 0x20087, 40, 0x4E00, 0x4E01, 41)...)
	format6 := append(u16s(6, 0, 0, 'A', 2), u16s(50, 51)...)
	format0 := append(u16s(0, 262, 0), make([]byte, 256)...)
	format0[6+'x'] = 60
	gbk := append(u16s(6, 0, 0, 0xD5FE, 1), u16s(70)...) // 政 in GBK
	pua := append(u16s(6, 0, 0, 0xE000, 1), u16s(30)...)
	digits := func(more map[uint16]rune) map[uint16]rune {
		for i := range 10 {
			more[uint16(10+i)] = rune('0' + i)
		}
		return more
	}
	tests := []struct {
		name string
		font []byte
		want map[uint16]rune
	}{
		{"format 4", font(sub{3, 1, format4()}), digits(map[uint16]rune{30: '政'})},
		{"format 12 over 4", font(sub{3, 1, format4()}, sub{3, 10, format12}),
			digits(map[uint16]rune{30: '政', 40: '𠂇', 41: '一', 42: '丁'})},
		{"format 6", font(sub{0, 3, format6}), map[uint16]rune{50: 'A', 51: 'B'}},
		{"format 0 Mac Roman", font(sub{1, 0, format0}), map[uint16]rune{60: 'x'}},
		{"PRC through GBK", font(sub{3, 3, gbk}), map[uint16]rune{70: '政'}},
		{"private use loses", font(sub{3, 1, pua}, sub{0, 3, format4()}),
			digits(map[uint16]rune{30: '政'})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := GlyphRunes(tt.font)
			if err != nil {
				t.Fatal(err)
			}
			for g, r := range tt.want {
				if got[g] != r {
					t.Errorf("glyph %d = %q, want %q", g, got[g], r)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d glyphs mapped, want %d: %v", len(got), len(tt.want), got)
			}
		})
	}
}

func TestBroken(t *testing.T) {
	symbol := append(u16s(6, 0, 0, 0xF030, 1), u16s(5)...)
	tests := []struct {
		name  string
		font  []byte
		noMap bool
	}{
		{"empty", nil, false},
		{"not a font", []byte("%PDF-1.7 not a font at all"), false},
		{"symbol only", font(sub{3, 0, symbol}), true},
		{"cut format 4", font(sub{3, 1, format4()[:20]}), false},
		{"directory past end", font(sub{3, 1, format4()})[:30], false},
	}
	for _, tt := range tests {
		_, err := GlyphRunes(tt.font)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
		}
		if errors.Is(err, ErrNoCmap) != tt.noMap {
			t.Errorf("%s: err = %v, ErrNoCmap %v", tt.name, err, tt.noMap)
		}
	}
}

func BenchmarkGlyphRunes(b *testing.B) {
	f := testdata(b, "uming-subset.ttf")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GlyphRunes(f); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCodeGlyphs(t *testing.T) {
	symbol := append(u16s(6, 0, 0, 0xF031, 3), u16s(7, 8, 9)...)
	mac := append(u16s(6, 0, 0, 'A', 1), u16s(5)...)
	tests := []struct {
		name string
		font []byte
		want map[byte]uint16
	}{
		{"symbol", font(sub{3, 1, format4()}, sub{3, 0, symbol}), map[byte]uint16{'1': 7, '2': 8, '3': 9}},
		{"symbol before Mac", font(sub{1, 0, mac}, sub{3, 0, symbol}), map[byte]uint16{'1': 7, '2': 8, '3': 9}},
		{"Mac", font(sub{1, 0, mac}), map[byte]uint16{'A': 5}},
	}
	for _, tt := range tests {
		got, err := CodeGlyphs(tt.font)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		for c, g := range tt.want {
			if got[c] != g {
				t.Errorf("%s: code %q → %d, want %d", tt.name, c, got[c], g)
			}
		}
	}
	if _, err := CodeGlyphs(font(sub{3, 1, format4()})); !errors.Is(err, ErrNoCmap) {
		t.Errorf("Unicode-only font: err = %v, want ErrNoCmap", err)
	}
}

// TestVerticalForms reads the glyph ids of the vertical 、 and 。 that the
// subset's GSUB 'vert' feature substitutes (gen.py lists them) as those
// characters, though the cmap maps only the horizontal glyphs.
func TestVerticalForms(t *testing.T) {
	runes, err := GlyphRunes(testdata(t, "uming-subset-vert.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	var vert map[string]uint16
	if err := json.Unmarshal(testdata(t, "uming-subset-vert.json"), &vert); err != nil {
		t.Fatal(err)
	}
	if len(vert) != 2 {
		t.Fatalf("uming-subset-vert.json lists %v", vert)
	}
	for ch, gid := range vert {
		if got := string(runes[gid]); got != ch {
			t.Errorf("vertical glyph %d reads %q, want %q", gid, got, ch)
		}
	}
	// The horizontal glyphs plus their two vertical forms.
	if len(runes) != 4 {
		t.Errorf("%d glyphs mapped, want 4: %v", len(runes), runes)
	}
}
