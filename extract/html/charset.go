package html

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	htmlcharset "golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/extract/text"
	"xxgk/schema"
)

// metaCharset finds the charset of <meta charset=…> and of
// <meta http-equiv="Content-Type" content="text/html; charset=…">.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// decode returns the page as UTF-8 text and the name of the charset it was
// read in. The charset comes from a byte-order mark; else from the bytes
// themselves when they are UTF-8, but for a few stray bytes (government
// sites often declare gb2312 on pages their CMS re-encoded, and GBK text is
// practically never valid UTF-8); else from a <meta> declaration; else GB18030, the superset of
// GB2312 and GBK that every undeclared Chinese page of this kind is in.
func decode(data []byte) (string, string, error) {
	if enc, name := text.UTF16(data); enc != nil {
		return decodeWith(enc, name, data)
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return string(data[3:]), "utf-8", nil
	case utf8.Valid(data):
		return string(data), "utf-8", nil
	case mostlyUTF8(data):
		// A CMS that cut a string in the middle of a character leaves a
		// few stray bytes in an otherwise UTF-8 page.
		return strings.ToValidUTF8(string(data), "\uFFFD"), "utf-8", nil
	}
	enc, name := declared(data)
	if enc == nil {
		enc, name = simplifiedchinese.GB18030, "gb18030"
	}
	return decodeWith(enc, name, data)
}

// mostlyUTF8 reports whether data is UTF-8 text with a few invalid bytes:
// at least ten well-formed multi-byte characters for each invalid byte.
// GBK text read as UTF-8 is mostly invalid, with few characters that happen
// to be well-formed.
func mostlyUTF8(data []byte) bool {
	good, bad := 0, 0
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			good++
		}
		data = data[n:]
	}
	return good >= 10*bad
}

// declared returns the encoding a <meta> element names, nil when there is
// none or it names one that cannot be right for bytes that are not UTF-8.
func declared(data []byte) (encoding.Encoding, string) {
	m := metaCharset.FindSubmatch(data[:min(len(data), 64<<10)])
	if m == nil {
		return nil, ""
	}
	enc, name := htmlcharset.Lookup(string(m[1]))
	switch name {
	case "", "utf-8", "windows-1252", "replacement":
		// windows-1252 is what iso-8859-1 and ascii labels map to: a server
		// default, never the charset of a Chinese report.
		return nil, ""
	case "gbk", "gb18030":
		// GB2312 and GBK pages are read as GB18030, their superset, so
		// that characters outside the declared set still decode.
		return simplifiedchinese.GB18030, strings.ToLower(string(m[1]))
	}
	return enc, name
}

// decodeWith decodes data, failing when too much of it does not decode:
// then the page is in a charset we could not tell.
func decodeWith(enc encoding.Encoding, name string, data []byte) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", name, &schema.Error{Code: schema.ErrUndecodableText, Err: fmt.Errorf("decoding HTML as %s: %w", name, err)}
	}
	s := string(out)
	bad, wide := 0, 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			bad++
		case r >= 0x80:
			wide++
		}
	}
	if bad > 8 && bad*20 > wide {
		return "", name, schema.Errorf(schema.ErrUndecodableText,
			"HTML read as %s has %d undecodable characters: the page is in another charset", name, bad)
	}
	return s, name, nil
}
