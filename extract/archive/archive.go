// Package archive reads archives of reports as agencies and download tools
// hand them out — zip, tar, tar.gz/.tgz — with names written in GBK by
// Chinese Windows tools, archives inside archives, and now and then a zip
// bomb. List names every file without unpacking it, Item.Read unpacks one,
// Walk does both for an archive in memory; all within limits on depth,
// entry count, entry size and total size.
package archive

import (
	"archive/zip"
	"encoding/binary"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/extract/bounded"
)

// Limits bound what List and Walk read. Zero fields take the defaults.
type Limits struct {
	MaxDepth   int   // archives nested inside the outer one; default 3
	MaxEntries int   // files and folders, counted over all levels; default 10000
	MaxTotal   int64 // bytes unpacked, over all levels; default 2 GiB
	MaxEntry   int64 // bytes unpacked from one entry; default 100 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = 3
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = 10000
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = 2 << 30
	}
	if l.MaxEntry <= 0 {
		l.MaxEntry = 100 << 20
	}
	return l
}

// Entry is one file of an archive.
type Entry struct {
	// Name is the entry's path inside the outer archive, in UTF-8, with
	// "/" between levels: "2023/区县.zip/某县2023年报告.pdf".
	Name string
	// Data is the entry's content; nil when Err is set.
	Data []byte
	// Err, a *schema.Error, says why this entry could not be unpacked:
	// too_large (over MaxEntry, or an archive nested deeper than
	// MaxDepth), encrypted, or unreadable (a damaged entry or inner
	// archive). Its File is empty: the caller names the entry. The walk
	// goes on after it.
	Err error
}

// Name returns an entry's name in UTF-8. Zip names carry no encoding unless
// flag 0x800 says UTF-8; Chinese Windows tools write GBK without it. So a
// name is read as UTF-8 when the flag says so, from the Info-ZIP Unicode Path
// field when there is one, as UTF-8 when it is valid UTF-8 (many tools write
// UTF-8 without the flag, and GBK names are almost never valid UTF-8), and
// as GB18030 (a superset of GBK) otherwise.
func Name(f *zip.File) string {
	// A flag or an extra field can claim UTF-8 for bytes that are not:
	// whatever the source, the name handed on is valid UTF-8.
	return strings.ToValidUTF8(rawName(f), "\uFFFD")
}

func rawName(f *zip.File) string {
	if f.Flags&0x800 != 0 {
		return f.Name
	}
	if u, ok := unicodePath(f.Extra); ok {
		return u
	}
	if utf8.ValidString(f.Name) {
		return f.Name
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
		return s
	}
	return f.Name
}

// unicodePath finds the Info-ZIP Unicode Path extra field (0x7075): version
// 1, a CRC of the header name, then the name in UTF-8.
func unicodePath(extra []byte) (string, bool) {
	for len(extra) >= 4 {
		id := binary.LittleEndian.Uint16(extra)
		size := int(binary.LittleEndian.Uint16(extra[2:]))
		if 4+size > len(extra) {
			return "", false
		}
		field := extra[4 : 4+size]
		if id == 0x7075 && len(field) > 5 && field[0] == 1 && utf8.Valid(field[5:]) {
			return string(field[5:]), true
		}
		extra = extra[4+size:]
	}
	return "", false
}

// tooLarge is the error of an entry whose header claims more than limit.
func tooLarge(limit int64) error { return bounded.TooLarge("the entry unpacked", limit) }

// skipped reports whether an entry is an operating system's litter: macOS
// resource forks and Finder files, Windows thumbnails.
func skipped(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") ||
		strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db"
}
