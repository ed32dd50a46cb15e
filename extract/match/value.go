package match

import (
	"regexp"
	"strconv"
	"strings"

	"xxgk/schema"
)

var (
	numberRe = regexp.MustCompile(`^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|个|项|次|条)?$`)
	markers  = map[string]bool{"/": true, "\\": true, "-": true, "--": true, "—": true, "——": true, "–": true, "―": true, "─": true, "无": true, "…": true}
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
	m := numberRe.FindStringSubmatch(s)
	if m == nil {
		return Value{Kind: schema.KindText}
	}
	v, err := strconv.ParseFloat(m[1]+strings.ReplaceAll(m[2], ",", "")+m[3], 64)
	if err != nil {
		return Value{Kind: schema.KindText}
	}
	return Value{Kind: schema.KindNumber, Number: v, Unit: m[4]}
}

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
