package doc

import (
	"context"
	"strings"

	"xxgk/schema"
)

// para is one paragraph of the main text: its printed text and the
// properties of its paragraph mark.
type para struct {
	text  string // \n for line and page breaks
	mark  rune   // 0x0D paragraph, 0x07 cell or row end, 0x0C section
	props paraProps
}

// Characters of the text stream with a meaning of their own ([MS-DOC]
// 2.4.1, 2.8.25).
const (
	chPara       = 0x0D
	chCell       = 0x07 // cell mark; on a TTP paragraph, the row end
	chSection    = 0x0C // page break, or section mark at a paragraph end
	chLine       = 0x0B
	chFieldBegin = 0x13
	chFieldSep   = 0x14
	chFieldEnd   = 0x15
	chNBHyphen   = 0x1E
	chOptHyphen  = 0x1F
)

// maxFieldDepth bounds nested fields; deeper marks are read as text marks
// of the innermost field.
const maxFieldDepth = 64

// reader turns the characters of the text into paragraphs with their
// properties.
type reader struct {
	ctx  context.Context
	data []byte // the Data stream, for huge paragraph property lists
	clx  *clx
	papx runs
	chpx runs
}

// paragraphs splits the characters into paragraphs. Fields print their
// result, not their code; deleted and hidden characters are dropped.
func (rd *reader) paragraphs(chars []char) ([]para, error) {
	var out []para
	var b strings.Builder
	// fields holds, for each open field, whether its result has begun.
	var fields []bool
	var chp run
	chpOK := false
	for i, c := range chars {
		if i%65536 == 0 {
			if err := rd.ctx.Err(); err != nil {
				return nil, &schema.Error{Code: schema.ErrTimeout, Err: err}
			}
		}
		if rd.paraEnd(c) {
			out = append(out, para{text: b.String(), mark: c.r, props: rd.paraProps(c)})
			b.Reset()
			continue
		}
		switch c.r {
		case chFieldBegin:
			if len(fields) < maxFieldDepth {
				fields = append(fields, false)
			}
			continue
		case chFieldSep:
			if len(fields) > 0 {
				fields[len(fields)-1] = true
			}
			continue
		case chFieldEnd:
			if len(fields) > 0 {
				fields = fields[:len(fields)-1]
			}
			continue
		}
		if inCode(fields) {
			continue
		}
		if !chpOK || c.fc < chp.fc || c.fc >= chp.end {
			chp, chpOK = rd.chpx.at(c.fc)
			if !chpOK {
				chp = run{fc: c.fc, end: c.fc + 1}
				chpOK = true
			}
		}
		if charProps(chp.grpprl) {
			continue
		}
		switch c.r {
		case '\t':
			b.WriteByte('\t')
		case chLine, chSection:
			b.WriteByte('\n')
		case chNBHyphen:
			b.WriteByte('-')
		default:
			if c.r >= 0x20 && c.r != 0x7F {
				b.WriteRune(c.r)
			}
		}
	}
	if b.Len() > 0 {
		// Text after the last paragraph mark (Word always ends the main
		// text with one; a damaged file may not).
		out = append(out, para{text: b.String(), mark: chPara})
	}
	return out, nil
}

// inCode reports whether the position is in the code of some open field,
// which is not printed.
func inCode(fields []bool) bool {
	for _, result := range fields {
		if !result {
			return true
		}
	}
	return false
}

// paraEnd reports whether c ends a paragraph: a paragraph or cell mark, or
// a section mark (a page break is the same character inside a paragraph:
// only the paragraph properties, whose runs end after a section mark,
// tell them apart).
func (rd *reader) paraEnd(c char) bool {
	switch c.r {
	case chPara, chCell:
		return true
	case chSection:
		size := uint32(2)
		if rd.clx.pieces[c.piece].compressed {
			size = 1
		}
		r, ok := rd.papx.at(c.fc)
		return ok && r.end == c.fc+size
	}
	return false
}

// paraProps returns the properties of the paragraph that c ends: those of
// its run of the paragraph property map, the Data stream's list if that
// points there, then its piece's own.
func (rd *reader) paraProps(c char) paraProps {
	var p paraProps
	if r, ok := rd.papx.at(c.fc); ok {
		p.istd = r.istd
		p.apply(r.grpprl)
		if p.hasHuge {
			p.hasHuge = false
			if g := hugePapx(rd.data, p.huge); g != nil {
				p.apply(g)
			}
		}
	}
	prm := rd.clx.pieces[c.piece].prm
	if prm&1 != 0 { // Prm1: an index into the Clx's property lists
		if i := int(prm >> 1); i < len(rd.clx.prcs) {
			p.apply(rd.clx.prcs[i])
		}
	}
	return p
}

// hugePapx returns the property list at offset off of the Data stream
// (PrcData: a 16-bit size, then the sprms), or nil.
func hugePapx(data []byte, off uint32) []byte {
	if uint64(off)+2 > uint64(len(data)) {
		return nil
	}
	n := int(data[off]) | int(data[off+1])<<8
	if int(off)+2+n > len(data) {
		return nil
	}
	return data[off+2 : int(off)+2+n]
}
