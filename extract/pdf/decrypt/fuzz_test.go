package decrypt_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"xxgk/extract/pdf/decrypt"
	"xxgk/schema"
)

// FuzzPlain feeds the rewriter arbitrary bytes. It recovers from its own
// panics (the PDF reader then gets the file as it is), so a recovered
// panic is what fails here; a rewrite must be a PDF without /Encrypt in
// its trailer. Seeds: testdata/fuzz/FuzzPlain.
func FuzzPlain(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := decrypt.Plain(data)
		var e *schema.Error
		switch {
		case err != nil && strings.HasPrefix(err.Error(), "rewriting the encrypted PDF:"):
			t.Fatal(err)
		case errors.As(err, &e) && e.Code != schema.ErrEncrypted:
			t.Fatalf("code %s: %v", e.Code, err)
		case err == nil && len(out) > 0 && len(data) > 0 && &out[0] != &data[0] && !bytes.HasPrefix(out, []byte("%PDF-1.7\n")):
			t.Fatalf("a rewrite that is no PDF: %q", out[:min(len(out), 20)])
		}
	})
}
