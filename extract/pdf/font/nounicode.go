package font

// Reading fonts that carry no ToUnicode map, or one that misses codes:
// predefined Adobe-GB1 CMaps, the embedded TrueType font's own cmap table,
// the Adobe-GB1 CID→Unicode table, and glyph names (simple.go). Each is a
// TextMap tried after ToUnicode. A font none of them reads keeps no
// TextMap: its glyphs count as undecodable, never as a guess.

import (
	"fmt"

	"github.com/ledongthuc/pdf"

	"xxgk/extract/pdf/cmap"
	"xxgk/extract/pdf/gbcmap"
	"xxgk/extract/pdf/sfnt"
)

// predefined returns the encoding of a composite font whose /Encoding
// names a CMap other than Identity-H/V: the GB CMaps are known, others are
// not supported.
func predefined(name string) (*gbcmap.CMap, error) {
	m, ok, err := gbcmap.Lookup(name)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("predefined CMap %s is not supported", name)
	}
	return m, nil
}

// usesPredefined returns the GB CMap an embedded encoding CMap builds on
// (usecmap), or nil when it names none or another collection's.
func usesPredefined(m *cmap.CMap) (*gbcmap.CMap, error) {
	if m.UseCMap == "" {
		return nil, nil
	}
	base, ok, err := gbcmap.Lookup(m.UseCMap)
	if !ok {
		return nil, err
	}
	return base, err
}

// overlay is an embedded encoding CMap over the predefined CMap it uses:
// codes split by the predefined codespaces (an embedded CMap that uses
// another inherits them), the embedded CID mappings win.
type overlay struct {
	own  *cmap.CMap
	base *gbcmap.CMap
}

func (o overlay) Next(s []byte) (uint32, int) { return o.base.Next(s) }

func (o overlay) CID(code uint32) (uint32, bool) {
	if cid, ok := o.own.CID(code); ok {
		return cid, true
	}
	return o.base.CID(code)
}

// compositeFallbacks appends the TextMaps that read a composite font's
// codes through its CIDs: the embedded TrueType cmap (via /CIDToGIDMap),
// then the Adobe-GB1 table when the CIDFont says its CIDs are Adobe-GB1's.
// A predefined GB CMap as /Encoding reads its own codes. A font program
// without a usable cmap (WPS subsets) adds nothing: unless ToUnicode reads
// the font, its glyphs stay undecodable.
func (f *Font) compositeFallbacks(desc pdf.Value) {
	switch enc := f.Encoding.(type) {
	case *gbcmap.CMap:
		f.Text = append(f.Text, enc)
	case overlay:
		// The UniGB codes are their text whatever CID the overlay picks;
		// other codes read through the CID (Adobe-GB1 below).
		if enc.base.Unicode() {
			f.Text = append(f.Text, enc.base)
		}
	}
	if desc.Key("Subtype").Name() == "CIDFontType2" {
		if prog := desc.Key("FontDescriptor").Key("FontFile2"); prog.Kind() == pdf.Stream {
			enc, gids := f.Encoding, desc.Key("CIDToGIDMap")
			f.Text = append(f.Text, &lazyText{load: func() (TextMap, error) { return trueTypeText(enc, prog, gids) }})
		}
	}
	info := desc.Key("CIDSystemInfo")
	if info.Key("Registry").Text() == "Adobe" && info.Key("Ordering").Text() == "GB1" {
		f.Text = append(f.Text, gb1Text{f.Encoding})
	}
}

// lazyText is a TextMap built on first use. Reading and decompressing a
// font program costs more than the rest of a page, and most fonts never
// need it: their ToUnicode maps answer first.
type lazyText struct {
	load   func() (TextMap, error)
	loaded bool
	m      TextMap
}

func (l *lazyText) Text(code uint32) (string, bool) {
	if !l.loaded {
		l.loaded = true
		l.m = l.build()
	}
	if l.m == nil {
		return "", false
	}
	return l.m.Text(code)
}

// build loads the map. It runs during text placement, outside the
// reader's guard, so it recovers the PDF library's panics itself: a
// damaged font program loses this fallback only, and the undecoded
// glyphs are counted as such.
func (l *lazyText) build() (m TextMap) {
	defer func() {
		if recover() != nil {
			m = nil
		}
	}()
	m, err := l.load()
	if err != nil {
		return nil
	}
	return m
}

// gb1Text reads codes through their Adobe-GB1 CIDs.
type gb1Text struct{ enc Encoding }

func (g gb1Text) Text(code uint32) (string, bool) {
	cid, ok := g.enc.CID(code)
	if !ok {
		return "", false
	}
	r, ok := gbcmap.GB1Unicode(cid)
	if !ok {
		return "", false
	}
	return string(r), true
}

// cmapText reads codes through the glyph ids of an embedded TrueType
// font and the characters its cmap gives those glyphs.
type cmapText struct {
	enc    Encoding
	gidMap []byte // CIDToGIDMap stream: 2 bytes per CID; nil for Identity
	runes  map[uint16]rune
}

func trueTypeText(enc Encoding, prog, cidToGID pdf.Value) (*cmapText, error) {
	data, err := readStream(prog)
	if err != nil {
		return nil, fmt.Errorf("FontFile2: %w", err)
	}
	runes, err := sfnt.GlyphRunes(data)
	if err != nil {
		return nil, err
	}
	t := &cmapText{enc: enc, runes: runes}
	if cidToGID.Kind() == pdf.Stream {
		if t.gidMap, err = readStream(cidToGID); err != nil {
			return nil, fmt.Errorf("CIDToGIDMap: %w", err)
		}
	}
	return t, nil
}

func (g *cmapText) Text(code uint32) (string, bool) {
	cid, ok := g.enc.CID(code)
	if !ok {
		return "", false
	}
	gid := cid
	if g.gidMap != nil {
		if int(2*cid+1) >= len(g.gidMap) {
			return "", false
		}
		gid = uint32(g.gidMap[2*cid])<<8 | uint32(g.gidMap[2*cid+1])
	}
	if gid > 0xFFFF {
		return "", false
	}
	r, ok := g.runes[uint16(gid)]
	if !ok {
		return "", false
	}
	return string(r), true
}

// builtInCodes reports whether a simple font's codes pick glyphs of its own
// embedded program rather than characters of a standard encoding: it has no
// /Encoding, is flagged symbolic and not nonsymbolic, and embeds its font.
// Read as Latin-1, such codes (subset fonts number glyphs 1, 2, 3 …) would
// turn into wrong letters and digits.
func builtInCodes(v pdf.Value) bool {
	if !v.Key("Encoding").IsNull() {
		return false
	}
	desc := v.Key("FontDescriptor")
	flags := desc.Key("Flags").Int64()
	if flags&4 == 0 || flags&32 != 0 {
		return false
	}
	for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
		if desc.Key(k).Kind() == pdf.Stream {
			return true
		}
	}
	return false
}

// symbolicText reads the codes of a builtInCodes font through its embedded
// TrueType program: code → glyph by the symbol (or Mac) cmap subtable,
// glyph → character by the Unicode one. It is nil when the program cannot
// tell, and the font's glyphs stay undecodable.
func symbolicText(desc pdf.Value) TextMap {
	prog := desc.Key("FontFile2")
	if prog.Kind() != pdf.Stream {
		return nil
	}
	data, err := readStream(prog)
	if err != nil {
		return nil
	}
	glyphs, err := sfnt.CodeGlyphs(data)
	if err != nil {
		return nil
	}
	runes, err := sfnt.GlyphRunes(data)
	if err != nil {
		return nil
	}
	var t byteText
	for code, gid := range glyphs {
		if r, ok := runes[gid]; ok {
			t[code] = string(r)
		}
	}
	return &t
}
