package font

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Some producers (Skia, some Word exports) map glyphs that fonts share
// between an ideograph and a radical to the radical's code point: 人 comes
// out as ⼈ (U+2F08, Kangxi radical), 民 as ⺠ (U+2EA0). They print the
// same, so text keeps the ideograph: Kangxi radicals by their compatibility
// decomposition, the common ones of the radicals supplement by this table.
var supplement = map[rune]rune{
	'⺠': '民', '⺟': '母', '⻅': '见', '⻓': '长', '⻔': '门', '⻢': '马', '⻋': '车',
	'⻄': '西', '⻉': '贝', '⻛': '风', '⻜': '飞', '⻝': '食', '⻚': '页', '⻘': '青',
	'⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻩': '黄', '⻬': '齐', '⻮': '齿',
	'⻰': '龙', '⻳': '龟', '⻆': '角', '⻈': '讠', '⻧': '卤', '⻨': '麦',
}

// ideographs replaces radicals in s by the ideographs they stand for.
func ideographs(s string) string {
	if !hasRadical(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x2F00 && r <= 0x2FD5:
			b.WriteString(norm.NFKC.String(string(r)))
		case supplement[r] != 0:
			b.WriteRune(supplement[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasRadical(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x2E80 && r <= 0x2FD5 {
			return true
		}
		i += n
	}
	return false
}
