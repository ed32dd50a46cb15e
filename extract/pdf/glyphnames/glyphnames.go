// Package glyphnames reads PostScript glyph names as text, for simple fonts
// whose /Differences name their glyphs and that carry no ToUnicode map:
// Adobe Glyph List names (including the afii names), uniXXXX and uXXXX[XX]
// names, gbXXXX names that give a GB 2312/GBK code, and ligatures joined
// with "_".
package glyphnames

//go:generate /usr/bin/python3 gen.py

import (
	"bufio"
	"bytes"
	"compress/flate"
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"xxgk/extract/pdf/gbcmap"
)

//go:embed agl.bin
var aglData []byte

// agl decodes the embedded glyph list once per process; it is only read
// afterwards.
var agl = sync.OnceValue(func() map[string]rune {
	m := make(map[string]rune, 3200)
	sc := bufio.NewScanner(flate.NewReader(bytes.NewReader(aglData)))
	for sc.Scan() {
		name, hex, ok := strings.Cut(sc.Text(), "\t")
		v, err := strconv.ParseUint(hex, 16, 32)
		if !ok || err != nil {
			// agl.bin is generated and tested: damage is a build fault.
			panic("glyphnames: corrupt agl.bin: " + sc.Text())
		}
		m[name] = rune(v)
	}
	if sc.Err() != nil {
		panic("glyphnames: corrupt agl.bin: " + sc.Err().Error())
	}
	return m
})

// Text returns the text a glyph name stands for; ok is false when the name
// says nothing about it (g123, cid456, a producer's own names), so that
// such glyphs count as undecodable rather than as a guess.
func Text(name string) (string, bool) {
	// "one.oldstyle" and "one.tnum" are still "1".
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if name == "" {
		return "", false
	}
	var b strings.Builder
	for part := range strings.SplitSeq(name, "_") {
		t, ok := component(part)
		if !ok {
			return "", false
		}
		b.WriteString(t)
	}
	return b.String(), true
}

func component(name string) (string, bool) {
	if r, ok := agl()[name]; ok {
		return string(r), true
	}
	if hex, ok := strings.CutPrefix(name, "uni"); ok && len(hex) >= 4 && len(hex)%4 == 0 {
		var b strings.Builder
		for i := 0; i < len(hex); i += 4 {
			r, ok := codePoint(hex[i:i+4], true)
			if !ok {
				return "", false
			}
			b.WriteRune(r)
		}
		return b.String(), true
	}
	if hex, ok := strings.CutPrefix(name, "u"); ok && len(hex) >= 4 && len(hex) <= 6 {
		if r, ok := codePoint(hex, false); ok {
			return string(r), true
		}
	}
	if hex, ok := strings.CutPrefix(name, "gb"); ok && len(hex) == 4 {
		return gbCode(hex)
	}
	return "", false
}

// codePoint reads upper-case hex digits as a character; uniXXXX names are
// upper case by definition, uXXXX names are lenient.
func codePoint(hex string, strict bool) (rune, bool) {
	if strict && strings.ToUpper(hex) != hex {
		return 0, false
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	r := rune(v)
	if err != nil || !utf8.ValidRune(r) || r == 0 {
		return 0, false
	}
	return r, true
}

// gbCode reads gbXXXX, a GB 2312/GBK code in hex, in its EUC form (B0A1)
// or its 7-bit form (3021), both 啊.
func gbCode(hex string) (string, bool) {
	v, err := strconv.ParseUint(hex, 16, 16)
	if err != nil {
		return "", false
	}
	if v < 0x8000 {
		v |= 0x8080
	}
	gbk, ok, err := gbcmap.Lookup("GBK-EUC-H")
	if !ok || err != nil {
		return "", false
	}
	code, n := gbk.Next([]byte{byte(v >> 8), byte(v)})
	if n != 2 {
		return "", false
	}
	return gbk.Text(code)
}
