package doc

import (
	"encoding/binary"
	"fmt"

	"xxgk/schema"
)

// fib is what the reader takes from the File Information Block at the start
// of the WordDocument stream ([MS-DOC] 2.5.1).
type fib struct {
	nFib      uint16
	encrypted bool // fEncrypted: the streams are encrypted (or obfuscated)
	tableName string
	ccpText   uint32 // characters of the main document
	clx       fcLcb  // the piece table, in the table stream
	btePapx   fcLcb  // paragraph properties: the PlcBtePapx
	bteChpx   fcLcb  // character properties: the PlcBteChpx
	plfLst    fcLcb  // list definitions
	plfLfo    fcLcb  // list overrides (the ilfo of a paragraph)
}

// fcLcb is an offset into the table stream and a length.
type fcLcb struct{ fc, lcb uint32 }

// wIdent opens every Word 97-2003 FIB. Word 6 and 95 use the same value but
// a different layout; their nFib is below nFib97.
const (
	wIdent = 0xA5EC
	nFib97 = 0x00C1
)

// Indices of the FibRgFcLcb97 pairs the reader uses.
const (
	iBteChpx = 12
	iBtePapx = 13
	iClx     = 33
	iPlfLst  = 73
	iPlfLfo  = 74
)

func parseFIB(w []byte) (*fib, error) {
	if len(w) < 34 {
		return nil, damagedf("the WordDocument stream has %d bytes, too few for its header (FIB)", len(w))
	}
	if id := binary.LittleEndian.Uint16(w); id != wIdent {
		return nil, damagedf("the WordDocument stream does not start with a Word header (FIB magic %#04x)", id)
	}
	f := &fib{nFib: binary.LittleEndian.Uint16(w[2:])}
	flags := binary.LittleEndian.Uint16(w[0x0A:])
	f.encrypted = flags&0x0100 != 0
	if flags&0x0200 != 0 {
		f.tableName = "1Table"
	} else {
		f.tableName = "0Table"
	}
	if f.nFib < nFib97 && !f.encrypted {
		// Word 6.0 and Word 95 keep text and properties in other places.
		return nil, schema.Errorf(schema.ErrUnsupportedFormat, "a Word 6.0/95 document (FIB version %#04x): save it as DOCX, or as .doc from Word 97 or later", f.nFib)
	}
	if f.encrypted {
		return f, nil
	}
	// FibBase (32 bytes), then csw 16-bit words, cslw 32-bit words and
	// cbRgFcLcb pairs of 32-bit words, each count before its array.
	at := 32
	csw := int(binary.LittleEndian.Uint16(w[at:]))
	at += 2 + 2*csw
	if at+2 > len(w) {
		return nil, damagedf("the Word header (FIB) is cut short")
	}
	cslw := int(binary.LittleEndian.Uint16(w[at:]))
	lw := at + 2
	at = lw + 4*cslw
	if cslw < 4 || at+2 > len(w) {
		return nil, damagedf("the Word header (FIB) is cut short")
	}
	f.ccpText = binary.LittleEndian.Uint32(w[lw+3*4:])
	n := int(binary.LittleEndian.Uint16(w[at:]))
	blob := at + 2
	if blob+8*n > len(w) {
		return nil, damagedf("the Word header (FIB) is cut short")
	}
	pair := func(i int) fcLcb {
		if i >= n {
			return fcLcb{}
		}
		return fcLcb{binary.LittleEndian.Uint32(w[blob+8*i:]), binary.LittleEndian.Uint32(w[blob+8*i+4:])}
	}
	f.clx, f.btePapx, f.bteChpx = pair(iClx), pair(iBtePapx), pair(iBteChpx)
	f.plfLst, f.plfLfo = pair(iPlfLst), pair(iPlfLfo)
	return f, nil
}

// slice returns the bytes of an fc/lcb pair in the table stream.
func (p fcLcb) slice(table []byte, what string) ([]byte, error) {
	end := uint64(p.fc) + uint64(p.lcb)
	if end > uint64(len(table)) {
		return nil, damagedf("the %s (%d bytes at %d) lies outside the table stream (%d bytes)", what, p.lcb, p.fc, len(table))
	}
	return table[p.fc:end], nil
}

func damagedf(format string, args ...any) error {
	return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged Word document: "+format, args...)}
}
