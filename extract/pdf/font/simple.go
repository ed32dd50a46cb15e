package font

import (
	"github.com/ledongthuc/pdf"

	"xxgk/extract/pdf/glyphnames"
)

// byteText maps the codes of a simple font to text when it has no
// ToUnicode: the base encoding, changed by /Differences.
type byteText [256]string

func (b *byteText) Text(code uint32) (string, bool) {
	if code > 255 || b[code] == "" {
		return "", false
	}
	return b[code], true
}

// simpleEncoding builds the text of a simple font's codes from /Encoding.
// The base encodings agree with ASCII on printable codes, and WinAnsi with
// Latin-1 above 160, which is all report numbers and labels in Latin fonts
// need.
func simpleEncoding(enc pdf.Value) *byteText {
	var b byteText
	for c := 32; c < 127; c++ {
		b[c] = string(rune(c))
	}
	for c := 160; c < 256; c++ {
		b[c] = string(rune(c))
	}
	if enc.Kind() != pdf.Dict {
		return &b
	}
	diffs := enc.Key("Differences")
	code := 0
	for i := 0; i < diffs.Len(); i++ {
		d := diffs.Index(i)
		switch d.Kind() {
		case pdf.Integer:
			code = int(d.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				b[code] = glyphText(d.Name())
			}
			code++
		}
	}
	return &b
}

// glyphText reads a glyph name (package glyphnames: the Adobe Glyph List,
// uniXXXX, uXXXX[XX], gbXXXX, ligatures). Other names give "" (unknown).
func glyphText(name string) string {
	t, _ := glyphnames.Text(name)
	return t
}
