package cmap

import (
	"testing"
)

const mixed = `%!PS-Adobe-3.0 Resource-CMap
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Test-Mixed def
/WMode 1 def
2 begincodespacerange
<00> <80>
<8140> <FEFE>
endcodespacerange
3 beginbfchar
<41> <0041>
<8140> <4E09>
<8141> <00660066>
endbfchar
2 beginbfrange
<30> <39> <0030>
<8150> <8152> [<672C> /uni5E74 <D840DC00>]
endbfrange
1 begincidrange
<8140> <817E> 633
endcidrange
1 begincidchar
<41> 34
endcidchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func TestNext(t *testing.T) {
	m, err := Parse([]byte(mixed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in   string
		code uint32
		n    int
	}{
		{"\x41\x81\x40", 0x41, 1},
		{"\x81\x40\x41", 0x8140, 2},
		{"\x81", 0x81, 1}, // a lead byte cut off: one byte
		{"\xff\xff", 0xff, 1},
	} {
		code, n := m.Next([]byte(tc.in))
		if code != tc.code || n != tc.n {
			t.Errorf("Next(% x) = %#x, %d; want %#x, %d", tc.in, code, n, tc.code, tc.n)
		}
	}
}

func TestText(t *testing.T) {
	m, err := Parse([]byte(mixed))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "Test-Mixed" || !m.Vertical {
		t.Errorf("name %q vertical %v", m.Name, m.Vertical)
	}
	for _, tc := range []struct {
		code uint32
		want string
		ok   bool
	}{
		{0x41, "A", true},
		{0x8140, "三", true},
		{0x8141, "ff", true}, // a ligature maps to two characters
		{0x30, "0", true},
		{0x39, "9", true}, // incrementing range
		{0x8150, "本", true},
		{0x8151, "年", true}, // glyph name in an array
		{0x8152, "𠀀", true}, // surrogate pair
		{0x3a, "", false},
		{0x8153, "", false},
	} {
		got, ok := m.Text(tc.code)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Text(%#x) = %q, %v; want %q, %v", tc.code, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCID(t *testing.T) {
	m, err := Parse([]byte(mixed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		code, cid uint32
		ok        bool
	}{
		{0x8140, 633, true},
		{0x817e, 633 + 0x3e, true},
		{0x41, 34, true},
		{0x42, 0, false},
	} {
		cid, ok := m.CID(tc.code)
		if cid != tc.cid || ok != tc.ok {
			t.Errorf("CID(%#x) = %d, %v; want %d, %v", tc.code, cid, ok, tc.cid, tc.ok)
		}
	}
}

func TestFourByteCodes(t *testing.T) {
	m, err := Parse([]byte("1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfchar <00010203> <0058> endbfchar"))
	if err != nil {
		t.Fatal(err)
	}
	code, n := m.Next([]byte{0, 1, 2, 3, 9})
	if code != 0x010203 || n != 4 {
		t.Fatalf("Next = %#x, %d", code, n)
	}
	if s, _ := m.Text(code); s != "X" {
		t.Errorf("Text = %q", s)
	}
}

func TestParseRejectsNonCMap(t *testing.T) {
	for _, in := range []string{"", "hello world", "%PDF-1.4"} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
}

// TestDamagedEntries keeps the good entries of a damaged map.
func TestDamagedEntries(t *testing.T) {
	m, err := Parse([]byte("3 beginbfchar <01> <0041> <02> <03> <0043> endbfchar 1 beginbfrange <05> <04> <0044> endbfrange"))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := m.Text(1); s != "A" || !ok {
		t.Errorf("Text(1) = %q, %v", s, ok)
	}
	if _, ok := m.Text(5); ok {
		t.Error("a reversed range mapped code 5")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(mixed))
	f.Add([]byte("1 beginbfrange <0000> <FFFF> [<0041> <0042>] endbfrange"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		for s := data; len(s) > 0; {
			_, n := m.Next(s)
			if n < 1 || n > len(s) {
				t.Fatalf("Next consumed %d of %d bytes", n, len(s))
			}
			s = s[n:]
		}
	})
}
