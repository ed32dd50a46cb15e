package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// TestParseUnreadable runs the files whose text must not be trusted through
// the whole pipeline: the corpus report with its ToUnicode maps stripped
// (WPS subsets have no cmap, so nothing decodes it) fails with
// undecodable_text and yields no values; a scan fails with no_text_layer.
func TestParseUnreadable(t *testing.T) {
	tests := []struct {
		file  string
		pages int
		code  schema.ErrorCode
		msg   string
	}{
		{"hongzequ-no-tounicode.pdf", 5, schema.ErrUndecodableText,
			"hongzequ-no-tounicode.pdf: pages 1–5 have text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"undecodable-wps-like.pdf", 1, schema.ErrUndecodableText,
			"undecodable-wps-like.pdf: page 1 has text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"undecodable-symbolic.pdf", 1, schema.ErrUndecodableText,
			"undecodable-symbolic.pdf: page 1 has text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"image-only.pdf", 3, schema.ErrNoTextLayer, "image-only.pdf: pages 1–3 have no text layer: scanned?"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "fonts", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), tt.file, data)
			if r.Status != schema.StatusFailed || r.ErrorCode != tt.code || r.ErrorMessage != tt.msg {
				t.Errorf("status %s %s %q, want failed %s %q", r.Status, r.ErrorCode, r.ErrorMessage, tt.code, tt.msg)
			}
			if len(r.Cells) != 0 {
				t.Errorf("%d cells read, want none", len(r.Cells))
			}
			if r.Format != "pdf" || r.Pages != tt.pages {
				t.Errorf("format %q pages %d, want pdf %d", r.Format, r.Pages, tt.pages)
			}
		})
	}
}

// TestNoWrongDigits reads the corpus report whose Times New Roman font,
// the one table 1 prints its numbers in, lost its ToUnicode map: those
// numbers must not be read (their glyphs are undecodable), and every number
// that is read must be the true one.
func TestNoWrongDigits(t *testing.T) {
	fixtures.NeedCorpus(t)
	data, err := os.ReadFile(filepath.Join("testdata", "fonts", "hongzequ-digits-no-tounicode.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	truth, err := fixtures.Load(filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	r := extract.Parse(context.Background(), "hongzequ-digits-no-tounicode.pdf", data)
	read := 0
	for _, c := range r.Cells {
		v, ok := c.Number()
		if !ok {
			continue
		}
		read++
		if want := truth.Cells[c.Key]; want == nil || *want != v {
			t.Errorf("%s = %v (raw %q), want %v", c.Key, v, c.Raw, want)
		}
	}
	// Table 1's nine numbers are in the undecodable font.
	unread := []string{
		"active.rules.issued", "active.rules.repealed", "active.rules.in_force",
		"active.normative_documents.issued", "active.normative_documents.repealed",
		"active.normative_documents.in_force", "active.penalties.decisions",
		"active.coercive_measures.decisions", "active.fees.amount_10k_yuan",
	}
	for _, k := range unread {
		if c, ok := r.Cell(k); ok {
			if _, isNum := c.Number(); isNum {
				t.Errorf("%s read as a number from undecodable glyphs: %+v", k, c)
			}
		}
	}
	if want := len(truth.Cells) - len(unread); read != want {
		t.Errorf("%d numbers read, want %d", read, want)
	}
	// The report says what it could not read.
	if r.Status != schema.StatusPartial || r.ErrorCode != schema.ErrUndecodableText {
		t.Errorf("status %s %s, want partial undecodable_text", r.Status, r.ErrorCode)
	}
	for _, k := range unread {
		if !strings.Contains(r.ErrorMessage, k) {
			t.Errorf("message does not name %s: %s", k, r.ErrorMessage)
		}
	}
}
