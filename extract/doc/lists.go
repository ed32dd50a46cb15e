package doc

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"

	"xxgk/extract/numfmt"
)

// Automatic numbering ([MS-DOC] 2.9.147 PlfLst, 2.9.150 PlfLfo): a
// paragraph's sprmPIlfo picks a list override (LFO), which names a list
// (LSTF, by its lsid) and may restart or reformat its levels; sprmPIlvl
// picks the level. Each level has a start, a number format (nfc) and a
// number text in which the characters at rgbxchNums are placeholders for
// the numbers of levels 0–8. As in the DOCX extractor, the number is
// rendered in front of the paragraph's text ("一、", "（二）"), counting per
// list, or per override when the override restarts it.

type lists struct {
	defs     map[int32]*[9]level // lsid → levels
	lfos     []lfo               // ilfo-1 → override
	counters map[string]*[9]int  // list → counter per level
}

type level struct {
	start int
	nfc   byte
	text  []uint16 // the number text, placeholders included
	nums  []int    // 0-based indices of the placeholders in text
}

type lfo struct {
	lsid   int32
	starts map[int]int    // level → restart value
	levels map[int]*level // level → replacement
}

// nfc values of [MS-DOC] 2.9.172 (MSONFC) the renderer knows; others are
// written as decimals.
const (
	nfcUpperRoman    = 1
	nfcLowerRoman    = 2
	nfcUpperLetter   = 3
	nfcLowerLetter   = 4
	nfcIdeoDigital   = 10
	nfcJapCounting   = 11
	nfcFullWidth     = 14
	nfcCircle        = 18
	nfcFullWidth2    = 19
	nfcDecimalZero   = 22
	nfcBullet        = 23
	nfcIdeoTrad      = 30
	nfcTaiwanCount   = 33
	nfcTaiwanThous   = 35
	nfcTaiwanDigital = 36
	nfcChnCounting   = 37
	nfcChnLegal      = 38
	nfcChnThousand   = 39
	nfcChnDigital    = 40
	nfcCircleChinese = 28
	nfcNone          = 255
)

// readLists reads the list definitions. Damaged ones are dropped: they
// cost the numbers, not the report.
func readLists(table []byte, lst, lfoPlc fcLcb) *lists {
	l := &lists{defs: map[int32]*[9]level{}, counters: map[string]*[9]int{}}
	if lst.lcb >= 2 && uint64(lst.fc)+2 <= uint64(len(table)) {
		l.readLst(table, int(lst.fc))
	}
	if lfoPlc.lcb >= 4 && uint64(lfoPlc.fc)+4 <= uint64(len(table)) {
		l.readLfo(table, int(lfoPlc.fc))
	}
	return l
}

func (l *lists) readLst(t []byte, at int) {
	n := int(int16(binary.LittleEndian.Uint16(t[at:])))
	at += 2
	if n <= 0 || at+28*n > len(t) {
		return
	}
	type lstf struct {
		lsid   int32
		simple bool
	}
	var heads []lstf
	for i := range n {
		b := t[at+28*i:]
		heads = append(heads, lstf{int32(binary.LittleEndian.Uint32(b)), b[26]&1 != 0})
	}
	at += 28 * n
	for _, h := range heads {
		count := 9
		if h.simple {
			count = 1
		}
		var lv [9]level
		for i := range count {
			var ok bool
			if lv[i], at, ok = readLvl(t, at); !ok {
				return
			}
		}
		l.defs[h.lsid] = &lv
	}
}

// readLvl reads one LVL at at and returns the offset after it.
func readLvl(t []byte, at int) (level, int, bool) {
	if at+28 > len(t) {
		return level{}, at, false
	}
	b := t[at:]
	lv := level{start: int(int32(binary.LittleEndian.Uint32(b))), nfc: b[4]}
	var nums []int
	for _, x := range b[6:15] {
		if x == 0 {
			break
		}
		nums = append(nums, int(x)-1)
	}
	at += 28 + int(b[24]) + int(b[25]) // the LVLF, its paragraph and character sprms
	if at+2 > len(t) {
		return level{}, at, false
	}
	cch := int(binary.LittleEndian.Uint16(t[at:]))
	at += 2
	if at+2*cch > len(t) {
		return level{}, at, false
	}
	lv.text = make([]uint16, cch)
	for i := range cch {
		lv.text[i] = binary.LittleEndian.Uint16(t[at+2*i:])
	}
	for _, i := range nums {
		if i >= 0 && i < cch {
			lv.nums = append(lv.nums, i)
		}
	}
	return lv, at + 2*cch, true
}

func (l *lists) readLfo(t []byte, at int) {
	n := int(int32(binary.LittleEndian.Uint32(t[at:])))
	at += 4
	// Each LFO takes 16 bytes and its data at least 4 more.
	if n <= 0 || at+20*n > len(t) {
		return
	}
	counts := make([]int, n)
	for i := range n {
		b := t[at+16*i:]
		l.lfos = append(l.lfos, lfo{lsid: int32(binary.LittleEndian.Uint32(b)), starts: map[int]int{}, levels: map[int]*level{}})
		counts[i] = int(b[12])
	}
	at += 16 * n
	for i := range n {
		at += 4 // cp, unused
		for range counts[i] {
			if at+8 > len(t) {
				return
			}
			start := int(int32(binary.LittleEndian.Uint32(t[at:])))
			flags := binary.LittleEndian.Uint32(t[at+4:])
			ilvl := int(flags & 0x0F)
			at += 8
			if flags&0x10 != 0 {
				l.lfos[i].starts[ilvl] = start
			}
			if flags&0x20 != 0 {
				lv, next, ok := readLvl(t, at)
				if !ok {
					return
				}
				at = next
				l.lfos[i].levels[ilvl] = &lv
			}
		}
	}
}

// label advances the list of a numbered paragraph and returns its rendered
// number, or "" for an unnumbered paragraph or a bullet.
func (l *lists) label(p paraProps) string {
	if l == nil || p.ilfo <= 0 || p.ilfo > len(l.lfos) || p.ilvl > 8 {
		return ""
	}
	o := l.lfos[p.ilfo-1]
	def := l.defs[o.lsid]
	if def == nil {
		return ""
	}
	lvl := func(i int) level {
		if r := o.levels[i]; r != nil {
			return *r
		}
		return def[i]
	}
	startOf := func(i int) int {
		if s, ok := o.starts[i]; ok {
			return s
		}
		return lvl(i).start
	}
	key := fmt.Sprintf("l%d", o.lsid)
	if len(o.starts) > 0 {
		key = fmt.Sprintf("o%d", p.ilfo) // a restarted list counts on its own
	}
	c := l.counters[key]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = startOf(i) - 1
		}
		l.counters[key] = c
	}
	c[p.ilvl]++
	for i := p.ilvl + 1; i < 9; i++ {
		c[i] = startOf(i) - 1
	}
	cur := lvl(p.ilvl)
	if cur.nfc == nfcBullet || cur.nfc == nfcNone {
		return ""
	}
	var b strings.Builder
	next := 0
	for _, at := range cur.nums {
		if at < next {
			continue
		}
		b.WriteString(string(utf16.Decode(cur.text[next:at])))
		if i := int(cur.text[at]); i <= p.ilvl {
			b.WriteString(formatNumber(max(c[i], startOf(i)), lvl(i).nfc))
		}
		next = at + 1
	}
	b.WriteString(string(utf16.Decode(cur.text[next:])))
	return b.String()
}

// formatNumber writes n in a Word binary number format (nfc).
func formatNumber(n int, nfc byte) string {
	return numfmt.Format(n, nfcFormat(nfc))
}

// nfcFormat names the WordprocessingML format of a Word binary nfc code.
func nfcFormat(nfc byte) string {
	switch nfc {
	case nfcUpperRoman:
		return "upperRoman"
	case nfcLowerRoman:
		return "lowerRoman"
	case nfcUpperLetter:
		return "upperLetter"
	case nfcLowerLetter:
		return "lowerLetter"
	case nfcIdeoDigital:
		return "ideographDigital"
	case nfcJapCounting:
		return "japaneseCounting"
	case nfcFullWidth:
		return "decimalFullWidth"
	case nfcCircle:
		return "decimalEnclosedCircle"
	case nfcFullWidth2:
		return "decimalFullWidth2"
	case nfcDecimalZero:
		return "decimalZero"
	case nfcIdeoTrad:
		return "ideographTraditional"
	case nfcCircleChinese:
		return "decimalEnclosedCircleChinese"
	case nfcTaiwanCount:
		return "taiwaneseCounting"
	case nfcTaiwanThous:
		return "chineseCountingThousand"
	case nfcTaiwanDigital:
		return "taiwaneseDigital"
	case nfcChnCounting:
		return "chineseCounting"
	case nfcChnLegal:
		return "chineseLegalSimplified"
	case nfcChnThousand:
		return "chineseCountingThousand"
	case nfcChnDigital:
		return "ideographDigital"
	}
	return "decimal"
}
