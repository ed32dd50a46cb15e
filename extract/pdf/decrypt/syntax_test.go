package decrypt

import (
	"strings"
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

func TestDict(t *testing.T) {
	d, end, err := dict([]byte(`<< /Filter /Standard /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> /Length 256 /O (a\)b) /ID [<01> <02>] /Encrypt 51 0 R >> trailer`), 0)
	if err != nil || end != 123 {
		t.Fatalf("end %d, %v", end, err)
	}
	want := map[string]string{"Filter": "/Standard", "CF": "<< /StdCF << /CFM /AESV3 /Length 32 >> >>", "Length": "256", "O": `(a\)b)`, "ID": "[<01> <02>]", "Encrypt": "51 0 R"}
	for k, v := range want {
		if string(d[k]) != v {
			t.Errorf("%s: got %q, want %q", k, d[k], v)
		}
	}
	if len(d) != len(want) {
		t.Errorf("%d keys, want %d", len(d), len(want))
	}
}

func TestDeepNesting(t *testing.T) {
	deep := []byte(strings.Repeat("[", 100000) + strings.Repeat("]", 100000))
	if _, err := skipValue(deep, 0); err == nil {
		t.Error("100000 nested arrays skipped: want an error past the depth bound")
	}
}
