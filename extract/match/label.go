package match

import (
	"strings"
	"unicode"
)

// Fold maps full-width ASCII to half-width and the ideographic space to a
// space, so that “１２” and “12”, “（” and “(” compare equal.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - 0xFEE0
		case r == '\u3000' || r == '\u00a0':
			return ' '
		}
		return r
	}, s)
}

// enumerator prefixes: 一、 （三） (3) 3. 3、 3．
var enumPrefix = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// NormLabel reduces a label to the characters that carry its meaning: no
// spaces, punctuation or enumerators, half-width, and the common variant
// characters unified. Pure; used for every label comparison.
func NormLabel(s string) string {
	s = Fold(s)
	s = stripEnumerators(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r):
			continue
		case unicode.IsDigit(r):
			continue // item numbers, and digits never tell labels apart
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stripEnumerators removes leading enumerators like 一、 (三) 3. from every
// part of a label: the group and the item label may be joined in one string.
func stripEnumerators(s string) string {
	var out []rune
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if n := enumeratorAt(rs, i); n > 0 {
			i += n - 1
			continue
		}
		out = append(out, rs[i])
	}
	return string(out)
}

// enumeratorAt returns the length of an enumerator starting at rs[i], or 0.
func enumeratorAt(rs []rune, i int) int {
	isNum := func(r rune) bool {
		return unicode.IsDigit(r) || strings.ContainsRune("一二三四五六七八九十", r)
	}
	// (三) or (3)
	if rs[i] == '(' {
		j := i + 1
		for j < len(rs) && isNum(rs[j]) {
			j++
		}
		if j > i+1 && j < len(rs) && rs[j] == ')' {
			return j - i + 1
		}
		return 0
	}
	// 三、 3. 3、
	if isNum(rs[i]) && (i == 0 || !isNum(rs[i-1])) {
		j := i
		for j < len(rs) && isNum(rs[j]) {
			j++
		}
		if j < len(rs) && strings.ContainsRune("、.．,，", rs[j]) {
			return j - i + 1
		}
	}
	return 0
}

// Similarity is a Dice coefficient over the longest common subsequence of
// two normalized labels: 1 for equal labels, robust to lost characters and
// typos (其他法律行政止公开 against 其他法律行政法规禁止公开 scores 0.86).
func Similarity(ra, rb []rune) float64 {
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	buf := make([]int, 2*(len(rb)+1))
	prev, cur := buf[:len(rb)+1], buf[len(rb)+1:]
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			switch {
			case ra[i-1] == rb[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] > cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(prev[len(rb)]) / float64(len(ra)+len(rb))
}
