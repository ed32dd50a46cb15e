package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzContent runs arbitrary content streams: the interpreter must never
// panic, whatever operators and operands it meets.
func FuzzContent(f *testing.F) {
	for _, seed := range []string{
		"BT /F1 10 Tf 100 700 Td [(A) -1000 (B)] TJ ET",
		"1 0 0 -1 0 842 cm BT /F3 199 Tf 0.05 0 0 -0.05 90 614 Tm <00010010> Tj -0 -201 TD (Vd) Tj ET",
		"q 10 10 100 50 re W n 0.5 w 10 10 m 200 10 l S 10 10 0.5 300 re f Q",
		"q 1 0 0 1 50 700 cm /Fm1 Do Q BI /W 1 ID x EI 12 TL T* (x) ' 1 2 (y) \"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, content string) {
		Extract(context.Background(), onePage(content, ""))
	})
}

// FuzzExtract feeds damaged files: library panics must come back as
// errors, never escape.
func FuzzExtract(f *testing.F) {
	f.Add(onePage("BT /F2 10 Tf 100 700 Td <00010002> Tj ET", "/Rotate 90"))
	for _, name := range []string{"encrypted_owner_password.pdf", "encrypted_user_password.pdf"} {
		if data, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), data)
	})
}
