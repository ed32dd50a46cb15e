package quality

import (
	"errors"
	"testing"

	"xxgk/schema"
)

func TestPlausible(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"政", true},
		{"1", true},
		{"（", true},
		{"、", true},
		{"№", true},
		{"①", true},
		{"✓", true},
		{"★", true},
		{"１", true},
		{"・", true},
		{"𠂇", true},
		{"fi", true},
		{"", false},
		{"\uFFFD", false},
		{"\x03", false},
		{"\uE000", false}, // private use
		{"Ѐ", false},      // Cyrillic: what GIDs read as Unicode look like
		{"ש", false},
		{"\u00AD", false},
		{"a\x01", false},
	}
	for _, tt := range tests {
		if got := Plausible(tt.text); got != tt.want {
			t.Errorf("Plausible(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func page(texts ...string) Page {
	var p Page
	for _, t := range texts {
		p.Add(t)
	}
	return p
}

func TestPage(t *testing.T) {
	p := page("政", "府", " ", "", "1", "\uE001")
	if p.Glyphs != 5 || p.Plausible != 3 || p.Share() != 0.6 || !p.Readable() {
		t.Errorf("page = %+v share %v", p, p.Share())
	}
	if q := page("", "", "1"); q.Readable() {
		t.Errorf("1 of 3 readable: %+v", q)
	}
	if q := page(" ", " "); q.Glyphs != 0 || !q.TextShown || q.Readable() {
		t.Errorf("spaces only: %+v", q)
	}
}

func TestAssess(t *testing.T) {
	good := page("政", "府", "1")
	bad := page("", "", "", "1")
	scan := Page{}
	tests := []struct {
		name  string
		pages []Page
		code  schema.ErrorCode
		msg   string
	}{
		{"all readable", []Page{good, good}, "", ""},
		{"some scanned", []Page{good, scan, scan}, "", ""},
		{"some undecodable", []Page{bad, good}, "", ""},
		{"readable cover, undecodable tables", []Page{good, bad, bad}, schema.ErrUndecodableText,
			"pages 2–3 have text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"scanned", []Page{scan, scan, scan}, schema.ErrNoTextLayer, "pages 1–3 have no text layer: scanned?"},
		{"one scanned page", []Page{scan}, schema.ErrNoTextLayer, "page 1 has no text layer: scanned?"},
		{"no pages", nil, schema.ErrNoTextLayer, "the file has no pages"},
		{"undecodable", []Page{bad, scan, bad, bad}, schema.ErrUndecodableText,
			"pages 1, 3–4 have text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"spaces only", []Page{page(" ")}, schema.ErrNoTextLayer, "page 1 has no text layer: scanned?"},
	}
	for _, tt := range tests {
		err := Assess(tt.pages)
		var e *schema.Error
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.code != "" && !errors.As(err, &e):
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.code)
		case tt.code != "" && (e.Code != tt.code || e.Error() != tt.msg):
			t.Errorf("%s: %s %q, want %s %q", tt.name, e.Code, e.Error(), tt.code, tt.msg)
		}
	}
}

func TestRanges(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{nil, ""},
		{[]int{4}, "4"},
		{[]int{1, 2}, "1–2"},
		{[]int{1, 3, 4, 5, 8}, "1, 3–5, 8"},
	}
	for _, tt := range tests {
		if got := Ranges(tt.in); got != tt.want {
			t.Errorf("Ranges(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
