// Package numfmt writes list numbers the way Word and WPS print them: the
// number formats of WordprocessingML (ST_NumberFormat), which the Word
// binary format's codes map onto. Section numbers such as 一、 and （三） are
// often printed this way rather than typed, so the readers of DOCX and .doc
// both need them.
package numfmt

import (
	"fmt"
	"strconv"
	"strings"
)

// Format writes n in a WordprocessingML number format (chineseCounting,
// decimalEnclosedCircle, upperRoman, …); an unknown format writes it in
// decimal.
func Format(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting":
		return chineseCount(n, []rune("〇一二三四五六七八九"), "十")
	case "chineseLegalSimplified":
		return chineseCount(n, []rune("零壹贰叁肆伍陆柒捌玖"), "拾")
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		d := []rune("〇一二三四五六七八九")
		return mapDigits(n, func(c rune) rune { return d[c-'0'] })
	case "ideographTraditional":
		return string([]rune("甲乙丙丁戊己庚辛壬癸")[(n-1+100)%10])
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return mapDigits(n, func(c rune) rune { return c - '0' + '０' })
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	case "lowerLetter", "upperLetter":
		s := strings.Repeat(string(rune('a'+(n-1+26*100)%26)), (n-1)/26+1)
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	}
	return strconv.Itoa(n)
}

// mapDigits writes n with its digits mapped.
func mapDigits(n int, f func(rune) rune) string {
	return strings.Map(func(c rune) rune {
		if c >= '0' && c <= '9' {
			return f(c)
		}
		return c
	}, strconv.Itoa(n))
}

// chineseCount writes 1–99 the way 一、十一、二十三 are written.
func chineseCount(n int, digits []rune, ten string) string {
	if n <= 0 || n >= 100 {
		return strconv.Itoa(n)
	}
	tens, ones := n/10, n%10
	var b strings.Builder
	if tens > 1 {
		b.WriteRune(digits[tens])
	}
	if tens > 0 {
		b.WriteString(ten)
	}
	if ones > 0 {
		b.WriteRune(digits[ones])
	}
	return b.String()
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
