package docx

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// Automatic numbering: Word users often let 一、 二、 or （一） come from a
// list definition rather than typing them. The text of such a paragraph
// lacks its number, so the reader renders the number from
// word/numbering.xml (and from word/styles.xml, where a heading style can
// carry the numbering) and puts it in front.

// numbering holds the list definitions of a document and the counters of
// the lists met so far.
type numbering struct {
	abstract map[string]*[9]level // abstractNumId → levels
	nums     map[string]numInst   // numId → instance
	styles   map[string]styleNum  // styleId → numbering of the style
	counters map[string]*[9]int   // list → counter per level
}

type level struct {
	start  int
	format string // numFmt: decimal, chineseCounting, bullet, …
	text   string // lvlText, e.g. "%1、" or "（%2）"
}

type numInst struct {
	abstract string
	list     string         // counters key: the abstract list, unless restarted
	starts   map[int]int    // startOverride per level
	levels   map[int]*level // lvlOverride levels
}

type styleNum struct {
	numID, basedOn string
	ilvl           int
	hasNum         bool
}

// xml shapes of the two parts, only what numbering needs.
type (
	xmlVal struct {
		Val string `xml:"val,attr"`
	}
	xmlLevel struct {
		Ilvl    int     `xml:"ilvl,attr"`
		Start   *xmlVal `xml:"start"`
		NumFmt  *xmlVal `xml:"numFmt"`
		LvlText *xmlVal `xml:"lvlText"`
	}
	xmlNumbering struct {
		Abstract []struct {
			ID     string     `xml:"abstractNumId,attr"`
			Levels []xmlLevel `xml:"lvl"`
		} `xml:"abstractNum"`
		Nums []struct {
			ID        string `xml:"numId,attr"`
			Abstract  xmlVal `xml:"abstractNumId"`
			Overrides []struct {
				Ilvl  int       `xml:"ilvl,attr"`
				Start *xmlVal   `xml:"startOverride"`
				Level *xmlLevel `xml:"lvl"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	xmlNumPr struct {
		Ilvl  *xmlVal `xml:"ilvl"`
		NumID *xmlVal `xml:"numId"`
	}
	xmlStyles struct {
		Styles []struct {
			ID      string  `xml:"styleId,attr"`
			BasedOn *xmlVal `xml:"basedOn"`
			PPr     *struct {
				NumPr *xmlNumPr `xml:"numPr"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
)

// readNumbering reads the list definitions, if the package has any.
func readNumbering(zr *zip.Reader, maxPart int64) (*numbering, error) {
	n := &numbering{abstract: map[string]*[9]level{}, nums: map[string]numInst{},
		styles: map[string]styleNum{}, counters: map[string]*[9]int{}}
	var xn xmlNumbering
	ok, err := readXMLPart(zr, "word/numbering.xml", maxPart, &xn)
	if err != nil {
		return nil, err
	}
	if !ok {
		return n, nil
	}
	for _, a := range xn.Abstract {
		var lv [9]level
		for _, l := range a.Levels {
			if l.Ilvl >= 0 && l.Ilvl < 9 {
				lv[l.Ilvl] = toLevel(l)
			}
		}
		n.abstract[a.ID] = &lv
	}
	for _, x := range xn.Nums {
		inst := numInst{abstract: x.Abstract.Val, list: "a" + x.Abstract.Val, starts: map[int]int{}, levels: map[int]*level{}}
		for _, o := range x.Overrides {
			if o.Start != nil {
				inst.starts[o.Ilvl], _ = strconv.Atoi(o.Start.Val)
				inst.list = "n" + x.ID // a restarted list counts on its own
			}
			if o.Level != nil {
				l := toLevel(*o.Level)
				inst.levels[o.Ilvl] = &l
			}
		}
		n.nums[x.ID] = inst
	}
	var xs xmlStyles
	if ok, err = readXMLPart(zr, "word/styles.xml", maxPart, &xs); err != nil {
		return nil, err
	}
	if !ok {
		return n, nil
	}
	for _, s := range xs.Styles {
		sn := styleNum{}
		if s.BasedOn != nil {
			sn.basedOn = s.BasedOn.Val
		}
		if s.PPr != nil && s.PPr.NumPr != nil && s.PPr.NumPr.NumID != nil {
			sn.hasNum, sn.numID = true, s.PPr.NumPr.NumID.Val
			if s.PPr.NumPr.Ilvl != nil {
				sn.ilvl, _ = strconv.Atoi(s.PPr.NumPr.Ilvl.Val)
			}
		}
		n.styles[s.ID] = sn
	}
	return n, nil
}

// readXMLPart unmarshals a part of the package into v. It reports false,
// with no error, for a part the package lacks or that does not parse:
// damaged list definitions cost the numbers, not the report.
func readXMLPart(zr *zip.Reader, name string, maxPart int64, v any) (bool, error) {
	if findPart(zr, name) == nil {
		return false, nil
	}
	data, err := readPart(zr, name, maxPart)
	if err != nil {
		return false, err
	}
	return xml.Unmarshal(data, v) == nil, nil
}

func toLevel(l xmlLevel) level {
	lv := level{start: 1, format: "decimal"}
	if l.Start != nil {
		lv.start, _ = strconv.Atoi(l.Start.Val)
	}
	if l.NumFmt != nil {
		lv.format = l.NumFmt.Val
	}
	if l.LvlText != nil {
		lv.text = l.LvlText.Val
	}
	return lv
}

// paraNum is what a paragraph's w:pPr says about its numbering.
type paraNum struct {
	style    string
	numID    string
	ilvl     int
	hasNumID bool
	hasIlvl  bool
}

// label advances the list of a numbered paragraph and returns its
// rendered number ("一、", "（二）"), or "" for an unnumbered paragraph or
// a bullet.
func (n *numbering) label(pn paraNum) string {
	numID, ilvl := pn.numID, pn.ilvl
	if !pn.hasNumID {
		// The style, or a style it is based on, may carry the numbering.
		seen := map[string]bool{}
		for id := pn.style; id != "" && !seen[id]; id = n.styles[id].basedOn {
			seen[id] = true
			if s := n.styles[id]; s.hasNum {
				numID = s.numID
				if !pn.hasIlvl {
					ilvl = s.ilvl
				}
				break
			}
		}
	}
	inst, ok := n.nums[numID]
	if !ok || ilvl < 0 || ilvl > 8 {
		return "" // numId 0 and unknown ids turn numbering off
	}
	levels := n.abstract[inst.abstract]
	if levels == nil {
		return ""
	}
	lvl := func(i int) level {
		if o := inst.levels[i]; o != nil {
			return *o
		}
		return levels[i]
	}
	startOf := func(i int) int {
		if s, ok := inst.starts[i]; ok {
			return s
		}
		return lvl(i).start
	}
	c := n.counters[inst.list]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = startOf(i) - 1
		}
		n.counters[inst.list] = c
	}
	c[ilvl]++
	for i := ilvl + 1; i < 9; i++ {
		c[i] = startOf(i) - 1
	}
	l := lvl(ilvl)
	if l.format == "bullet" || l.format == "none" {
		return ""
	}
	text := l.text
	for i := 0; i <= ilvl; i++ {
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), formatNumber(max(c[i], startOf(i)), lvl(i).format))
	}
	return text
}

// formatNumber writes n in a numFmt of WordprocessingML.
func formatNumber(n int, format string) string {
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
