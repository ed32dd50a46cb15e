package gbcmap

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// reportText has what the statistical tables of a report print: ideographs,
// full-width punctuation, ASCII digits and letters.
const reportText = "政府信息公开工作年度报告（一）本年新收申请数量 123，“予以公开”、《条例》第十六条。ABC xyz"

func decode(t *testing.T, c *CMap, s []byte) (string, []uint32) {
	t.Helper()
	var out strings.Builder
	var cids []uint32
	for len(s) > 0 {
		code, n := c.Next(s)
		cid, ok := c.CID(code)
		if !ok {
			t.Fatalf("%s: no CID for code %x", c.Name(), s[:n])
		}
		txt, ok := c.Text(code)
		if !ok {
			t.Fatalf("%s: no text for code %x (CID %d)", c.Name(), s[:n], cid)
		}
		out.WriteString(txt)
		cids = append(cids, cid)
		s = s[n:]
	}
	return out.String(), cids
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func encodeWith(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoundTrip encodes text the way a producer would for each CMap, with
// golang.org/x/text as the independent encoder, and decodes it back.
func TestRoundTrip(t *testing.T) {
	gbk := encodeWith(t, simplifiedchinese.GBK, reportText)
	gb18030 := encodeWith(t, simplifiedchinese.GB18030, reportText+"㐀€")
	hz := encodeWith(t, simplifiedchinese.GBK, "政府信息公开（一）")
	sevenBit := make([]byte, len(hz))
	for i, b := range hz {
		sevenBit[i] = b & 0x7F
	}
	tests := []struct {
		cmap     string
		in       []byte
		want     string
		vertical bool
	}{
		{"GBK-EUC-H", gbk, reportText, false},
		{"GBK-EUC-V", gbk, reportText, true},
		{"GBKp-EUC-H", gbk, reportText, false},
		{"GB-EUC-H", gbk, reportText, false},
		{"GB-EUC-V", gbk, reportText, true},
		{"GBpc-EUC-H", gbk, reportText, false},
		{"GBpc-EUC-V", gbk, reportText, true},
		{"GB-H", sevenBit, "政府信息公开（一）", false},
		{"GBK2K-H", gb18030, reportText + "㐀€", false},
		{"GBK2K-V", gb18030, reportText + "㐀€", true},
		{"UniGB-UCS2-H", utf16be(reportText), reportText, false},
		{"UniGB-UCS2-V", utf16be(reportText), reportText, true},
		{"UniGB-UTF16-H", utf16be(reportText + "𠂇"), reportText + "𠂇", false},
		{"UniGB-UTF16-V", utf16be(reportText + "𠂇"), reportText + "𠂇", true},
	}
	for _, tt := range tests {
		t.Run(tt.cmap, func(t *testing.T) {
			c, ok, err := Lookup(tt.cmap)
			if err != nil || !ok {
				t.Fatalf("Lookup(%q) = %v, %v", tt.cmap, ok, err)
			}
			if c.Vertical() != tt.vertical {
				t.Errorf("Vertical() = %v, want %v", c.Vertical(), tt.vertical)
			}
			got, _ := decode(t, c, tt.in)
			if got != tt.want {
				t.Errorf("decoded %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCIDs checks codes against CIDs read off poppler-data by hand: the -V
// forms override the rotated punctuation and inherit the rest.
func TestCIDs(t *testing.T) {
	tests := []struct {
		cmap string
		code []byte
		cid  uint32
	}{
		{"GBK-EUC-V", []byte{0xa1, 0xa2}, 575}, // 、 vertical form
		{"GBK-EUC-H", []byte{0xa1, 0xa2}, 97},  // 、
		{"GBK-EUC-V", []byte{0xb0, 0xa1}, 940}, // 啊, from GBK-EUC-H
		{"GBK2K-H", []byte{0x81, 0x30, 0x84, 0x36}, 22354},
		{"GBK-EUC-H", []byte{'1'}, 830}, // half-width
		{"GBpc-EUC-H", []byte{'1'}, 18}, // proportional
		{"UniGB-UCS2-H", []byte{0x00, 0xa5}, 22354},
	}
	for _, tt := range tests {
		c, _, err := Lookup(tt.cmap)
		if err != nil {
			t.Fatal(err)
		}
		code, n := c.Next(tt.code)
		cid, ok := c.CID(code)
		if n != len(tt.code) || !ok || cid != tt.cid {
			t.Errorf("%s %x: n=%d cid=%d ok=%v, want n=%d cid=%d", tt.cmap, tt.code, n, cid, ok, len(tt.code), tt.cid)
		}
	}
}

func TestBrokenCodes(t *testing.T) {
	c, _, err := Lookup("GBK-EUC-H")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in []byte
		n  int
	}{
		{[]byte{0xb0}, 1},       // lead byte cut off at the end
		{[]byte{0x80, 'a'}, 1},  // byte outside every codespace
		{[]byte{0xb0, 0x20}, 2}, // trail byte out of range: skip the pair
	}
	ucs2, _, err := Lookup("UniGB-UCS2-H")
	if err != nil {
		t.Fatal(err)
	}
	// An odd byte at the end of a UCS-2 string is no "1".
	if code, n := ucs2.Next([]byte{'1'}); n != 1 || code != BrokenCode {
		t.Errorf("UniGB-UCS2-H Next(31) = %x, %d; want BrokenCode, 1", code, n)
	}
	if txt, ok := ucs2.Text(BrokenCode); ok {
		t.Errorf("Text(BrokenCode) = %q", txt)
	}
	for _, tt := range tests {
		code, n := c.Next(tt.in)
		_, ok := c.CID(code)
		if ok || n != tt.n {
			t.Errorf("Next(%x) = n %d ok %v, want n %d ok false", tt.in, n, ok, tt.n)
		}
	}
	if _, n := c.Next(nil); n != 0 {
		t.Errorf("Next(nil) = %d", n)
	}
	if _, ok, _ := Lookup("Identity-H"); ok {
		t.Error("Identity-H is not a GB CMap")
	}
}

func TestGB1Unicode(t *testing.T) {
	tests := []struct {
		cid  uint32
		want rune
		ok   bool
	}{
		{0, 0, false},
		{1, ' ', true},
		{18, '1', true},
		{830, '1', true}, // half-width Latin: ASCII, not U+FF11
		{580, '（', true}, // vertical （: the horizontal form
		{940, '啊', true},
		{22354, '¥', true},
		{1 << 20, 0, false},
	}
	for _, tt := range tests {
		r, ok := GB1Unicode(tt.cid)
		if r != tt.want || ok != tt.ok {
			t.Errorf("GB1Unicode(%d) = %q, %v; want %q, %v", tt.cid, r, ok, tt.want, tt.ok)
		}
	}
}

// TestAgainstPoppler compares every code of every embedded CMap, and every
// CID of the Unicode table, with poppler-data's own files, when installed.
func TestAgainstPoppler(t *testing.T) {
	dir := "/usr/share/poppler"
	if _, err := os.Stat(filepath.Join(dir, "cMap", "Adobe-GB1")); err != nil {
		t.Skip("poppler-data not installed")
	}
	for _, name := range Names() {
		src, err := os.ReadFile(filepath.Join(dir, "cMap", "Adobe-GB1", name))
		if err != nil {
			t.Fatal(err)
		}
		c, _, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		eachMapping(t, src, func(code []byte, cid uint32) {
			v, n := c.Next(code)
			got, ok := c.CID(v)
			if n != len(code) || !ok || got != cid {
				t.Fatalf("%s %x: n=%d cid=%d ok=%v, want %d", name, code, n, got, ok, cid)
			}
			checked++
		})
		if checked == 0 {
			t.Errorf("%s: nothing checked", name)
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "cidToUnicode", "Adobe-GB1"))
	if err != nil {
		t.Fatal(err)
	}
	// Every CID poppler maps maps here too, to the same character except
	// where Adobe's UCS2 CMap, which the generator prefers, replaces a
	// full-width, vertical, private-use or compatibility form.
	replaced := func(u rune) bool {
		return unicode.In(u, unicode.Co) || (u >= 0xFF01 && u <= 0xFFEF) ||
			(u >= 0xFE10 && u <= 0xFE4F) || (u >= 0xF900 && u <= 0xFAFF) ||
			u > 0xFFFF || u == 0x3000 || u == 0x205D
	}
	for cid, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		u, _ := strconv.ParseUint(line, 16, 32)
		if u == 0 {
			continue
		}
		r, ok := GB1Unicode(uint32(cid))
		if !ok || (r != rune(u) && !replaced(rune(u))) {
			t.Fatalf("CID %d: %q %v, want %q", cid, r, ok, rune(u))
		}
	}
}

// eachMapping calls f for every code of the cidchar and cidrange sections
// of a CMap file, ranges walked byte-wise as the CMap format defines them.
func eachMapping(t *testing.T, src []byte, f func(code []byte, cid uint32)) {
	var toks []string
	for _, line := range strings.Split(string(src), "\n") {
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		toks = append(toks, strings.Fields(line)...)
	}
	hex := func(s string) []byte {
		s = strings.Trim(s, "<>")
		b := make([]byte, len(s)/2)
		for i := range b {
			v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
			if err != nil {
				t.Fatal(err)
			}
			b[i] = byte(v)
		}
		return b
	}
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "begincidchar":
			for i++; toks[i] != "endcidchar"; i += 2 {
				cid, _ := strconv.Atoi(toks[i+1])
				f(hex(toks[i]), uint32(cid))
			}
		case "begincidrange":
			for i++; toks[i] != "endcidrange"; i += 3 {
				lo, hi := hex(toks[i]), hex(toks[i+1])
				cid, _ := strconv.Atoi(toks[i+2])
				code := append([]byte(nil), lo...)
				for k := uint32(cid); ; k++ {
					f(code, k)
					j := len(code) - 1
					for ; j >= 0 && code[j] == hi[j]; j-- {
						code[j] = lo[j]
					}
					if j < 0 {
						break
					}
					code[j]++
				}
			}
		}
	}
}

func BenchmarkDecodeGBK(b *testing.B) {
	c, _, err := Lookup("GBK-EUC-H")
	if err != nil {
		b.Fatal(err)
	}
	s, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(reportText))
	b.ReportAllocs()
	for b.Loop() {
		for in := s; len(in) > 0; {
			code, n := c.Next(in)
			c.CID(code)
			c.Text(code)
			in = in[n:]
		}
	}
}

// BenchmarkLoad measures what the first use of a CMap and of the CID table
// costs: inflating and decoding the embedded data.
func BenchmarkLoad(b *testing.B) {
	for _, name := range []string{"GBK-EUC-H", "UniGB-UCS2-H"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := decodeCMap(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestConcurrentLookup loads every CMap from several goroutines at once, as
// a batch over many files does: each decodes once and is shared (go test
// -race checks the sharing).
func TestConcurrentLookup(t *testing.T) {
	want := map[string]*CMap{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, name := range Names() {
				c, _, err := Lookup(name)
				if err != nil {
					t.Error(err)
					return
				}
				c.Text(0xB0A1)
				mu.Lock()
				if w, ok := want[name]; ok && w != c {
					t.Errorf("%s decoded twice", name)
				}
				want[name] = c
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(want) != 16 {
		t.Errorf("%d CMaps, want 16", len(want))
	}
}
