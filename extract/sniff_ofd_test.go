package extract

import (
	"archive/zip"
	"bytes"
	"testing"

	"xxgk/extract/document"
	"xxgk/schema"
)

// TestSniffOFD: a zip with OFD.xml at its root is an OFD, whatever it is
// named; OFD.xml deeper in a zip makes no OFD.
func TestSniffOFD(t *testing.T) {
	zipOf := func(names ...string) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, n := range names {
			w, _ := zw.Create(n)
			w.Write([]byte("<ofd:OFD/>"))
		}
		zw.Close()
		return b.Bytes()
	}
	if f, err := Sniff(zipOf("Doc_0/Document.xml", "OFD.xml")); err != nil || f != document.OFD {
		t.Errorf("Sniff = %q, %v; want ofd", f, err)
	}
	if _, err := Sniff(zipOf("archive/OFD.xml")); schema.CodeOf(err) != schema.ErrUnsupportedFormat {
		t.Errorf("OFD.xml in a folder: %v, want unsupported_format", err)
	}
}
