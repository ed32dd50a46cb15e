package decrypt

import (
	"testing"
)

func TestStrings(t *testing.T) {
	cases := []struct {
		in, want string
		end      int
	}{
		{`(plain) rest`, "plain", 7},
		{`(a (nested) b)`, "a (nested) b", 14},
		{`(\n\r\t\b\f\(\)\\)`, "\n\r\t\b\f()\\", 18},
		{`(\101\60\0061)`, "A0\x061", 14},
		{"(line\\\ncontinued)", "linecontinued", 17},
		{`<48 65 6C6c6f>`, "Hello", 14},
		{`<414>`, "A@", 5},
	}
	for _, c := range cases {
		var got []byte
		var end int
		var err error
		if c.in[0] == '(' {
			got, end, err = literal([]byte(c.in), 0)
		} else {
			got, end, err = hexString([]byte(c.in), 0)
		}
		if err != nil || string(got) != c.want || end != c.end {
			t.Errorf("%q: got %q, end %d, %v; want %q, end %d", c.in, got, end, err, c.want, c.end)
		}
	}
}
