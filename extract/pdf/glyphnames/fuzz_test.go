package glyphnames

import (
	"testing"
	"unicode/utf8"
)

func FuzzText(f *testing.F) {
	for _, s := range []string{"uni653F5E9C", "gbB0A1", "afii10017", "f_i.alt", "u1F600", "one.tnum", "uniD800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if txt, ok := Text(name); ok && (txt == "" || !utf8.ValidString(txt)) {
			t.Fatalf("Text(%q) = %q", name, txt)
		}
	})
}
