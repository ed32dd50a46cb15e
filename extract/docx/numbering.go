package docx

import (
	"archive/zip"
	"encoding/xml"
	"strconv"
	"strings"

	"xxgk/extract/numfmt"
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
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), numfmt.Format(max(c[i], startOf(i)), lvl(i).format))
	}
	return text
}
