package decrypt_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"xxgk/extract/pdf"
	"xxgk/extract/pdf/decrypt"
	"xxgk/fixtures"
	"xxgk/schema"
)

// The encrypted fixtures are the corpus report encrypted by qpdf 11.3.0:
// owner_* with an empty user password, user_* with "user".
func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "hostile", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestOwnerPasswordOnly(t *testing.T) {
	fixtures.NeedCorpus(t)
	original, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf"))
	if err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	want, err := pdf.Extract(context.Background(), original)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"owner_rc4_40.pdf", "owner_rc4_40_objstm.pdf", "owner_rc4_128.pdf",
		"owner_aes_128.pdf", "owner_aes_256.pdf", "owner_aes_256_objstm.pdf",
	} {
		t.Run(name, func(t *testing.T) {
			plain, err := decrypt.Plain(read(t, name))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(plain, []byte("/Encrypt")) {
				t.Error("the rewrite still says /Encrypt")
			}
			got, err := pdf.Extract(context.Background(), plain)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("the decrypted file reads differently from the original: %d blocks, want %d", len(got.Blocks), len(want.Blocks))
			}
		})
	}
}

func TestUserPassword(t *testing.T) {
	for _, name := range []string{"user_rc4_40.pdf", "user_aes_128.pdf", "user_aes_256.pdf"} {
		_, err := decrypt.Plain(read(t, name))
		var e *schema.Error
		if !errors.As(err, &e) || e.Code != schema.ErrEncrypted || err.Error() != "the PDF is encrypted: a password is needed to open it" {
			t.Errorf("%s: got %v, want encrypted", name, err)
		}
	}
}

func TestNotEncrypted(t *testing.T) {
	data := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	got, err := decrypt.Plain(data)
	if err != nil || &got[0] != &data[0] {
		t.Errorf("got %d bytes, %v: want the input itself", len(got), err)
	}
}
