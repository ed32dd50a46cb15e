package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"unicode/utf8"

	worddoc "xxgk/extract/doc"
	"xxgk/extract/doc/cfb"
	"xxgk/extract/document"
	"xxgk/extract/markdown"
	"xxgk/extract/text"
	"xxgk/schema"
)

// Sniff tells the format of a file from its content, never its name: reports
// are often saved with the wrong extension.
func Sniff(data []byte) (document.Format, error) {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = utf16Head(head)
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", schema.Errorf(schema.ErrNotAReport, "file is empty")
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return document.PDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case bytes.HasPrefix(data, []byte(cfb.Signature)):
		// Word 97-2003 and WPS Writer documents, or another kind of
		// compound file, which Kind names.
		return worddoc.Kind(data)
	case bytes.HasPrefix(trimmed, []byte("{\\rtf")):
		return document.RTF, nil // often saved under a .doc name
	case hasAnyPrefix(data, "\x89PNG", "\xff\xd8\xff", "II*\x00", "MM\x00*"):
		return document.Image, nil // a scan: read by OCR
	case hasAnyPrefix(data, "GIF8", "BM"):
		return "", schema.Errorf(schema.ErrUnsupportedFormat, "a GIF or BMP image: save the scan as PNG, JPEG or TIFF")
	case bytes.Contains(bytes.ToLower(head), []byte("mime-version:")) && bytes.Contains(bytes.ToLower(head), []byte("multipart/related")):
		return "", schema.Errorf(schema.ErrUnsupportedFormat, "a web archive (.mht): save the page as HTML")
	case markdown.Sniff(trimmed):
		return document.Markdown, nil
	case looksLikeHTML(trimmed):
		return document.HTML, nil
	case looksLikeText(head):
		return document.Text, nil
	}
	return "", schema.Errorf(schema.ErrUnsupportedFormat, "not a PDF, DOCX, HTML or text file")
}

func sniffZip(data []byte) (document.Format, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &schema.Error{Code: schema.ErrUnreadable, Err: errors.New("a damaged zip package: " + err.Error())}
	}
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			return document.DOCX, nil
		case "OFD.xml":
			return document.OFD, nil
		}
	}
	return "", schema.Errorf(schema.ErrUnsupportedFormat, "a zip archive that is not a DOCX or OFD document")
}

func hasAnyPrefix(data []byte, prefixes ...string) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(data, []byte(p)) {
			return true
		}
	}
	return false
}

func looksLikeHTML(head []byte) bool {
	l := bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p "} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

// looksLikeText accepts UTF-8 and legacy Chinese encodings: few control bytes
// other than tab and newlines.
func looksLikeText(head []byte) bool {
	if utf8.Valid(head) || utf8.Valid(head[:max(0, len(head)-3)]) {
		return controlShare(head) < 0.01
	}
	return controlShare(head) < 0.01 && highShare(head) > 0
}

func controlShare(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(max(1, len(b)))
}

func highShare(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c >= 0x80 {
			n++
		}
	}
	return float64(n) / float64(max(1, len(b)))
}

// utf16Head returns the head of a UTF-16 file (one that starts with a
// byte-order mark, as Notepad and Word save "Unicode") as UTF-8, so that
// its HTML tags and text can be recognised; other heads come back as they
// are.
func utf16Head(head []byte) []byte {
	enc, _ := text.UTF16(head)
	if enc == nil {
		return head
	}
	out, err := enc.NewDecoder().Bytes(head[:len(head)&^1])
	if err != nil {
		return head
	}
	return out
}
