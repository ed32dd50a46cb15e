package match

import (
	"strconv"
	"strings"

	"xxgk/schema"
)

var (
	markers = map[string]bool{"/": true, "\\": true, "-": true, "--": true, "—": true, "——": true, "–": true, "―": true, "─": true, "无": true, "…": true}
)

// Value is a cell's text read as the report means it.
type Value struct {
	Kind   schema.CellKind
	Number float64
	Unit   string // a unit written into the cell (251000元 → 元)
}

// ParseValue reads a printed cell: numbers with thousands separators,
// full-width digits, a minus of any width, decimals and a trailing unit;
// markers (/, —, -, 无) for "not applicable"; empty for blank; anything else
// is text.
func ParseValue(raw string) Value {
	s := Fold(raw)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u3000':
			return -1
		case '−', '－':
			return '-'
		}
		return r
	}, s)
	if s == "" {
		return Value{Kind: schema.KindBlank}
	}
	if markers[s] {
		return Value{Kind: schema.KindMarker}
	}
	number, unit, ok := splitNumber(s)
	if !ok {
		return Value{Kind: schema.KindText}
	}
	v, err := strconv.ParseFloat(number, 64)
	if err != nil {
		return Value{Kind: schema.KindText}
	}
	return Value{Kind: schema.KindNumber, Number: v, Unit: unit}
}

// units are the units a cell may print after its number.
var units = []string{"万元", "元", "件", "个", "项", "次", "条"}

// splitNumber reads s as a whole number: a sign, digits (in groups of
// three between commas, or without commas), a decimal part and one of the
// units. It returns the number without its commas, and the unit. A
// hand-written scanner rather than a regular expression: it runs on every
// cell and every candidate label.
func splitNumber(s string) (number, unit string, ok bool) {
	for _, u := range units {
		if rest, cut := strings.CutSuffix(s, u); cut {
			s, unit = rest, u
			break
		}
	}
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	sign := s[:i]
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intPart := s[start:i]
	if intPart == "" {
		return "", "", false
	}
	if i < len(s) && s[i] == ',' {
		// Grouped: 1 to 3 digits, then groups of exactly three.
		if len(intPart) > 3 {
			return "", "", false
		}
		digits := intPart
		for i < len(s) && s[i] == ',' {
			if i+4 > len(s) || !isDigit(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
				return "", "", false
			}
			digits += s[i+1 : i+4]
			i += 4
		}
		if i < len(s) && isDigit(s[i]) {
			return "", "", false
		}
		intPart = digits
	}
	frac := ""
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == i+1 {
			return "", "", false
		}
		frac, i = s[i:j], j
	}
	if i != len(s) {
		return "", "", false
	}
	return sign + intPart + frac, unit, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isValueText reports whether a cell's text is a value (number, marker or
// blank) rather than a label. A number some of whose glyphs could not be
// decoded is still a value, one that must not be read.
func isValueText(raw string) bool {
	return ParseValue(raw).Kind != schema.KindText || undecodableNumber(raw)
}

// undecodableNumber reports whether raw is digits and glyphs the PDF font
// could not decode (U+FFFD), nothing else.
func undecodableNumber(raw string) bool {
	if !strings.ContainsRune(raw, '\ufffd') {
		return false
	}
	for _, r := range Fold(raw) {
		if r != '\ufffd' && !strings.ContainsRune("0123456789,.-  ", r) {
			return false
		}
	}
	return true
}
