package doc

import (
	"encoding/binary"
	"unicode/utf16"

	"xxgk/schema"
)

// The piece table ([MS-DOC] 2.9.38 Clx) maps character positions (CPs) of
// the text to where the characters sit in the WordDocument stream: each
// piece is a run of CPs stored either as UTF-16LE ("Unicode") or, for
// text that fits, one byte per character ("compressed": cp1252, whatever
// the document's language). Pieces of a fast-saved document lie in the
// stream out of order and can carry properties of their own (Prm).

// piece is one entry of the piece table.
type piece struct {
	cp, cpEnd  uint32 // CPs [cp, cpEnd)
	fc         uint32 // byte offset in the WordDocument stream
	compressed bool
	prm        uint16
}

// clx is the piece table with the property lists pieces may refer to.
type clx struct {
	pieces []piece
	prcs   [][]byte // grpprls that a Prm1 indexes
}

// parseClx reads the Clx; wordLen is the size of the WordDocument stream,
// which every piece must lie in.
func parseClx(b []byte, wordLen int) (*clx, error) {
	c := &clx{}
	for len(b) > 0 && b[0] == 0x01 { // Prc: a property list for pieces
		if len(b) < 3 {
			return nil, damagedf("the piece table is cut short")
		}
		n := int(int16(binary.LittleEndian.Uint16(b[1:])))
		if n < 0 || 3+n > len(b) {
			return nil, damagedf("a property list of the piece table has %d bytes, past its end", n)
		}
		c.prcs = append(c.prcs, b[3:3+n])
		b = b[3+n:]
	}
	if len(b) < 5 || b[0] != 0x02 {
		return nil, damagedf("the piece table has no piece descriptors (Pcdt)")
	}
	lcb := binary.LittleEndian.Uint32(b[1:])
	b = b[5:]
	if uint64(lcb) > uint64(len(b)) || lcb < 4 || (lcb-4)%12 != 0 {
		return nil, damagedf("the piece descriptors declare %d bytes, %d remain", lcb, len(b))
	}
	n := int(lcb-4) / 12
	b = b[:lcb]
	cps := func(i int) uint32 { return binary.LittleEndian.Uint32(b[4*i:]) }
	pcd := b[4*(n+1):]
	for i := range n {
		p := piece{cp: cps(i), cpEnd: cps(i + 1)}
		if p.cpEnd < p.cp {
			return nil, damagedf("piece %d of the piece table ends (CP %d) before it starts (CP %d)", i+1, p.cpEnd, p.cp)
		}
		if i > 0 && p.cp < c.pieces[i-1].cpEnd {
			return nil, damagedf("piece %d of the piece table overlaps the one before", i+1)
		}
		d := pcd[8*i:]
		fc := binary.LittleEndian.Uint32(d[2:])
		p.compressed = fc&0x40000000 != 0
		p.fc = fc &^ 0xC0000000
		if p.compressed {
			p.fc /= 2
		}
		p.prm = binary.LittleEndian.Uint16(d[6:])
		size := uint64(p.cpEnd - p.cp)
		if !p.compressed {
			size *= 2
		}
		if uint64(p.fc)+size > uint64(wordLen) {
			return nil, damagedf("piece %d of the piece table (CPs %d–%d) points outside the WordDocument stream", i+1, p.cp, p.cpEnd)
		}
		c.pieces = append(c.pieces, p)
	}
	return c, nil
}

// char is one character of the text with the stream offset its properties
// are found by.
type char struct {
	r     rune
	fc    uint32
	piece int32 // index of its piece, for the piece's Prm
}

// MaxChars bounds the characters of the main text read: a report has a few
// ten thousand; each costs 12 bytes while the document is built.
const MaxChars = 8 << 20

// text returns the characters of CPs [0, end), in CP order. A gap in the
// piece table (CPs no piece covers) is an error.
func (c *clx) text(word []byte, end uint32) ([]char, error) {
	if end > MaxChars {
		return nil, schema.Errorf(schema.ErrTooLarge, "the text has %d characters, more than the limit of %d", end, MaxChars)
	}
	out := make([]char, 0, min(end, uint32(len(word))))
	next := uint32(0)
	for i, p := range c.pieces {
		if next >= end {
			break
		}
		if p.cp != next {
			return nil, damagedf("the piece table leaves CPs %d–%d without text", next, p.cp)
		}
		stop := min(p.cpEnd, end)
		if p.compressed {
			for k := range stop - p.cp {
				fc := p.fc + k
				out = append(out, char{r: cp1252(word[fc]), fc: fc, piece: int32(i)})
			}
		} else {
			n := stop - p.cp
			for k := uint32(0); k < n; k++ {
				fc := p.fc + 2*k
				u := rune(binary.LittleEndian.Uint16(word[fc:]))
				if utf16.IsSurrogate(u) && k+1 < n {
					if r := utf16.DecodeRune(u, rune(binary.LittleEndian.Uint16(word[fc+2:]))); r != '\uFFFD' {
						out = append(out, char{r: r, fc: fc, piece: int32(i)})
						k++
						continue
					}
				}
				out = append(out, char{r: u, fc: fc, piece: int32(i)})
			}
		}
		next = stop
	}
	if next < end {
		return nil, damagedf("the piece table covers %d of the %d characters of the text", next, end)
	}
	return out, nil
}

// cp1252 decodes one byte of a compressed piece ([MS-DOC] 2.4.1: the bytes
// 0x80–0x9F that cp1252 defines map to its characters, the others to
// themselves).
func cp1252(b byte) rune {
	if b >= 0x80 && b <= 0x9F {
		if r := cp1252High[b-0x80]; r != 0 {
			return r
		}
	}
	return rune(b)
}

var cp1252High = [32]rune{
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
}
