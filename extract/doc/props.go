package doc

import (
	"encoding/binary"
	"slices"
)

// Properties: paragraph and character properties are lists of sprms
// (property modifiers: a 16-bit code and an operand) kept in 512-byte
// formatted disk pages (FKPs) of the WordDocument stream, each page
// mapping runs of stream offsets (FCs) to a property list; the table
// stream's PlcBtePapx and PlcBteChpx list the pages ([MS-DOC] 2.8.x,
// 2.9.x).

// run is a range of stream offsets [fc, end) with one property list.
type run struct {
	fc, end uint32
	grpprl  []byte
	istd    uint16 // paragraph runs: the style
}

// runs is a property map, sorted by fc.
type runs []run

// at returns the run holding the byte at fc.
func (rs runs) at(fc uint32) (run, bool) {
	i, _ := slices.BinarySearchFunc(rs, fc, func(r run, fc uint32) int {
		switch {
		case r.end <= fc:
			return -1
		case r.fc > fc:
			return 1
		}
		return 0
	})
	if i < len(rs) && rs[i].fc <= fc && fc < rs[i].end {
		return rs[i], true
	}
	return run{}, false
}

const fkpSize = 512

// readFKPs reads the pages a PlcBte lists. papx selects the paragraph
// layout of a page (BxPap entries of 13 bytes, GrpPrlAndIstd) over the
// character one (one-byte offsets, Chpx). Damaged pages and entries are
// skipped: properties lost cost a table's structure or hidden text, never
// the rest of the document, and the text itself is read without them.
func readFKPs(word, plc []byte, papx bool) runs {
	if len(plc) < 4 || (len(plc)-4)%8 != 0 {
		return nil
	}
	n := (len(plc) - 4) / 8
	var out runs
	seen := map[uint32]bool{}
	for i := range n {
		pn := binary.LittleEndian.Uint32(plc[4*(n+1)+4*i:]) & 0x3FFFFF
		off := uint64(pn) * fkpSize
		if seen[pn] || off+fkpSize > uint64(len(word)) {
			continue
		}
		seen[pn] = true
		out = append(out, readFKP(word[off:off+fkpSize], papx)...)
	}
	slices.SortStableFunc(out, func(a, b run) int { return int(int64(a.fc) - int64(b.fc)) })
	// Overlapping runs (damage) would make the binary search lie: keep the
	// first of each overlap.
	keep := out[:0]
	for _, r := range out {
		if len(keep) > 0 && r.fc < keep[len(keep)-1].end {
			continue
		}
		keep = append(keep, r)
	}
	return keep
}

func readFKP(page []byte, papx bool) runs {
	crun := int(page[fkpSize-1])
	entry := 1
	if papx {
		entry = 13
	}
	if 4*(crun+1)+entry*crun > fkpSize-1 {
		return nil
	}
	fcs := func(i int) uint32 { return binary.LittleEndian.Uint32(page[4*i:]) }
	var out runs
	for i := range crun {
		r := run{fc: fcs(i), end: fcs(i + 1)}
		if r.end <= r.fc {
			continue
		}
		at := 2 * int(page[4*(crun+1)+entry*i])
		switch {
		case at == 0:
			// No properties: the defaults.
		case papx:
			r.grpprl, r.istd = papxAt(page, at)
		case at < fkpSize-1:
			cb := int(page[at])
			if at+1+cb <= fkpSize-1 {
				r.grpprl = page[at+1 : at+1+cb]
			}
		}
		out = append(out, r)
	}
	return out
}

// papxAt reads the PapxInFkp at offset at of a page: its style and sprms.
func papxAt(page []byte, at int) ([]byte, uint16) {
	if at >= fkpSize-2 {
		return nil, 0
	}
	cb := int(page[at])
	start, size := at+1, 2*cb-1
	if cb == 0 {
		start, size = at+2, 2*int(page[at+1])
	}
	if size < 2 || start+size > fkpSize-1 {
		return nil, 0
	}
	b := page[start : start+size]
	return b[2:], binary.LittleEndian.Uint16(b)
}

// eachSprm calls fn with every sprm of a property list and its operand
// (without the size prefix of variable-length operands). A sprm cut short
// ends the list.
func eachSprm(grpprl []byte, fn func(sprm uint16, op []byte)) {
	for len(grpprl) >= 2 {
		sprm := binary.LittleEndian.Uint16(grpprl)
		b := grpprl[2:]
		var start, size int
		switch sprm >> 13 { // spra: the operand's size
		case 0, 1:
			size = 1
		case 2, 4, 5:
			size = 2
		case 3:
			size = 4
		case 7:
			size = 3
		case 6:
			switch sprm {
			case sprmTDefTable:
				// A 16-bit count of the bytes that follow, plus one.
				if len(b) < 2 {
					return
				}
				start, size = 2, int(binary.LittleEndian.Uint16(b))-1
			case sprmPChgTabs:
				start, size = 1, chgTabsSize(b)
			default:
				if len(b) < 1 {
					return
				}
				start, size = 1, int(b[0])
			}
		}
		if size < 0 || start+size > len(b) {
			return
		}
		fn(sprm, b[start:start+size])
		grpprl = b[start+size:]
	}
}

// chgTabsSize is the operand size of sprmPChgTabs after its count byte,
// which holds the size unless it is 255 ([MS-DOC] 2.6.2 PChgTabsOperand).
func chgTabsSize(b []byte) int {
	if len(b) < 1 {
		return -1
	}
	if b[0] != 255 {
		return int(b[0])
	}
	// PChgTabsDelsClose (cTabs, then two arrays of 2-byte positions) and
	// PChgTabsAdd (cTabs, 2-byte positions, 1-byte descriptors).
	size := 0
	rest := b[1:]
	if len(rest) < 1 {
		return -1
	}
	dels := 1 + 4*int(rest[0])
	if dels >= len(rest) {
		return -1
	}
	size += dels
	size += 1 + 3*int(rest[dels])
	return size
}

// Sprms the reader uses ([MS-DOC] 2.6).
const (
	sprmCFRMarkDel       = 0x0800
	sprmCFVanish         = 0x083C
	sprmPIlvl            = 0x260A
	sprmPIlfo            = 0x460B
	sprmPChgTabs         = 0xC615
	sprmPFInTable        = 0x2416
	sprmPFTtp            = 0x2417
	sprmPFInnerTableCell = 0x244B
	sprmPFInnerTtp       = 0x244C
	sprmPHugePapx        = 0x6646
	sprmPItap            = 0x6649
	sprmPDtap            = 0x664A
	sprmTDefTable        = 0xD608
	sprmTVertMerge       = 0xD62B
)

// maxDepth bounds table nesting (Word allows 63 levels, itap is 32 bits).
const maxDepth = 64

// maxCells is Word's limit on the cells of a table row.
const maxCells = 63

// paraProps is what the reader needs of a paragraph's properties.
type paraProps struct {
	istd             uint16
	inTable, hasItap bool
	itap             int
	ttp              bool // the row end of a depth-1 table (TTP)
	innerCell        bool // a cell end in a nested table
	innerTtp         bool // the row end of a nested table
	ilfo, ilvl       int
	row              *rowDef // the row's cells, on a row end
	huge             uint32  // sprmPHugePapx: the real list is in Data
	hasHuge          bool
}

// depth is the paragraph's table nesting: 0 outside tables.
func (p *paraProps) depth() int {
	d := 0
	switch {
	case p.hasItap:
		d = p.itap
	case p.inTable:
		d = 1
	}
	return min(max(d, 0), maxDepth)
}

// apply applies a property list.
func (p *paraProps) apply(grpprl []byte) {
	eachSprm(grpprl, func(sprm uint16, op []byte) {
		switch sprm {
		case sprmPFInTable:
			p.inTable = op[0] != 0
		case sprmPFTtp:
			p.ttp = op[0] != 0
		case sprmPFInnerTableCell:
			p.innerCell = op[0] != 0
		case sprmPFInnerTtp:
			p.innerTtp = op[0] != 0
		case sprmPItap:
			p.itap, p.hasItap = int(int32(binary.LittleEndian.Uint32(op))), true
		case sprmPDtap:
			p.itap += int(int32(binary.LittleEndian.Uint32(op)))
			p.hasItap = true
		case sprmPIlfo:
			p.ilfo = int(int16(binary.LittleEndian.Uint16(op)))
		case sprmPIlvl:
			p.ilvl = int(op[0])
		case sprmPHugePapx:
			p.huge, p.hasHuge = binary.LittleEndian.Uint32(op), true
		case sprmTDefTable:
			p.row = parseTDefTable(op)
		case sprmTVertMerge:
			if p.row != nil && len(op) >= 2 && int(op[0]) < len(p.row.cells) {
				c := &p.row.cells[op[0]]
				c.vertMerge = op[1] != 0
				c.vertRestart = op[1] == 3
			}
		}
	})
}

// toggle reads a character property's ToggleOperand: 1 on, 0 off, 0x80
// as the style says, 0x81 the opposite of the style. Styles are not read,
// and the styles reports use do not hide or strike text: theirs is off.
func toggle(op byte) bool { return op == 1 || op == 0x81 }

// charProps is what the reader needs of a character's properties: deleted
// (tracked deletion) and hidden text is not printed.
func charProps(grpprl []byte) (hidden bool) {
	eachSprm(grpprl, func(sprm uint16, op []byte) {
		switch sprm {
		case sprmCFRMarkDel, sprmCFVanish:
			if toggle(op[0]) {
				hidden = true
			}
		}
	})
	return hidden
}

// rowDef is a table row's layout from sprmTDefTable: the cells' edges (in
// twips, itc+1 of them) and merges.
type rowDef struct {
	edges []int
	cells []cellDef
}

type cellDef struct {
	firstMerged, merged    bool // legacy horizontal merge
	vertMerge, vertRestart bool
}

func parseTDefTable(op []byte) *rowDef {
	if len(op) < 1 {
		return nil
	}
	n := int(op[0])
	if n > maxCells || len(op) < 1+2*(n+1) {
		return nil
	}
	r := &rowDef{edges: make([]int, n+1), cells: make([]cellDef, n)}
	for i := range n + 1 {
		r.edges[i] = int(int16(binary.LittleEndian.Uint16(op[1+2*i:])))
	}
	tcs := op[1+2*(n+1):]
	for i := range n {
		if len(tcs) < 20*(i+1) {
			break // cells without a TC80 take the defaults
		}
		f := binary.LittleEndian.Uint16(tcs[20*i:])
		r.cells[i] = cellDef{firstMerged: f&0x01 != 0, merged: f&0x02 != 0, vertMerge: f&0x20 != 0, vertRestart: f&0x40 != 0}
	}
	return r
}
