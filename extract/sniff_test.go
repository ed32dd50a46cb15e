package extract

import (
	"testing"

	"golang.org/x/text/encoding/unicode"

	"xxgk/extract/document"
)

// TestSniffUTF16 recognises pages and text saved as "Unicode" (UTF-16 with
// a byte-order mark), whose bytes are half zeros.
func TestSniffUTF16(t *testing.T) {
	enc := func(e unicode.Endianness, s string) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name string
		data []byte
		want document.Format
	}{
		{"html, little endian", enc(unicode.LittleEndian, "<html><body><p>一、总体情况</p></body></html>"), document.HTML},
		{"html, big endian", enc(unicode.BigEndian, "<p>一、总体情况</p>"), document.HTML},
		{"text", enc(unicode.LittleEndian, "某某县2023年政府信息公开工作年度报告\r\n一、总体情况\r\n"), document.Text},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(tt.data)
			if err != nil || got != tt.want {
				t.Errorf("Sniff = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
