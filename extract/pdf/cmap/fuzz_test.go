package cmap

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds damaged CMap files to Parse, seeded with ToUnicode-style
// and encoding CMaps, and reads arbitrary strings through what it parsed:
// codes must advance within the string and text must be valid UTF-8.
func FuzzParse(f *testing.F) {
	f.Add([]byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n" +
		"/CMapName /Adobe-Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n" +
		"2 beginbfchar <0003> <0020> <0010> <653F> endbfchar\n" +
		"2 beginbfrange <0020> <0029> <0030> <0100> <0102> [<5E9C> <4FE1> <D840DC87>] endbfrange\n" +
		"endcmap CMapName currentdict /CMap defineresource pop end end"))
	f.Add([]byte("/WMode 1 def /GBK-EUC-H usecmap 2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange\n" +
		"1 begincidrange <a1a2> <a1a3> 575 endcidrange 1 begincidchar <a3a8> 580 endcidchar"))
	// The ToUnicode maps of the test matrix's Type3 font, as written.
	if b, err := os.ReadFile(filepath.Join("..", "testdata", "fonts", "type3-tounicode.pdf")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		for in := data[:min(len(data), 64)]; len(in) > 0; {
			code, n := m.Next(in)
			if n < 1 || n > len(in) {
				t.Fatalf("Next(%x) length %d", in, n)
			}
			if txt, ok := m.Text(code); ok && !utf8.ValidString(txt) {
				t.Fatalf("code %x gives invalid UTF-8 %q", code, txt)
			}
			m.CID(code)
			in = in[n:]
		}
	})
}
