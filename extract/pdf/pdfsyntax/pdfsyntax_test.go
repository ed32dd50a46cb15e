package pdfsyntax

import "testing"

func TestLiteral(t *testing.T) {
	cases := []struct {
		in, want string
		next     int
		ok       bool
	}{
		{`(plain) rest`, "plain", 7, true},
		{`()`, "", 2, true},
		{`(a (nested) b)`, "a (nested) b", 14, true},
		{`(\n\r\t\b\f\(\)\\)`, "\n\r\t\b\f()\\", 18, true},
		{`(\101\60\0061)`, "A0\x061", 14, true},
		{`(\777\8\q)`, "\xff8q", 10, true},
		{"(line\\\ncontinued)", "linecontinued", 17, true},
		{"(a\\\r\nb\\\rc)", "abc", 10, true},
		{`(\()`, "(", 4, true},
		{`(open`, "open", 5, false},
		{`(a (b)`, "a (b)", 6, false},
		{`(end\`, "end", 5, false},
		{`(\12`, "\n", 4, false},
		{`(`, "", 1, false},
	}
	for _, c := range cases {
		s, next, ok := Literal([]byte(c.in), 0)
		if string(s) != c.want || next != c.next || ok != c.ok {
			t.Errorf("Literal(%q) = %q, %d, %v; want %q, %d, %v", c.in, s, next, ok, c.want, c.next, c.ok)
		}
	}
	// At an offset.
	if s, next, ok := Literal([]byte(`xx(y)z`), 2); string(s) != "y" || next != 5 || !ok {
		t.Errorf("at 2: %q, %d, %v", s, next, ok)
	}
}

func TestHex(t *testing.T) {
	cases := []struct {
		in, want string
		next     int
		ok       bool
	}{
		{`<48 65 6C6c6f> rest`, "Hello", 14, true},
		{`<>`, "", 2, true},
		{`<414>`, "A@", 5, true},
		{"<4\n1\t4\x00>", "A@", 8, true},
		{`<4x1>`, "A", 5, false},
		{`<<41>>`, "A", 5, false},
		{`<41`, "A", 3, false},
		{`<414`, "A@", 4, false},
		{`<`, "", 1, false},
	}
	for _, c := range cases {
		s, next, ok := Hex([]byte(c.in), 0)
		if string(s) != c.want || next != c.next || ok != c.ok {
			t.Errorf("Hex(%q) = %q, %d, %v; want %q, %d, %v", c.in, s, next, ok, c.want, c.next, c.ok)
		}
	}
}

func TestClasses(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		space := b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == 0
		delim := b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{' || b == '}' || b == '/' || b == '%'
		if IsSpace(b) != space || IsDelimiter(b) != delim || IsRegular(b) != (!space && !delim) {
			t.Errorf("%q: space %v delimiter %v regular %v", b, IsSpace(b), IsDelimiter(b), IsRegular(b))
		}
	}
}

func TestSkipSpace(t *testing.T) {
	cases := []struct {
		in   string
		pos  int
		want int
	}{
		{"", 0, 0},
		{"x", 0, 0},
		{" \t\r\n\f\x00x", 0, 6},
		{"% comment\n  x", 0, 12},
		{"%a\r%b\nx", 0, 6},
		{"  % to the end", 0, 14},
		{"ab  c", 2, 4},
	}
	for _, c := range cases {
		if got := SkipSpace([]byte(c.in), c.pos); got != c.want {
			t.Errorf("SkipSpace(%q, %d) = %d, want %d", c.in, c.pos, got, c.want)
		}
	}
}

// FuzzStrings checks that both readers end inside the data, after pos,
// without panicking.
func FuzzStrings(f *testing.F) {
	for _, s := range []string{`(a\(b\)c)`, `(\0614\`, "(x\\\r", `<41 4>`, `<4g`, `(((`, `<`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for pos := range data {
			if _, next, _ := Literal(data, pos); next <= pos || next > len(data) {
				t.Fatalf("Literal at %d: next %d of %d", pos, next, len(data))
			}
			if _, next, _ := Hex(data, pos); next <= pos || next > len(data) {
				t.Fatalf("Hex at %d: next %d of %d", pos, next, len(data))
			}
			if next := SkipSpace(data, pos); next < pos || next > len(data) {
				t.Fatalf("SkipSpace at %d: next %d of %d", pos, next, len(data))
			}
		}
	})
}
