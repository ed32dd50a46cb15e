package font

import (
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
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

// glyphText reads a glyph name: uniXXXX, uXXXX[XX], single letters and
// digits, and the punctuation that report tables print. Other names give
// "" (unknown).
func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i] // "one.oldstyle" is still "1"
	}
	if t, ok := glyphNames[name]; ok {
		return t
	}
	if len(name) == 1 {
		return name
	}
	for _, prefix := range []string{"uni", "u"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && len(rest) >= 4 && len(rest) <= 6 {
			if v, err := strconv.ParseUint(rest[:4], 16, 32); err == nil && prefix == "uni" {
				return string(rune(v))
			}
			if v, err := strconv.ParseUint(rest, 16, 32); err == nil {
				return string(rune(v))
			}
		}
	}
	return ""
}

var glyphNames = map[string]string{
	"space": " ", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
	"period": ".", "comma": ",", "hyphen": "-", "minus": "−", "endash": "–",
	"emdash": "—", "slash": "/", "colon": ":", "semicolon": ";", "percent": "%",
	"parenleft": "(", "parenright": ")", "bracketleft": "[", "bracketright": "]",
	"plus": "+", "equal": "=", "quotesingle": "'", "quotedbl": "\"",
	"quoteleft": "‘", "quoteright": "’", "quotedblleft": "“", "quotedblright": "”",
	"underscore": "_", "ampersand": "&", "asterisk": "*", "numbersign": "#",
	"question": "?", "exclam": "!", "bullet": "•", "periodcentered": "·",
}
