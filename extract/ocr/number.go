package ocr

import (
	"regexp"
	"strings"
	"unicode"
)

// reading is what OCR made of one cell.
type reading struct {
	text   string
	conf   float64 // lowest word confidence, -1 when nothing was read
	number bool
	low    bool
	alts   []string // other plausible readings of a number, best first
}

// lookalikes are what the Chinese model reads digits as.
var lookalikes = map[rune]rune{
	'O': '0', 'o': '0', 'D': '0', 'Q': '0', '〇': '0', '口': '0',
	'l': '1', 'I': '1', '|': '1', 'i': '1', '丨': '1', ']': '1', '[': '1', '!': '1',
	'Z': '2', 'z': '2', 'S': '5', 's': '5', 'B': '8', 'g': '9', 'q': '9', 'G': '6', 'b': '6',
}

// maybeNumber reports whether a cell's first reading could be a number: no
// Chinese, and digits or their look-alikes, or nothing read at all (the
// Chinese model drops lone digits). Labels like 2.重复申请 hold Chinese and
// are never numbers.
func maybeNumber(raw string) bool {
	if raw == "" {
		return true
	}
	digits := 0
	for _, r := range raw {
		switch {
		case unicode.Is(unicode.Han, r) && lookalikes[r] == 0:
			return false
		case unicode.IsDigit(r), lookalikes[r] != 0:
			digits++
		case strings.ContainsRune(".,，。 -−－", r):
		default:
			if unicode.IsLetter(r) {
				return false
			}
		}
	}
	return digits > 0
}

// unsureMin is the confidence the digits-only reading needs to turn a cell
// the Chinese model read as a character or two with low confidence into a
// number: such cells are mostly digits (it reads 21 as 列, 1 as 开).
const unsureMin = 60

// unsure reports whether the Chinese model's reading of a cell is short and
// of low confidence, so that the cell may be a number it misread.
func unsure(raw string, conf float64) bool {
	n := len([]rune(raw))
	return n <= 2 && conf < 85 || n <= 3 && conf < 70
}

// isMarker reports whether a cell reads as a "not applicable" marker (/,
// —, -), which stands where values do.
func isMarker(s string) bool {
	switch s {
	case "/", "\\", "-", "--", "—", "——", "一", "_", "无":
		return true
	}
	return false
}

// normalizeDigits maps look-alikes to digits and drops what is not a digit
// or a decimal point; "" when nothing is left.
func normalizeDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if d, ok := lookalikes[r]; ok {
			r = d
		}
		if r >= '0' && r <= '9' || r == '.' || r == '-' && b.Len() == 0 {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), ".")
}

// confusions are the digit pairs tesseract mixes up on scans: each digit
// and the digits it may have been.
var confusions = map[rune][]rune{
	'0': {'6', '8', '9'}, '6': {'0', '8', '5'}, '8': {'0', '6', '3', '9'},
	'5': {'3', '6'}, '3': {'5', '8'}, '1': {'7', '4'}, '7': {'1'}, '4': {'1'}, '9': {'0', '8'},
}

// digitRead is one digits-only reading of a cell.
type digitRead struct {
	text string
	conf float64
}

// bestDigits picks the digits-only reading to trust: the one with the
// higher confidence among those that are numbers; where they agree, with the
// higher confidence of the two.
func bestDigits(ds []digitRead) digitRead {
	best := digitRead{conf: -1}
	for _, d := range ds {
		d.text = thousands(strings.Trim(d.text, ".,"))
		if !plainNumber(d.text) {
			continue
		}
		if d.conf > best.conf {
			best = d
		}
	}
	return best
}

// readNumber decides a cell's value from its Chinese reading raw and its
// digits-only readings ds, with their confidences. The best digits reading
// wins when it is a number (the whitelist knows no look-alikes); a cell is
// Low when the confidence is below minConf or the readings differ.
func readNumber(raw string, rawConf float64, ds []digitRead, minConf float64) reading {
	r := normalizeDigits(raw)
	bd := bestDigits(ds)
	best, conf := bd.text, bd.conf
	if !plainNumber(best) {
		best, conf = r, rawConf
	}
	if !plainNumber(best) {
		// Ink that reads as no number: a number that cannot be read, not a
		// blank and not a label.
		return reading{text: "\ufffd", conf: max(0, conf), number: true, low: true}
	}
	rd := reading{text: best, conf: conf, number: true}
	disagree := plainNumber(r) && r != best
	for _, d := range ds {
		// A pass that read nothing does not disagree; one that read
		// another number does.
		if t := thousands(strings.Trim(d.text, ".,")); t != best && t != "" {
			disagree = true
		}
	}
	// Low: unsure, or the readings disagree, or the Chinese model saw no
	// number at all where the digits reading found one.
	rd.low = conf < minConf || disagree || (!maybeNumber(raw) && raw != "" && conf < 90)
	seen := map[string]bool{best: true}
	add := func(s string) {
		if plainNumber(s) && !seen[s] {
			seen[s] = true
			rd.alts = append(rd.alts, s)
		}
	}
	add(r)
	for _, d := range ds {
		add(thousands(strings.Trim(d.text, ".,")))
	}
	// A thousands separator read as a point, or as a digit.
	if m := threeDecimals.FindStringSubmatch(best); m != nil {
		add(m[1] + m[2])
	}
	if len(best) >= 5 && !strings.Contains(best, ".") {
		for i := 1; i < len(best)-2; i++ {
			add(best[:i] + best[i+1:])
		}
	}
	for i, c := range best {
		for _, o := range confusions[c] {
			add(best[:i] + string(o) + best[i+1:])
		}
	}
	return rd
}

var (
	thousandsRe   = regexp.MustCompile(`^\d{1,3}(,\d{3})+$`)
	threeDecimals = regexp.MustCompile(`^(\d{1,3})\.(\d{3})$`)
)

// thousands removes thousands separators from a number written with them
// (3,555); other text comes back as it is.
func thousands(s string) string {
	if thousandsRe.MatchString(s) {
		return strings.ReplaceAll(s, ",", "")
	}
	return s
}

// plainNumber reports whether s is digits with at most one decimal point
// inside, and no leading zero on a whole number of several digits.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-") // 本年增减 of the 2019 template
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Count(s, ".") > 1 {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			return false
		}
	}
	return !(len(s) > 1 && s[0] == '0' && s[1] != '.')
}
