package glyphnames

import "testing"

func TestText(t *testing.T) {
	tests := []struct {
		name string
		want string
		ok   bool
	}{
		{"one", "1", true},
		{"zero.tnum", "0", true},
		{"space", " ", true},
		{"hyphen", "-", true},
		{"parenleft", "(", true},
		{"percent", "%", true},
		{"quotedblleft", "“", true},
		{"emdash", "—", true},
		{"afii10017", "А", true}, // Cyrillic А
		{"afii10071", "ё", true},
		{"afii61352", "№", true},
		{"afii00208", "―", true},
		{"uni653F", "政", true},
		{"uni653F5E9C", "政府", true},
		{"uni653f", "", false}, // uni names are upper-case hex
		{"u1F600", "😀", true},
		{"u20087", "𠂇", true},
		{"gbB0A1", "啊", true},
		{"gb3021", "啊", true},
		{"gbD5FE", "政", true},
		{"gbA3B1", "１", true},
		{"f_i", "fi", true},
		{"uni0031_uni0032", "12", true},
		{"g123", "", false},
		{"cid1076", "", false},
		{"glyph7", "", false},
		{"", "", false},
		{".notdef", "", false},
		{"uniD800", "", false},
		{"gbZZZZ", "", false},
	}
	for _, tt := range tests {
		got, ok := Text(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Text(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func BenchmarkText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Text("uni653F")
		Text("one")
		Text("gbB0A1")
	}
}
