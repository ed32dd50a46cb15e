// Package font reads PDF font dictionaries into what text placement needs:
// how the bytes of a shown string split into character codes, the Unicode
// text of each code, and each glyph's advance width.
//
// Decoding is pluggable. A font's text comes from the TextMaps in its Text
// list, tried in order; Load puts the ToUnicode CMap first. A font without
// ToUnicode (predefined GB CMaps, bare TrueType programs) needs another
// TextMap appended there, for example CID → Unicode through Adobe-GB1.
package font

import (
	"fmt"

	"github.com/ledongthuc/pdf"

	"xxgk/extract/bounded"
	"xxgk/extract/pdf/cmap"
)

// Encoding splits shown bytes into character codes and maps codes to CIDs.
// Composite fonts (Type0) have one from /Encoding; simple fonts use
// single bytes, code = CID.
type Encoding interface {
	// Next returns the code at the start of s and its length in bytes
	// (≥ 1 when s is not empty).
	Next(s []byte) (code uint32, n int)
	// CID returns the CID of code, which indexes the glyph widths.
	CID(code uint32) (uint32, bool)
}

// TextMap gives the Unicode text of a character code.
type TextMap interface {
	Text(code uint32) (string, bool)
}

// Char is one character code of a shown string.
type Char struct {
	Code uint32
	Len  int    // bytes of the code in the string
	Text string // Unicode text, "" when no TextMap knows the code
	// Width is the advance in text space per unit of font size: 0.5 for a
	// glyph half an em wide.
	Width float64
	// Space is true for the single-byte code 32, the only code that word
	// spacing (Tw) applies to.
	Space bool
}

// Font is a loaded font, shared by the pages of one document. Its fallback
// text maps load on first use, so it is not safe for concurrent use.
type Font struct {
	BaseFont string
	Subtype  string
	// Vertical is true for vertical writing (Identity-V, WMode 1): glyphs
	// advance downwards.
	Vertical bool
	// Ascent and Descent bound glyphs vertically, per unit of font size
	// (Descent is negative).
	Ascent, Descent float64
	// Encoding splits strings into codes.
	Encoding Encoding
	// Text is tried in order for the text of each code.
	Text []TextMap

	widths       map[uint32]float64 // per CID (composite) or code (simple)
	defaultWidth float64
	// vertical metrics of composite fonts, from /DW2: the position vector's
	// y and the advance, per unit of font size.
	originY, advanceY float64
}

// Load reads a font dictionary. It calls into the PDF library, which
// panics on damaged files: callers recover.
func Load(v pdf.Value) (*Font, error) {
	if v.Kind() != pdf.Dict {
		return nil, fmt.Errorf("font is a %v, not a dictionary", v.Kind())
	}
	f := &Font{
		BaseFont: v.Key("BaseFont").Name(),
		Subtype:  v.Key("Subtype").Name(),
		Ascent:   0.88,
		Descent:  -0.12,
		widths:   map[uint32]float64{},
		originY:  0.88,
		advanceY: -1,
	}
	var err error
	if f.Subtype == "Type0" {
		err = f.loadComposite(v)
	} else {
		err = f.loadSimple(v)
	}
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f.BaseFont, err)
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		data, err := readStream(tu)
		if err != nil {
			return nil, fmt.Errorf("font %s: ToUnicode: %w", f.BaseFont, err)
		}
		// A broken ToUnicode loses the text of this font, not the file:
		// the fallbacks below may still decode it.
		if m, err := cmap.Parse(data); err == nil && m.Len() > 0 {
			f.Text = append([]TextMap{m}, f.Text...)
		}
	}
	return f, nil
}

func (f *Font) loadComposite(v pdf.Value) error {
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		switch enc.Name() {
		case "Identity-H":
			f.Encoding = identity{}
		case "Identity-V":
			f.Encoding, f.Vertical = identity{}, true
		default:
			m, err := predefined(enc.Name())
			if err != nil {
				return err
			}
			f.Encoding, f.Vertical = m, m.Vertical()
		}
	case pdf.Stream:
		data, err := readStream(enc)
		if err != nil {
			return fmt.Errorf("encoding CMap: %w", err)
		}
		m, err := cmap.Parse(data)
		if err != nil {
			return fmt.Errorf("encoding CMap: %w", err)
		}
		f.Encoding, f.Vertical = m, m.Vertical || enc.Key("WMode").Int64() == 1
		base, err := usesPredefined(m)
		if err != nil {
			return fmt.Errorf("encoding CMap: %w", err)
		}
		if base != nil {
			f.Encoding, f.Vertical = overlay{m, base}, f.Vertical || base.Vertical()
		}
	default:
		return fmt.Errorf("no /Encoding")
	}
	desc := v.Key("DescendantFonts").Index(0)
	f.defaultWidth = 1
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.defaultWidth = dw.Float64() / 1000
	}
	readW(desc.Key("W"), f.widths)
	if dw2 := desc.Key("DW2"); dw2.Len() == 2 {
		f.originY, f.advanceY = dw2.Index(0).Float64()/1000, dw2.Index(1).Float64()/1000
	}
	f.readDescriptor(desc.Key("FontDescriptor"))
	f.compositeFallbacks(desc)
	return nil
}

// readW reads a /W array: `c [w1 w2 …]` and `cfirst clast w` entries.
func readW(w pdf.Value, into map[uint32]float64) {
	for i := 0; i < w.Len(); {
		first := w.Index(i)
		if i+1 >= w.Len() {
			return
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c := uint32(first.Int64())
			for k := 0; k < next.Len(); k++ {
				into[c+uint32(k)] = next.Index(k).Float64() / 1000
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			return
		}
		lo, hi, width := first.Int64(), next.Int64(), w.Index(i+2).Float64()/1000
		// A range of more than 65536 CIDs is damage, not a font.
		if lo >= 0 && hi >= lo && hi-lo <= 0xFFFF {
			for c := lo; c <= hi; c++ {
				into[uint32(c)] = width
			}
		}
		i += 3
	}
}

func (f *Font) loadSimple(v pdf.Value) error {
	f.Encoding = singleByte{}
	// Type 3 glyphs are drawn in their own space, mapped to text space by
	// /FontMatrix; other simple fonts use 1/1000 em.
	scale := 0.001
	if f.Subtype == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
			scale = m.Index(0).Float64()
		}
	}
	desc := v.Key("FontDescriptor")
	f.defaultWidth = 0.5
	if mw := desc.Key("MissingWidth"); mw.Float64() > 0 {
		f.defaultWidth = mw.Float64() * scale
	}
	first := uint32(v.Key("FirstChar").Int64())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len(); i++ {
		f.widths[first+uint32(i)] = ws.Index(i).Float64() * scale
	}
	f.readDescriptor(desc)
	if builtInCodes(v) {
		if t := symbolicText(desc); t != nil {
			f.Text = append(f.Text, t)
		}
		return nil
	}
	f.Text = append(f.Text, simpleEncoding(v.Key("Encoding")))
	return nil
}

func (f *Font) readDescriptor(d pdf.Value) {
	a, dsc := d.Key("Ascent").Float64()/1000, d.Key("Descent").Float64()/1000
	// Many producers write 0 or nonsense here; keep the defaults then.
	if a > 0.5 && a < 1.5 && dsc <= 0 && dsc > -0.6 {
		f.Ascent, f.Descent = a, dsc
	}
}

// Decode splits s into characters, appending them to out.
func (f *Font) Decode(s []byte, out []Char) []Char {
	for len(s) > 0 {
		code, n := f.Encoding.Next(s)
		if n <= 0 {
			n = 1
		}
		c := Char{Code: code, Len: n, Space: n == 1 && code == 32}
		for _, t := range f.Text {
			if txt, ok := t.Text(code); ok {
				c.Text = ideographs(txt)
				break
			}
		}
		c.Width = f.defaultWidth
		if cid, ok := f.Encoding.CID(code); ok {
			if w, ok := f.widths[cid]; ok {
				c.Width = w
			}
		}
		out = append(out, c)
		s = s[n:]
	}
	return out
}

// VerticalMetrics returns, for vertical writing, the y of the glyph's
// vertical origin above its horizontal one and the vertical advance
// (negative: downwards), per unit of font size.
func (f *Font) VerticalMetrics() (originY, advance float64) {
	return f.originY, f.advanceY
}

// identity is the Identity-H/V encoding: two-byte codes that are CIDs.
type identity struct{}

func (identity) Next(s []byte) (uint32, int) {
	if len(s) < 2 {
		return uint32(s[0]), 1
	}
	return uint32(s[0])<<8 | uint32(s[1]), 2
}

func (identity) CID(code uint32) (uint32, bool) { return code, true }

// singleByte is the encoding of simple fonts: one byte per code.
type singleByte struct{}

func (singleByte) Next(s []byte) (uint32, int)    { return uint32(s[0]), 1 }
func (singleByte) CID(code uint32) (uint32, bool) { return code, true }

// maxFontStream bounds a ToUnicode CMap, an embedded CMap or a font program.
const maxFontStream = 16 << 20

func readStream(v pdf.Value) ([]byte, error) {
	rc := v.Reader()
	defer rc.Close()
	// A CMap or font program of a few megabytes is already huge: the limit
	// stops a decompression bomb from filling the memory, and a stream over
	// it fails the font rather than decoding a cut-off table.
	return bounded.ReadAll(rc, maxFontStream, 0, "a font stream")
}
