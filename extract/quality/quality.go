// Package quality judges whether the text layer of a page can be trusted
// (PDF, OFD, and the text OCR read from a scan):
// pages that show no text at all (scans), and pages whose glyphs do not
// decode to plausible Chinese or ASCII text (fonts without ToUnicode maps
// or cmap tables). A wrong digit is worse than none, so text that fails
// here yields no values.
package quality

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"xxgk/schema"
)

// MinShare is the share of plausible glyphs below which a page's text is
// taken as undecodable. Real report pages score above 0.95; fonts read
// through a wrong table score near 0, so the cut is not delicate.
const MinShare = 0.5

// Page tallies the glyphs one page shows.
type Page struct {
	// TextShown is true when the page's content showed any string (Tj, TJ,
	// ' or "), decodable or not.
	TextShown bool
	// Glyphs counts shown glyphs other than spaces; Plausible those whose
	// text is plausible (see Plausible). An undecodable glyph has text "".
	Glyphs, Plausible int
}

// Add counts one shown glyph with its decoded text ("" if undecodable).
// Spaces count for nothing: fonts with no other mapping often still map
// code 32.
func (p *Page) Add(text string) {
	p.TextShown = true
	if strings.TrimSpace(text) == "" && text != "" {
		return
	}
	p.Glyphs++
	if Plausible(text) {
		p.Plausible++
	}
}

// Share returns the share of the page's glyphs that are plausible, 1 for a
// page without glyphs.
func (p Page) Share() float64 {
	if p.Glyphs == 0 {
		return 1
	}
	return float64(p.Plausible) / float64(p.Glyphs)
}

// Readable reports whether the page shows text worth reading.
func (p Page) Readable() bool {
	return p.Glyphs > 0 && p.Share() >= MinShare
}

// Plausible reports whether text is what a Chinese report prints: every
// rune printable ASCII or Latin-1, general punctuation, number forms and
// symbols, CJK punctuation, ideographs, kana (the middle dot ・) or
// full-width forms. Control characters, private use, U+FFFD and other
// scripts are what glyphs read through the wrong table turn into.
func Plausible(text string) bool {
	if text == "" {
		return false
	}
	for _, r := range text {
		if !plausibleRune(r) {
			return false
		}
	}
	return utf8.ValidString(text)
}

func plausibleRune(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xFF && r != 0xAD:
		return true
	case r >= 0x2000 && r <= 0x206F: // general punctuation: “ ” — …
		return true
	case r >= 0x2100 && r <= 0x22FF: // letterlike, number forms, arrows, maths
		return true
	case r >= 0x2460 && r <= 0x27BF: // ①, box drawing, shapes □ ■ ○, ★ ✓
		return true
	case r >= 0x3000 && r <= 0x30FF: // CJK punctuation 、。《》, kana ・
		return true
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0x20000 && r <= 0x3134F:
		return true
	case r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF01 && r <= 0xFFEF:
		return true
	}
	return false
}

// Assess returns the error that makes a whole document unusable, or nil:
// no_text_layer when no page shows any text (a scan), undecodable_text when
// pages show text but most of it is unreadable: no page readable, or fewer
// than MinShare of all glyphs plausible (a readable cover over undecodable
// tables). pages are in page order, page 1 first.
func Assess(pages []Page) error {
	var silent, unreadable []int
	readable, glyphs, plausible := 0, 0, 0
	for i, p := range pages {
		glyphs += p.Glyphs
		plausible += p.Plausible
		switch {
		case p.Glyphs == 0:
			// Strings of spaces only, or none: nothing printed as text.
			silent = append(silent, i+1)
		case p.Readable():
			readable++
		default:
			unreadable = append(unreadable, i+1)
		}
	}
	if len(unreadable) > 0 && (readable == 0 || float64(plausible) < MinShare*float64(glyphs)) {
		return schema.Errorf(schema.ErrUndecodableText,
			"%s text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it",
			pagesPhrase(unreadable, "has", "have"))
	}
	if readable > 0 {
		return nil
	}
	if len(pages) == 0 {
		return schema.Errorf(schema.ErrNoTextLayer, "the file has no pages")
	}
	return schema.Errorf(schema.ErrNoTextLayer, "%s no text layer: scanned?", pagesPhrase(silent, "has", "have"))
}

// pagesPhrase names pages as "page 2 has" or "pages 3–5, 7 have".
func pagesPhrase(pages []int, one, many string) string {
	if len(pages) == 1 {
		return "page " + strconv.Itoa(pages[0]) + " " + one
	}
	return "pages " + Ranges(pages) + " " + many
}

// Ranges writes ascending page numbers as runs: [1 3 4 5 8] → "1, 3–5, 8".
func Ranges(pages []int) string {
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.Itoa(pages[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
