package gbcmap

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// FuzzDecode reads arbitrary bytes through every CMap: each code must
// advance, stay inside the input, and decode to valid UTF-8 or nothing.
func FuzzDecode(f *testing.F) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(reportText))
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(reportText + "㐀€"))
	f.Add(gbk)
	f.Add(gb18030)
	f.Add(utf16be(reportText + "𠂇"))
	f.Add([]byte{0xd8, 0x40})
	f.Add([]byte{0x81, 0x30, 0x81})
	names := Names()
	f.Fuzz(func(t *testing.T, s []byte) {
		for _, name := range names {
			c, _, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			for in := s; len(in) > 0; {
				code, n := c.Next(in)
				if n < 1 || n > len(in) || n > 4 {
					t.Fatalf("%s: Next(%x) length %d", name, in, n)
				}
				c.CID(code)
				if txt, ok := c.Text(code); ok && (!utf8.ValidString(txt) || txt == "") {
					t.Fatalf("%s: code %x gives %q", name, code, txt)
				}
				in = in[n:]
			}
		}
	})
}
