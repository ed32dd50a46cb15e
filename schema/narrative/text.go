package narrative

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize turns section text as extracted (PDF lines broken mid-sentence,
// spaces around digits, full-width digits, ASCII punctuation) into one run
// of text whose sentences end with Chinese marks. Line breaks are dropped
// because PDF extraction breaks sentences anywhere; a heading line without
// a full stop gets one, so that it does not become the subject of the next
// sentence.
func normalize(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		line = foldLine(line)
		if line == "" {
			continue
		}
		b.WriteString(line)
		if headingRe.MatchString(line) && !strings.ContainsAny(line, "。；！？") {
			b.WriteString("。")
		}
	}
	return b.String()
}

// headingRe matches the numbered headings of section 一 (（二）依申请公开情况).
var headingRe = regexp.MustCompile(`^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^，。]{0,20}$`)

// foldLine removes white space and maps full-width digits and ASCII
// punctuation to the forms the patterns expect. An ASCII comma between
// digits is a thousands separator and stays.
func foldLine(line string) string {
	rs := []rune(line)
	var b strings.Builder
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000':
			continue
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == ',':
			if i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]) {
				break
			}
			r = '，'
		case r == ';':
			r = '；'
		case r == ':':
			r = '：'
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		case r == '%':
			r = '％'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// sentences splits normalized text at full stops and question and
// exclamation marks. A semicolon only separates clauses: what follows it
// keeps the subject of what precedes it.
func sentences(text string) []string {
	var out []string
	for _, c := range split(text, "。！？!?") {
		out = append(out, c.text)
	}
	return out
}

// clauses splits a sentence at commas, colons, semicolons and brackets.
// Brackets split too because they hold side statements (含上年结转18件)
// with their own numbers.
func clauses(sentence string) []span {
	return split(sentence, "，：；（）")
}

// subjectBefore returns the words of a sentence from the last comma, colon
// or semicolon up to end: the subject of the figure that follows, brackets
// included (各镇（街道）共受理).
func subjectBefore(sentence string, end int) string {
	head := sentence[:end]
	if i := strings.LastIndexAny(head, "，：；"); i >= 0 {
		_, n := utf8.DecodeRuneInString(head[i:])
		head = head[i+n:]
	}
	return head
}

// span is a piece of text and where it starts in the text it was cut from.
type span struct {
	text  string
	start int
}

// split cuts s at any of seps, dropping the separators and empty pieces.
func split(s, seps string) []span {
	var out []span
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			if i > start {
				out = append(out, span{s[start:i], start})
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		out = append(out, span{s[start:], start})
	}
	return out
}

// count is a number printed in the text with its unit.
type count struct {
	start, end int // byte offsets in the clause
	value      float64
	unit       string // empty when the number has no unit (a year, a code)
}

// isCount reports whether the number counts things the tables count: a
// whole number of requests or cases, not a percentage or an amount of
// something else.
func (c count) isCount() bool {
	switch c.unit {
	case "件", "件次", "起", "宗", "个", "例":
		return c.value == float64(int64(c.value))
	}
	return false
}

// numberRe matches an Arabic number with its unit, or a number in Chinese
// numerals followed by a counting unit (Chinese numerals without a unit are
// ordinary words: 统一, 一是).
var numberRe = regexp.MustCompile(`([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(件次|件|起|宗|个|例|％|年|月|日|条|项|篇|期|次|万|亿|元)?|([零〇一二两三四五六七八九十百千]+)(件次|件|起|宗|例)`)

// sloganRe finds the parallel 一X…、…一Y of slogans and idioms (办结一件申请、
// 解决一个问题; 一件一档): a 一 there counts nothing.
var sloganRe = regexp.MustCompile(`一[件个次项条份事][^，。；、]{0,8}[、，]?[^，。；、]{0,8}一[件个次项条份事档]`)

// counts finds every number in a clause, in order.
func counts(clause string) []count {
	var out []count
	for _, m := range numberRe.FindAllStringSubmatchIndex(clause, -1) {
		c := count{start: m[0], end: m[1]}
		if m[2] >= 0 {
			v, err := strconv.ParseFloat(strings.ReplaceAll(clause[m[2]:m[3]], ",", ""), 64)
			if err != nil {
				continue
			}
			c.value = v
			if m[4] >= 0 {
				c.unit = clause[m[4]:m[5]]
			}
		} else {
			v, ok := chineseNumber(clause[m[6]:m[7]])
			if !ok || clause[m[6]:m[7]] == "一" && sloganRe.MatchString(clause) {
				continue
			}
			c.value = float64(v)
			c.unit = clause[m[8]:m[9]]
		}
		out = append(out, c)
	}
	return out
}

// chineseNumber reads a number written in Chinese numerals below ten
// thousand: 十二, 二十, 一百零五, 两.
func chineseNumber(s string) (int, bool) {
	digits := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
		'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, digit, seen := 0, -1, false
	for _, r := range s {
		if d, ok := digits[r]; ok {
			digit, seen = d, true
			continue
		}
		u := units[r]
		if digit < 0 {
			if u != 10 || seen {
				return 0, false
			}
			digit = 1 // 十二 = 12
		}
		total += digit * u
		digit, seen = -1, true
	}
	if digit > 0 {
		total += digit
	}
	return total, seen
}
