package pdf

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract/pdf/layout"
	"xxgk/schema"
)

func drawn(t *testing.T, content, extraPage string) *layout.Page {
	t.Helper()
	d, note, err := open(onePage(content, extraPage))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if note != nil {
		t.Errorf("a sound file repaired: %s", note.Message)
	}
	p, err := d.page(context.Background(), 1)
	if err != nil {
		t.Fatalf("page: %v", err)
	}
	return p
}

func boxString(r layout.Rect) string {
	return fmt.Sprintf("[%.2f %.2f %.2f %.2f]", r.X0, r.Y0, r.X1, r.Y1)
}

// TestGlyphPlacement checks where glyphs land, in points from the top-left
// of the page as displayed, for the text operators and state that move
// them. F1 glyphs are 0.5 em wide; default ascent 0.88 em, descent -0.12.
func TestGlyphPlacement(t *testing.T) {
	for _, tc := range []struct {
		name, content, page string
		want                []string // text and box of each glyph
	}{
		{"Tj at Td", "BT /F1 10 Tf 100 700 Td (AB) Tj ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]", "B [105.00 133.20 110.00 143.20]"}},
		{"TJ adjustment moves back by thousandths of an em", "BT /F1 10 Tf 100 700 Td [(A) -1000 (B)] TJ ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]", "B [115.00 133.20 120.00 143.20]"}},
		{"character and word spacing", "BT /F1 10 Tf 2 Tc 3 Tw 100 700 Td (A B) Tj ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]", "B [117.00 133.20 122.00 143.20]"}},
		{"horizontal scaling", "BT /F1 10 Tf 50 Tz 100 700 Td (AB) Tj ET", "",
			[]string{"A [100.00 133.20 102.50 143.20]", "B [102.50 133.20 105.00 143.20]"}},
		{"rise", "BT /F1 10 Tf 5 Ts 100 700 Td (A) Tj ET", "",
			[]string{"A [100.00 128.20 105.00 138.20]"}},
		{"T* and TL", "BT /F1 10 Tf 12 TL 100 700 Td (A) Tj T* (B) Tj ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]", "B [100.00 145.20 105.00 155.20]"}},
		{"WPS flipped CTM and Tm scaled by 0.05", "1 0 0 -1 0 842 cm BT /F1 259 Tf 0.05 0 0 -0.05 100 100 Tm (A) Tj ET", "",
			[]string{"A [100.00 88.60 106.47 101.55]"}},
		{"rotated page", "BT /F1 10 Tf 100 700 Td (A) Tj ET", "/Rotate 90",
			[]string{"A [698.80 100.00 708.80 105.00]"}},
		{"Identity-H through ToUnicode: bfchar, bfrange array with a surrogate pair, incrementing bfrange", "BT /F2 10 Tf 100 700 Td <00010002001000120021> Tj ET", "",
			[]string{"三 [100.00 133.20 110.00 143.20]", "、 [110.00 133.20 120.00 143.20]", "本 [120.00 133.20 130.00 143.20]",
				"𠀀 [130.00 133.20 140.00 143.20]", "1 [140.00 133.20 145.00 143.20]"}},
		{"W widths of a CID font", "BT /F2 10 Tf 100 700 Td <00200021> Tj ET", "",
			[]string{"0 [100.00 133.20 105.00 143.20]", "1 [105.00 133.20 110.00 143.20]"}},
		{"Identity-V advances downwards, glyphs centred on the pen", "BT /F3 10 Tf 100 700 Td <00010010> Tj ET", "",
			[]string{"三 [95.00 142.00 105.00 152.00]", "本 [95.00 152.00 105.00 162.00]"}},
		{"form XObject with its matrix", "q 1 0 0 1 50 700 cm /Fm1 Do Q", "",
			[]string{"X [60.00 133.20 65.00 143.20]"}},
		{"q/Q restores the CTM", "q 1 0 0 1 50 0 cm Q BT /F1 10 Tf 100 700 Td (A) Tj ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]"}},
		{"invisible text is not printed", "BT /F1 10 Tf 3 Tr 100 700 Td (A) Tj ET", "", nil},
		{"nor is text that only clips", "BT /F1 10 Tf 7 Tr 100 700 Td (A) Tj ET", "", nil},
		{"inline image skipped", "BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI BT /F1 10 Tf 100 700 Td (A) Tj ET", "",
			[]string{"A [100.00 133.20 105.00 143.20]"}},
		{"escapes in literal strings", `BT /F1 10 Tf 100 700 Td (\101\(\)) Tj ET`, "",
			[]string{"A [100.00 133.20 105.00 143.20]", "( [105.00 133.20 110.00 143.20]", ") [110.00 133.20 115.00 143.20]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := drawn(t, tc.content, tc.page)
			var got []string
			for _, g := range p.Glyphs {
				got = append(got, g.Text+" "+boxString(g.Box))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("glyphs\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestRules checks which paths become ruling lines: stroked lines and thin
// filled rectangles, not clips or wide fills.
func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []layout.Rule
	}{
		{"stroked line", "10 10 m 200 10 l S", []layout.Rule{{Horizontal: true, At: 832, From: 10, To: 200}}},
		{"stroked rectangle", "10 10 100 50 re S", []layout.Rule{
			{Horizontal: true, At: 832, From: 10, To: 110}, {At: 110, From: 782, To: 832},
			{Horizontal: true, At: 782, From: 10, To: 110}, {At: 10, From: 782, To: 832}}},
		{"clip", "10 10 100 50 re W n 20 20 300 400 re W* n", nil},
		{"thin fill", "10 10 0.5 300 re f", []layout.Rule{{At: 10.25, From: 532, To: 832}}},
		{"cell shading", "10 10 200 50 re f", nil},
		{"thin filled polygon (Skia borders)", "10 10 m 10 300 l 11 299 l 11 10 l f", []layout.Rule{{At: 10.5, From: 542, To: 832}}},
		{"curved fill", "10 10 m 10 300 l 11 300 11 10 11 10 c f", nil},
		{"diagonal", "10 10 m 200 200 l S", nil},
		{"flipped CTM", "1 0 0 -1 0 842 cm 75.41 79.89 m 517.39 79.89 l S", []layout.Rule{{Horizontal: true, At: 79.89, From: 75.41, To: 517.39}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := drawn(t, tc.content, "")
			if len(p.Rules) != len(tc.want) {
				t.Fatalf("rules %+v, want %+v", p.Rules, tc.want)
			}
			for i, r := range p.Rules {
				w := tc.want[i]
				if r.Horizontal != w.Horizontal || math.Abs(r.At-w.At) > 0.01 || math.Abs(r.From-w.From) > 0.01 || math.Abs(r.To-w.To) > 0.01 {
					t.Errorf("rule %d: %+v, want %+v", i, r, w)
				}
			}
		})
	}
}

// TestExtractErrors checks the error code of files that cannot be read.
func TestExtractErrors(t *testing.T) {
	noToUnicode := onePage("BT /F2 10 Tf 100 700 Td <0001> Tj ET", "")
	for _, tc := range []struct {
		name string
		data []byte
		code schema.ErrorCode
	}{
		{"garbage after the header", []byte("%PDF-1.4\nnot a pdf at all\n%%EOF\n"), schema.ErrUnreadable},
		{"truncated", onePage("BT /F1 10 Tf (A) Tj ET", "")[:300], schema.ErrUnreadable},
		{"no text drawn", onePage("10 10 m 200 10 l S", ""), schema.ErrNoTextLayer},
		{"fonts without text", []byte(strings.Replace(string(noToUnicode), "/ToUnicode", "/NoUnicode", -1)), schema.ErrUndecodableText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tc.data)
			if got := schema.CodeOf(err); got != tc.code {
				t.Errorf("error %v (code %s), want code %s", err, got, tc.code)
			}
		})
	}
}

// TestCancelled stops reading when the context ends.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, onePage("BT /F1 10 Tf 100 700 Td (A) Tj ET", ""))
	if schema.CodeOf(err) != schema.ErrTimeout {
		t.Errorf("error %v, want code %s", err, schema.ErrTimeout)
	}
}

// TestEncrypted reads the files qpdf encrypted from a one-line page: with
// an owner password only (AES-128) they open; a user password, or AES-256
// that the PDF library cannot decrypt, is reported as encrypted.
func TestEncrypted(t *testing.T) {
	for _, tc := range []struct {
		file string
		code schema.ErrorCode // "" for readable
	}{
		{"encrypted_owner_password.pdf", ""},
		{"encrypted_user_password.pdf", schema.ErrEncrypted},
		{"encrypted_aes256.pdf", ""}, // owner password only: decrypted by pdf/decrypt
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data)
			if tc.code != "" {
				if schema.CodeOf(err) != tc.code {
					t.Errorf("error %v, want code %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if lines := doc.Lines(); len(lines) != 1 || lines[0] != "Report 2024" {
				t.Errorf("lines %q", lines)
			}
		})
	}
}

// TestTurnedText reads text turned a quarter either way in its reading
// order, and two columns of vertical writing right to left.
func TestTurnedText(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{"turned clockwise, read downwards", "BT /F1 10 Tf 0 -1 1 0 100 700 Tm (ABC) Tj ET", []string{"ABC"}},
		{"turned anticlockwise, read upwards", "BT /F1 10 Tf 0 1 -1 0 100 600 Tm (ABC) Tj ET", []string{"ABC"}},
		{"vertical writing in two columns", "BT /F3 10 Tf 1 0 0 1 185 700 Tm <0011> Tj 1 0 0 1 200 700 Tm <00010010> Tj ET", []string{"三本", "年"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), onePage(tc.content, ""))
			if err != nil {
				t.Fatal(err)
			}
			if lines := doc.Lines(); fmt.Sprint(lines) != fmt.Sprint(tc.want) {
				t.Errorf("lines %q, want %q", lines, tc.want)
			}
		})
	}
}
