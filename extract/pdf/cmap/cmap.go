// Package cmap reads PDF CMap files: the ToUnicode maps of fonts (code →
// text) and the encoding CMaps of composite fonts (code → CID). A CMap also
// says how the bytes of a shown string split into character codes of 1 to 4
// bytes (its codespace ranges).
package cmap

import (
	"errors"
	"strconv"
	"unicode/utf16"

	"xxgk/extract/pdf/pdfsyntax"
)

// CMap is a parsed CMap file. The zero value maps nothing and splits strings
// into one-byte codes.
type CMap struct {
	// Name is /CMapName, when the file gives one.
	Name string
	// Vertical is true for a CMap with /WMode 1.
	Vertical bool
	// UseCMap names the CMap this one builds on (usecmap), if any: callers
	// that know predefined CMaps resolve it.
	UseCMap string

	space  []codespace
	text   map[uint32]string // bfchar and single bfrange codes
	ranges []textRange       // bfrange with an incrementing destination
	cids   map[uint32]uint32 // cidchar
	cidRng []cidRange        // cidrange
}

type codespace struct {
	n      int // bytes
	lo, hi []byte
}

type textRange struct {
	lo, hi uint32
	dst    []uint16 // UTF-16 of the first code; the last unit increments
}

type cidRange struct {
	lo, hi, cid uint32
}

// Next splits the character code at the start of s, by the codespace
// ranges. It returns the code and its length in bytes (≥ 1 when s is not
// empty). Bytes that fit no range are taken as a code of the shortest
// length, as PDF readers commonly do.
func (m *CMap) Next(s []byte) (code uint32, n int) {
	if len(s) == 0 {
		return 0, 0
	}
	if len(m.space) == 0 {
		return uint32(s[0]), 1
	}
	shortest := 4
	for _, r := range m.space {
		shortest = min(shortest, r.n)
		if len(s) < r.n || !r.contains(s[:r.n]) {
			continue
		}
		return bigEndian(s[:r.n]), r.n
	}
	shortest = min(shortest, len(s))
	return bigEndian(s[:shortest]), shortest
}

func (r codespace) contains(b []byte) bool {
	for i := range b {
		if b[i] < r.lo[i] || b[i] > r.hi[i] {
			return false
		}
	}
	return true
}

// Text returns the Unicode text mapped to code, and whether there is one.
func (m *CMap) Text(code uint32) (string, bool) {
	if t, ok := m.text[code]; ok {
		return t, true
	}
	for _, r := range m.ranges {
		if code >= r.lo && code <= r.hi {
			u := append([]uint16(nil), r.dst...)
			u[len(u)-1] += uint16(code - r.lo)
			return string(utf16.Decode(u)), true
		}
	}
	return "", false
}

// CID returns the CID mapped to code by cidchar and cidrange, and whether
// there is one.
func (m *CMap) CID(code uint32) (uint32, bool) {
	if c, ok := m.cids[code]; ok {
		return c, true
	}
	for _, r := range m.cidRng {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}

// Len returns the number of mappings (to text or to CIDs) the CMap holds.
func (m *CMap) Len() int {
	return len(m.text) + len(m.ranges) + len(m.cids) + len(m.cidRng)
}

// Parse reads a CMap file. It is lenient the way fonts in the wild need:
// unknown operators are skipped, and a damaged entry loses that entry, not
// the map. It fails only when the data holds no CMap operators at all.
func Parse(data []byte) (*CMap, error) {
	m := &CMap{text: map[uint32]string{}, cids: map[uint32]uint32{}}
	lx := lexer{data: data}
	var stack []token
	seen := false
	for {
		t, ok := lx.next()
		if !ok {
			break
		}
		if t.kind != kwTok {
			stack = append(stack, t)
			if len(stack) > 64 {
				stack = stack[len(stack)-32:]
			}
			continue
		}
		switch t.s {
		case "begincodespacerange":
			seen = true
			m.readCodespace(&lx)
		case "beginbfchar":
			seen = true
			m.readBfchar(&lx)
		case "beginbfrange":
			seen = true
			m.readBfrange(&lx)
		case "begincidchar":
			seen = true
			m.readCidchar(&lx)
		case "begincidrange":
			seen = true
			m.readCidrange(&lx)
		case "def":
			if len(stack) >= 2 && stack[len(stack)-2].kind == nameTok {
				v := stack[len(stack)-1]
				switch stack[len(stack)-2].s {
				case "CMapName":
					if v.kind == nameTok {
						m.Name = v.s
					}
				case "WMode":
					m.Vertical = v.s == "1"
				}
			}
		case "usecmap":
			if len(stack) > 0 && stack[len(stack)-1].kind == nameTok {
				m.UseCMap = stack[len(stack)-1].s
				seen = true
			}
		}
		stack = stack[:0]
	}
	if !seen {
		return nil, errors.New("cmap: no codespace or mappings found")
	}
	// A code is as long as the first range its leading bytes fit, trying
	// one byte, then two, and so on.
	sortBySize(m.space)
	return m, nil
}

func sortBySize(s []codespace) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].n < s[j-1].n; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// entries reads tokens up to the keyword that ends a section.
func entries(lx *lexer, end string) []token {
	var out []token
	for {
		t, ok := lx.next()
		if !ok || (t.kind == kwTok && t.s == end) {
			return out
		}
		out = append(out, t)
	}
}

func (m *CMap) readCodespace(lx *lexer) {
	ts := entries(lx, "endcodespacerange")
	for i := 0; i+1 < len(ts); i += 2 {
		lo, hi := ts[i], ts[i+1]
		if lo.kind != hexTok || hi.kind != hexTok || len(lo.b) != len(hi.b) || len(lo.b) < 1 || len(lo.b) > 4 {
			continue
		}
		m.space = append(m.space, codespace{n: len(lo.b), lo: lo.b, hi: hi.b})
	}
}

func (m *CMap) readBfchar(lx *lexer) {
	ts := entries(lx, "endbfchar")
	for i := 0; i+1 < len(ts); i += 2 {
		src, dst := ts[i], ts[i+1]
		if src.kind != hexTok || len(src.b) == 0 || len(src.b) > 4 {
			continue
		}
		if t, ok := dstText(dst); ok {
			m.text[bigEndian(src.b)] = t
		}
	}
}

func (m *CMap) readBfrange(lx *lexer) {
	ts := entries(lx, "endbfrange")
	for i := 0; i+2 < len(ts); {
		lo, hi, dst := ts[i], ts[i+1], ts[i+2]
		i += 3
		if lo.kind != hexTok || hi.kind != hexTok || len(lo.b) == 0 || len(lo.b) > 4 {
			if dst.kind == arrayTok {
				i += dst.n
			}
			continue
		}
		a, b := bigEndian(lo.b), bigEndian(hi.b)
		if b < a {
			continue
		}
		switch dst.kind {
		case arrayTok:
			// The array's elements follow the opening bracket, one per code.
			items := ts[i:min(len(ts), i+dst.n)]
			i += dst.n
			for k, it := range items {
				if a+uint32(k) > b {
					break
				}
				if t, ok := dstText(it); ok {
					m.text[a+uint32(k)] = t
				}
			}
		case hexTok:
			u := utf16BE(dst.b)
			if len(u) == 0 {
				continue
			}
			if a == b {
				m.text[a] = string(utf16.Decode(u))
				continue
			}
			m.ranges = append(m.ranges, textRange{lo: a, hi: b, dst: u})
		}
	}
}

func (m *CMap) readCidchar(lx *lexer) {
	ts := entries(lx, "endcidchar")
	for i := 0; i+1 < len(ts); i += 2 {
		src, cid := ts[i], ts[i+1]
		if src.kind != hexTok || len(src.b) == 0 || len(src.b) > 4 || cid.kind != numTok {
			continue
		}
		if c, err := strconv.ParseUint(cid.s, 10, 32); err == nil {
			m.cids[bigEndian(src.b)] = uint32(c)
		}
	}
}

func (m *CMap) readCidrange(lx *lexer) {
	ts := entries(lx, "endcidrange")
	for i := 0; i+2 < len(ts); i += 3 {
		lo, hi, cid := ts[i], ts[i+1], ts[i+2]
		if lo.kind != hexTok || hi.kind != hexTok || len(lo.b) == 0 || len(lo.b) > 4 || cid.kind != numTok {
			continue
		}
		c, err := strconv.ParseUint(cid.s, 10, 32)
		if err != nil || bigEndian(hi.b) < bigEndian(lo.b) {
			continue
		}
		m.cidRng = append(m.cidRng, cidRange{lo: bigEndian(lo.b), hi: bigEndian(hi.b), cid: uint32(c)})
	}
}

// dstText decodes a bfchar/bfrange destination: UTF-16BE in a hex string,
// or a glyph name (rare, only uniXXXX names are understood).
func dstText(t token) (string, bool) {
	switch t.kind {
	case hexTok:
		u := utf16BE(t.b)
		if len(u) == 0 {
			return "", false
		}
		return string(utf16.Decode(u)), true
	case nameTok:
		if len(t.s) == 7 && t.s[:3] == "uni" {
			if v, err := strconv.ParseUint(t.s[3:], 16, 16); err == nil {
				return string(rune(v)), true
			}
		}
	}
	return "", false
}

func utf16BE(b []byte) []uint16 {
	if len(b) == 1 {
		return []uint16{uint16(b[0])}
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return u
}

func bigEndian(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

type tokKind int

const (
	numTok tokKind = iota
	hexTok
	strTok
	nameTok
	kwTok
	arrayTok // "[": n is the number of elements up to the matching "]"
	otherTok
)

type token struct {
	kind tokKind
	s    string
	b    []byte
	n    int
}

// lexer tokenises the PostScript subset CMap files use.
type lexer struct {
	data []byte
	pos  int
	// pending holds the elements of an array just opened, returned after
	// its arrayTok.
	pending []token
	// inArray is true while the elements of an array are read. CMap arrays
	// do not nest, and reading nested ones recursively takes time cubic in
	// their depth (found by FuzzParse): an inner "[" is a plain token.
	inArray bool
}

func (lx *lexer) next() (token, bool) {
	if len(lx.pending) > 0 {
		t := lx.pending[0]
		lx.pending = lx.pending[1:]
		return t, true
	}
	for {
		lx.pos = pdfsyntax.SkipSpace(lx.data, lx.pos)
		if lx.pos >= len(lx.data) {
			return token{}, false
		}
		c := lx.data[lx.pos]
		switch {
		case c == '<' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<':
			lx.pos += 2
			return token{kind: otherTok, s: "<<"}, true
		case c == '>' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '>':
			lx.pos += 2
			return token{kind: otherTok, s: ">>"}, true
		case c == '<':
			return lx.hex(), true
		case c == '(':
			return lx.literal(), true
		case c == '/':
			lx.pos++
			return token{kind: nameTok, s: lx.word()}, true
		case c == '[' && lx.inArray:
			lx.pos++
			return token{kind: otherTok, s: "["}, true
		case c == '[':
			lx.pos++
			lx.inArray = true
			var items []token
			for {
				t, ok := lx.next()
				if !ok || (t.kind == otherTok && t.s == "]") {
					break
				}
				items = append(items, t)
			}
			lx.inArray = false
			lx.pending = append(items, lx.pending...)
			return token{kind: arrayTok, n: len(items)}, true
		case c == ']' || c == '{' || c == '}' || c == '>' || c == ')':
			lx.pos++
			return token{kind: otherTok, s: string(c)}, true
		default:
			w := lx.word()
			if w == "" {
				lx.pos++
				continue
			}
			if (w[0] >= '0' && w[0] <= '9') || w[0] == '-' || w[0] == '.' {
				return token{kind: numTok, s: w}, true
			}
			return token{kind: kwTok, s: w}, true
		}
	}
}

func (lx *lexer) word() string {
	start := lx.pos
	for lx.pos < len(lx.data) && pdfsyntax.IsRegular(lx.data[lx.pos]) {
		lx.pos++
	}
	return string(lx.data[start:lx.pos])
}

func (lx *lexer) hex() token {
	b, next, _ := pdfsyntax.Hex(lx.data, lx.pos)
	lx.pos = next
	return token{kind: hexTok, b: b}
}

// literal reads a (string): CMaps rarely use them, but they may hold
// destinations, so they are decoded like hex strings. An escaped byte is
// kept as it is (\n stays n), unlike in pdfsyntax.Literal.
func (lx *lexer) literal() token {
	lx.pos++
	depth := 1
	var b []byte
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		switch c {
		case '\\':
			if lx.pos < len(lx.data) {
				b = append(b, lx.data[lx.pos])
				lx.pos++
			}
			continue
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return token{kind: hexTok, b: b}
			}
		}
		b = append(b, c)
	}
	return token{kind: hexTok, b: b}
}
