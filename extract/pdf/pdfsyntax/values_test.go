package pdfsyntax

import (
	"strings"
	"testing"
)

func TestDict(t *testing.T) {
	d, end, err := Dict([]byte(`<< /Filter /Standard /CF << /StdCF << /CFM /AESV3 /Length 32 >> >> /Length 256 /O (a\)b) /ID [<01> <02>] /Encrypt 51 0 R >> trailer`), 0)
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
	if _, err := SkipValue(deep, 0); err == nil {
		t.Error("100000 nested arrays skipped: want an error past the depth bound")
	}
}
