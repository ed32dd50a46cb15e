package doc

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"xxgk/extract/document"
	"xxgk/schema"
)

// RTF, which Word and WPS also save (often under a .doc name), is read into
// the same paragraphs as the binary format, so that the table builder and
// everything after it are shared: \par ends a paragraph, \cell a cell,
// \row a row whose layout the last \trowd … \cellx defined (cell edges,
// \clmgf/\clmrg horizontal and \clvmgf/\clvmrg vertical merges); nested
// tables end cells with \nestcell and rows with \nestrow, their layout in
// {\*\nesttableprops}. Destinations that print nothing (font and style
// tables, pictures, field codes, headers) are skipped; field results and
// list numbers (\listtext) are read; deleted (\deleted) and hidden (\v)
// text is dropped. Text is \uN Unicode or \'hh bytes in the font's
// charset (\fcharset) or the document's code page (\ansicpg).

// MaxGroupDepth bounds the nesting of RTF groups: Word writes a few dozen.
const MaxGroupDepth = 1024

// ExtractRTF reads an RTF document. Errors are *schema.Error: unreadable
// for a document whose groups nest deeper than MaxGroupDepth or that is
// not RTF, too_large for text over MaxChars, timeout when ctx ends first.
func ExtractRTF(ctx context.Context, data []byte) (*document.Document, error) {
	p := &rtfParser{ctx: ctx, data: data, fonts: map[int]int{}, codepage: 1252}
	paras, err := p.run()
	if err != nil {
		return nil, err
	}
	b := &builder{paras: paras}
	return &document.Document{Format: document.RTF, Blocks: b.body()}, nil
}

// rtfGroup is the state a group opens with and restores when it closes.
type rtfGroup struct {
	skip       bool // a destination that prints nothing
	fonttbl    bool
	nestProps  bool // {\*\nesttableprops}: the nested row's layout
	hidden     bool
	deleted    bool
	font       int
	uc         int // bytes of fallback after \uN
	listtext   bool
	sawControl bool // the group has had a control word (for \*)
}

type rtfParser struct {
	ctx      context.Context
	data     []byte
	at       int
	stack    []rtfGroup
	g        rtfGroup
	fonts    map[int]int // font number → charset
	codepage int
	skipN    int // fallback characters still to skip after \uN
	pending  []byte
	hi       rune // a high surrogate waiting for its pair
	text     strings.Builder
	chars    int
	props    paraProps
	row      *rowDef // the depth-1 row being defined
	nest     *rowDef // the nested row being defined
	cellDef  cellDef // merges of the next \cellx
	out      []para
}

func (p *rtfParser) run() ([]para, error) {
	if !strings.HasPrefix(strings.TrimLeft(string(p.data[:min(len(p.data), 64)]), " \t\r\n\ufeff"), `{\rtf`) {
		return nil, schema.Errorf(schema.ErrUnreadable, "not an RTF document")
	}
	p.g.uc = 1
	for p.at < len(p.data) {
		if p.at%65536 == 0 {
			if err := p.ctx.Err(); err != nil {
				return nil, &schema.Error{Code: schema.ErrTimeout, Err: err}
			}
		}
		c := p.data[p.at]
		switch c {
		case '{':
			p.flush()
			if len(p.stack) >= MaxGroupDepth {
				return nil, schema.Errorf(schema.ErrUnreadable, "RTF groups nest deeper than %d", MaxGroupDepth)
			}
			p.stack = append(p.stack, p.g)
			p.g.sawControl = false
			p.at++
		case '}':
			p.flush()
			if len(p.stack) == 0 {
				p.at = len(p.data) // the document's group is closed
				break
			}
			p.g = p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			p.at++
		case '\\':
			if err := p.control(); err != nil {
				return nil, err
			}
		case '\r', '\n':
			p.at++
		default:
			p.at++
			if p.skipN > 0 {
				p.skipN--
				continue
			}
			if !p.g.skip {
				p.flush()
				p.put(rune(c))
			}
		}
		if p.chars > MaxChars {
			return nil, schema.Errorf(schema.ErrTooLarge, "the text has more than %d characters", MaxChars)
		}
	}
	p.flush()
	if p.text.Len() > 0 {
		p.end(chPara)
	}
	return p.out, nil
}

// control reads a control word or symbol at p.at.
func (p *rtfParser) control() error {
	p.at++
	if p.at >= len(p.data) {
		return nil
	}
	c := p.data[p.at]
	if !isLetter(c) {
		p.at++
		switch c {
		case '\'':
			if p.at+2 <= len(p.data) {
				if v, err := strconv.ParseUint(string(p.data[p.at:p.at+2]), 16, 8); err == nil {
					p.at += 2
					if p.skipN > 0 {
						p.skipN--
					} else if !p.g.skip {
						p.pending = append(p.pending, byte(v))
					}
				}
			}
		case '*':
			if !p.g.sawControl {
				p.g.skip = true // an optional destination: skipped, unless known
			}
		case '~':
			p.char('\u00a0')
		case '_':
			p.char('-')
		case '\\', '{', '}':
			p.char(rune(c))
		case '\r', '\n':
			p.word("par", 0, false)
		}
		p.g.sawControl = true
		return nil
	}
	start := p.at
	for p.at < len(p.data) && isLetter(p.data[p.at]) && p.at-start < 32 {
		p.at++
	}
	name := string(p.data[start:p.at])
	n, has := 0, false
	numStart := p.at
	if p.at < len(p.data) && p.data[p.at] == '-' {
		p.at++
	}
	for p.at < len(p.data) && p.data[p.at] >= '0' && p.data[p.at] <= '9' && p.at-numStart < 11 {
		p.at++
	}
	if p.at > numStart {
		v, err := strconv.Atoi(string(p.data[numStart:p.at]))
		n, has = v, err == nil
	}
	if p.at < len(p.data) && p.data[p.at] == ' ' {
		p.at++
	}
	if name == "bin" && has && n > 0 {
		p.flush()
		p.at = min(p.at+n, len(p.data))
		return nil
	}
	p.word(name, n, has)
	p.g.sawControl = true
	return nil
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// rtfSkipped are the destinations that print nothing in the body (the
// font table is read for its charsets, in word).
var rtfSkipped = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"header": true, "headerl": true, "headerr": true, "headerf": true, "footer": true,
	"footerl": true, "footerr": true, "footerf": true, "footnote": true, "annotation": true,
	"fldinst": true, "shpinst": true, "nonshppict": true, "nonesttables": true,
	"listtable": true, "listoverridetable": true, "revtbl": true, "rsidtbl": true,
	"themedata": true, "colorschememapping": true, "latentstyles": true, "datastore": true,
	"xmlnstbl": true, "generator": true, "pgdsctbl": true, "bkmkstart": true, "bkmkend": true,
	"pntxta": true, "pntxtb": true, "template": true, "filetbl": true, "mmathPr": true,
}

// word acts on one control word.
func (p *rtfParser) word(name string, n int, has bool) {
	if rtfSkipped[name] {
		p.g.skip = true
		return
	}
	switch name {
	case "nesttableprops":
		p.g.skip, p.g.nestProps = false, true
		return
	case "fonttbl":
		p.g.skip, p.g.fonttbl = true, true
		return
	case "listtext", "pntext":
		p.g.listtext = true
		return
	}
	if p.g.fonttbl {
		switch name {
		case "f":
			p.g.font = n
		case "fcharset":
			p.fonts[p.g.font] = n
		}
		return
	}
	switch name {
	case "ansicpg":
		p.codepage = n
	case "uc":
		p.g.uc = max(n, 0)
	case "u":
		p.flush()
		r := rune(n)
		if r < 0 {
			r += 65536
		}
		p.char(r)
		p.skipN = p.g.uc
	case "f":
		p.flush()
		p.g.font = n
	case "plain":
		p.flush()
		p.g.hidden, p.g.deleted = false, false
	case "v":
		p.flush()
		p.g.hidden = !has || n != 0
	case "deleted":
		p.flush()
		p.g.deleted = !has || n != 0
	case "par", "sect":
		if !p.g.skip {
			p.end(chPara)
		}
	case "line", "page", "column":
		p.char('\n')
	case "tab":
		if !p.g.listtext { // list numbers: no tab after them, as for DOCX
			p.char('\t')
		}
	case "pard":
		p.props = paraProps{}
	case "intbl":
		p.props.inTable = true
	case "itap":
		p.props.itap, p.props.hasItap = n, true
	case "cell":
		p.props.inTable = true
		p.end(chCell)
	case "nestcell":
		p.endNested(true, false)
	case "row":
		pp := paraProps{inTable: true, ttp: true, row: p.row}
		p.flush()
		p.out = append(p.out, para{mark: chCell, props: pp})
		p.text.Reset()
	case "nestrow":
		p.endNested(false, true)
	case "trowd":
		if p.g.nestProps {
			p.nest = &rowDef{}
		} else {
			p.row = &rowDef{}
		}
		p.cellDef = cellDef{}
	case "clmgf":
		p.cellDef.firstMerged = true
	case "clmrg":
		p.cellDef.merged = true
	case "clvmgf":
		p.cellDef.vertMerge, p.cellDef.vertRestart = true, true
	case "clvmrg":
		p.cellDef.vertMerge = true
	case "cellx":
		def := &p.row
		if p.g.nestProps {
			def = &p.nest
		}
		if *def == nil {
			*def = &rowDef{}
		}
		d := *def
		if len(d.cells) < maxCells {
			if len(d.edges) == 0 {
				d.edges = append(d.edges, 0)
			}
			d.edges = append(d.edges, n)
			d.cells = append(d.cells, p.cellDef)
		}
		p.cellDef = cellDef{}
	}
}

// char adds a printed character.
func (p *rtfParser) char(r rune) {
	p.flush()
	p.put(r)
}

// put writes r unless the group prints nothing, pairing UTF-16 halves.
func (p *rtfParser) put(r rune) {
	if p.g.skip || p.g.hidden || p.g.deleted {
		return
	}
	if utf16.IsSurrogate(r) {
		if r < 0xDC00 {
			p.hi = r
			return
		}
		if p.hi != 0 {
			r = utf16.DecodeRune(p.hi, r)
		}
	}
	p.hi = 0
	if r < 0x20 && r != '\t' && r != '\n' {
		return
	}
	p.text.WriteRune(r)
	p.chars++
}

// flush decodes the \'hh bytes read so far in the font's charset.
func (p *rtfParser) flush() {
	if len(p.pending) == 0 {
		return
	}
	b := p.pending
	p.pending = p.pending[:0]
	enc := codepageEncoding(p.codepage)
	if cs, ok := p.fonts[p.g.font]; ok {
		if e := charsetEncoding(cs); e != nil {
			enc = e
		}
	}
	var s string
	if enc != nil {
		if out, err := enc.NewDecoder().Bytes(b); err == nil {
			s = string(out)
		}
	}
	if s == "" {
		s = string(charmapDecode(b))
	}
	for _, r := range s {
		p.put(r)
	}
}

func charmapDecode(b []byte) []rune {
	out := make([]rune, len(b))
	for i, c := range b {
		out[i] = cp1252(c)
	}
	return out
}

// end closes a paragraph with the given mark.
func (p *rtfParser) end(mark rune) {
	p.flush()
	p.out = append(p.out, para{text: p.text.String(), mark: mark, props: p.props})
	p.text.Reset()
	if mark == chCell {
		p.props.inTable = true
	}
}

// endNested ends a nested table's cell or row.
func (p *rtfParser) endNested(cell, row bool) {
	p.flush()
	pp := p.props
	pp.inTable = true
	if !pp.hasItap || pp.itap < 2 {
		pp.itap, pp.hasItap = 2, true
	}
	pp.innerCell, pp.innerTtp = cell, row
	if row {
		pp.row = p.nest
	}
	p.out = append(p.out, para{text: p.text.String(), mark: chPara, props: pp})
	p.text.Reset()
}

// charsetEncoding is the encoding of an RTF font charset, nil for ANSI or
// one not known.
func charsetEncoding(cs int) encoding.Encoding {
	switch cs {
	case 134:
		return simplifiedchinese.GBK
	case 136:
		return traditionalchinese.Big5
	case 128:
		return japanese.ShiftJIS
	}
	return nil
}

func codepageEncoding(cp int) encoding.Encoding {
	switch cp {
	case 936:
		return simplifiedchinese.GBK
	case 54936:
		return simplifiedchinese.GB18030
	case 950:
		return traditionalchinese.Big5
	case 932:
		return japanese.ShiftJIS
	case 1252:
		return charmap.Windows1252
	}
	return nil
}
