// Package sfnt reads the character map of TrueType and OpenType font
// programs, so that text set in an embedded font by glyph id (Identity-H/V
// encodings without a ToUnicode map) can still be read: the font's own
// `cmap` table says which character each glyph draws.
package sfnt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"xxgk/extract/pdf/gbcmap"
)

// ErrNoCmap means the font program has no usable Unicode cmap subtable, as
// in the subset fonts WPS embeds: its glyphs cannot be read as text.
var ErrNoCmap = errors.New("sfnt: font has no Unicode cmap")

// maxCodes bounds the work one cmap may ask for; real fonts stay far below
// (Unicode has 1.1 million code points, a font at most 65536 glyphs).
const maxCodes = 1 << 20

// GlyphRunes returns the character each glyph of the font draws, by glyph
// id, read from the font's cmap table, and for the vertical forms its GSUB
// table substitutes (vertical.go) the character of the glyph they replace. When several characters share a
// glyph, the ordinary one wins over private-use and compatibility
// characters, then the lowest. The error is ErrNoCmap (wrapped) when the
// font has no usable subtable, or says what is malformed.
func GlyphRunes(font []byte) (map[uint16]rune, error) {
	cmap, err := table(font, "cmap")
	if err != nil {
		return nil, err
	}
	subs, err := subtables(cmap)
	if err != nil {
		return nil, err
	}
	out := map[uint16]rune{}
	budget := maxCodes
	for _, s := range subs {
		// A later, less preferred subtable only fills glyphs the earlier
		// ones left unmapped or mapped to a private-use or compatibility
		// character.
		found := map[uint16]rune{}
		err := eachCode(cmap[s.offset:], &budget, func(code uint32, gid uint16) {
			r, ok := s.decode(code)
			if !ok || gid == 0 {
				return
			}
			if old, seen := found[gid]; !seen || better(r, old) {
				found[gid] = r
			}
		})
		if err != nil {
			return nil, fmt.Errorf("sfnt: cmap subtable (%d,%d): %w", s.platform, s.encoding, err)
		}
		for g, r := range found {
			if old, ok := out[g]; !ok || rank(r) < rank(old) {
				out[g] = r
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w (no glyph mapped)", ErrNoCmap)
	}
	addVertical(font, out)
	return out, nil
}

// CodeGlyphs returns the glyph of each single-byte code of a symbolic
// TrueType font, as a simple PDF font without /Encoding shows it: through
// the (3,0) subtable, whose codes are 0xF000 + code (or the code itself),
// else through the (1,0) Mac subtable. The error wraps ErrNoCmap when the
// font has neither.
func CodeGlyphs(font []byte) (map[byte]uint16, error) {
	cmap, err := table(font, "cmap")
	if err != nil {
		return nil, err
	}
	if len(cmap) < 4 {
		return nil, errors.New("sfnt: cmap table cut off")
	}
	var symbol, mac []byte
	for i := 0; i < int(u16(cmap, 2)); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errors.New("sfnt: cmap directory cut off")
		}
		off := int64(u32(cmap, rec+4))
		if off+4 > int64(len(cmap)) {
			continue
		}
		switch p, e := u16(cmap, rec), u16(cmap, rec+2); {
		case p == 3 && e == 0 && symbol == nil:
			symbol = cmap[off:]
		case p == 1 && e == 0 && mac == nil:
			mac = cmap[off:]
		}
	}
	sub := symbol
	if sub == nil {
		sub = mac
	}
	if sub == nil {
		return nil, fmt.Errorf("%w (no symbol or Mac subtable)", ErrNoCmap)
	}
	out := map[byte]uint16{}
	budget := maxCodes
	err = eachCode(sub, &budget, func(code uint32, gid uint16) {
		if gid == 0 {
			return
		}
		switch {
		case code <= 0xFF:
			if _, ok := out[byte(code)]; !ok {
				out[byte(code)] = gid
			}
		case code >= 0xF000 && code <= 0xF0FF:
			out[byte(code)] = gid
		}
	})
	if err != nil {
		return nil, fmt.Errorf("sfnt: cmap: %w", err)
	}
	return out, nil
}

// better reports whether r is a better reading of a glyph than old.
func better(r, old rune) bool {
	if rank(r) != rank(old) {
		return rank(r) < rank(old)
	}
	return r < old
}

func rank(r rune) int {
	switch {
	case unicode.Is(unicode.Co, r):
		return 2
	case (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x2F800 && r <= 0x2FA1F) || (r >= 0xFE10 && r <= 0xFE4F):
		return 1
	}
	return 0
}

// table returns the bytes of the named table of a TrueType ("\0\1\0\0",
// "true") or OpenType ("OTTO") font.
func table(font []byte, tag string) ([]byte, error) {
	if len(font) < 12 {
		return nil, errors.New("sfnt: too short for a font")
	}
	switch string(font[:4]) {
	case "\x00\x01\x00\x00", "OTTO", "true":
	default:
		return nil, fmt.Errorf("sfnt: not a TrueType/OpenType font (starts %q)", font[:4])
	}
	n := int(u16(font, 4))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, errors.New("sfnt: table directory cut off")
		}
		if string(font[rec:rec+4]) != tag {
			continue
		}
		off, length := int64(u32(font, rec+8)), int64(u32(font, rec+12))
		if off+length > int64(len(font)) {
			return nil, fmt.Errorf("sfnt: %s table beyond the end of the font", tag)
		}
		return font[off : off+length], nil
	}
	return nil, fmt.Errorf("%w (no %s table)", ErrNoCmap, tag)
}

type subtable struct {
	platform, encoding uint16
	offset             uint32
	pref               int // lower is better
	decode             func(code uint32) (rune, bool)
}

// subtables lists the cmap subtables that give Unicode, best first:
// full-repertoire Unicode, BMP Unicode, then PRC (GBK codes, read through
// GBK-EUC-H and Adobe-GB1) and Mac Roman. Symbol subtables (3,0) map
// private-use codes that say nothing about the text and are left out.
func subtables(cmap []byte) ([]subtable, error) {
	if len(cmap) < 4 {
		return nil, errors.New("sfnt: cmap table cut off")
	}
	n := int(u16(cmap, 2))
	var out []subtable
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errors.New("sfnt: cmap directory cut off")
		}
		s := subtable{platform: u16(cmap, rec), encoding: u16(cmap, rec+2), offset: u32(cmap, rec+4)}
		if int64(s.offset)+4 > int64(len(cmap)) {
			continue
		}
		switch {
		case s.platform == 3 && s.encoding == 10, s.platform == 0 && (s.encoding == 4 || s.encoding == 6):
			s.pref, s.decode = 0, unicodeCode
		case s.platform == 3 && s.encoding == 1, s.platform == 0 && s.encoding <= 3:
			s.pref, s.decode = 1, unicodeCode
		case s.platform == 3 && s.encoding == 3:
			gbk, _, err := gbcmap.Lookup("GBK-EUC-H")
			if err != nil {
				return nil, err
			}
			s.pref, s.decode = 2, func(code uint32) (rune, bool) { return gbkCode(gbk, code) }
		case s.platform == 1 && s.encoding == 0:
			s.pref, s.decode = 3, macRoman
		default:
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w (only symbol or unknown subtables)", ErrNoCmap)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].pref < out[j-1].pref; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}

func unicodeCode(code uint32) (rune, bool) {
	r := rune(code)
	return r, r > 0 && r <= unicode.MaxRune && !(r >= 0xD800 && r <= 0xDFFF) && r != 0xFFFF && r != 0xFFFE
}

func gbkCode(gbk *gbcmap.CMap, code uint32) (rune, bool) {
	if code > 0xFFFF {
		return 0, false
	}
	b := []byte{byte(code >> 8), byte(code)}
	if code < 0x100 {
		b = b[1:]
	}
	c, n := gbk.Next(b)
	if n != len(b) {
		return 0, false
	}
	t, ok := gbk.Text(c)
	if !ok {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return r, true
}

func macRoman(code uint32) (rune, bool) {
	if code > 0xFF || code < 0x20 {
		return 0, false
	}
	r := charmap.Macintosh.DecodeByte(byte(code))
	return r, r != unicode.ReplacementChar
}

// eachCode calls f for every code a subtable maps, in formats 0, 4, 6 and
// 12, charging the codes to budget.
func eachCode(t []byte, budget *int, f func(code uint32, gid uint16)) error {
	spend := func(n int) error {
		*budget -= n
		if *budget < 0 {
			return errors.New("too many codes")
		}
		return nil
	}
	switch format := u16(t, 0); format {
	case 0:
		if len(t) < 6+256 {
			return errors.New("format 0 cut off")
		}
		for c := 0; c < 256; c++ {
			f(uint32(c), uint16(t[6+c]))
		}
		return spend(256)
	case 4:
		if len(t) < 14 {
			return errors.New("format 4 cut off")
		}
		segs := int(u16(t, 6)) / 2
		ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
		if ranges+2*segs > len(t) {
			return errors.New("format 4 segments cut off")
		}
		for i := 0; i < segs; i++ {
			start, end := u16(t, starts+2*i), u16(t, ends+2*i)
			delta, ro := u16(t, deltas+2*i), int(u16(t, ranges+2*i))
			if start > end {
				continue
			}
			if err := spend(int(end-start) + 1); err != nil {
				return err
			}
			for c := uint32(start); c <= uint32(end) && c != 0xFFFF; c++ {
				if ro == 0 {
					f(c, uint16(c)+delta)
					continue
				}
				at := ranges + 2*i + ro + 2*int(c-uint32(start))
				if at+2 > len(t) {
					break
				}
				if g := u16(t, at); g != 0 {
					f(c, g+delta)
				}
			}
		}
		return nil
	case 6:
		if len(t) < 10 {
			return errors.New("format 6 cut off")
		}
		first, count := uint32(u16(t, 6)), int(u16(t, 8))
		if 10+2*count > len(t) {
			return errors.New("format 6 glyphs cut off")
		}
		for i := 0; i < count; i++ {
			f(first+uint32(i), u16(t, 10+2*i))
		}
		return spend(count)
	case 12:
		if len(t) < 16 {
			return errors.New("format 12 cut off")
		}
		groups := int64(u32(t, 12))
		if 16+12*groups > int64(len(t)) {
			return errors.New("format 12 groups cut off")
		}
		for i := 0; i < int(groups); i++ {
			g := 16 + 12*i
			start, end, gid := u32(t, g), u32(t, g+4), u32(t, g+8)
			if start > end || end > unicode.MaxRune || gid > 0xFFFF {
				continue
			}
			// Glyph ids are 16-bit: codes past the last glyph map nothing.
			n := min(end-start+1, 0x10000-gid)
			if err := spend(int(n)); err != nil {
				return err
			}
			for k := uint32(0); k < n; k++ {
				f(start+k, uint16(gid+k))
			}
		}
		return nil
	default:
		// Formats 2, 8, 10 and 13 are not used for Unicode subtables in
		// practice: such a subtable maps nothing here.
		return nil
	}
}

func u16(b []byte, at int) uint16 {
	if at < 0 || at+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[at:])
}

func u32(b []byte, at int) uint32 {
	if at < 0 || at+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[at:])
}
