// Package archive reads zip archives of reports, as agencies hand them out:
// names written in GBK by Chinese Windows tools, archives inside archives,
// and now and then a zip bomb. It yields each file's name and bytes, within
// limits on depth, entry count and total size.
package archive

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/schema"
)

// Limits bound what Walk reads. Zero fields take the defaults.
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

// IsZip reports whether data starts like a zip archive.
func IsZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// Walk calls fn for each file in the zip archive data, in the archive's
// order, descending into the zip archives it holds (but not into DOCX, OFD
// or other zip-based documents, which are files to parse). It returns a
// *schema.Error naming the archive when data is no readable zip (unreadable)
// or when the archive as a whole breaks a limit (too_large): entries already
// given to fn stay given. An error from fn stops the walk and is returned.
func Walk(ctx context.Context, name string, data []byte, lim Limits, fn func(Entry) error) error {
	w := walker{ctx: ctx, name: name, lim: lim.withDefaults(), fn: fn}
	if err := w.walk("", data, 0); err != nil {
		var e *schema.Error
		if errors.As(err, &e) && e.File == "" {
			c := *e
			c.File = name
			return &c
		}
		return err
	}
	return nil
}

type walker struct {
	ctx     context.Context
	name    string
	lim     Limits
	fn      func(Entry) error
	entries int
	total   int64
}

func (w *walker) walk(prefix string, data []byte, depth int) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged zip archive%s: %w", at(prefix), err)}
	}
	for _, f := range zr.File {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		w.entries++
		if w.entries > w.lim.MaxEntries {
			return schema.Errorf(schema.ErrTooLarge, "more than %d entries%s: stopped", w.lim.MaxEntries, at(prefix))
		}
		name := prefix + Name(f)
		if f.FileInfo().IsDir() || skipped(name) {
			continue
		}
		e := w.read(f, name)
		if e.Err == nil && IsZip(e.Data) && !isDocument(e.Data) {
			if depth+1 > w.lim.MaxDepth {
				e = Entry{Name: name, Err: schema.Errorf(schema.ErrTooLarge, "an archive nested more than %d deep: not opened", w.lim.MaxDepth)}
			} else {
				if err := w.walk(name+"/", e.Data, depth+1); err != nil {
					var se *schema.Error
					if !errors.As(err, &se) || se.Code == schema.ErrTooLarge {
						return err
					}
					// A damaged inner archive is one bad entry, not a
					// bad outer archive.
					e = Entry{Name: name, Err: err}
				} else {
					continue
				}
			}
		}
		if w.total > w.lim.MaxTotal {
			return schema.Errorf(schema.ErrTooLarge, "unpacks to more than %d MiB: stopped at %s", w.lim.MaxTotal>>20, name)
		}
		if err := w.fn(e); err != nil {
			return err
		}
	}
	return nil
}

// read unpacks one entry, trusting none of the sizes its headers claim.
func (w *walker) read(f *zip.File, name string) Entry {
	if f.Flags&0x1 != 0 {
		return Entry{Name: name, Err: schema.Errorf(schema.ErrEncrypted, "encrypted in the archive")}
	}
	if f.UncompressedSize64 > uint64(w.lim.MaxEntry) {
		return Entry{Name: name, Err: tooLarge(w.lim.MaxEntry)}
	}
	rc, err := f.Open()
	if err != nil {
		return Entry{Name: name, Err: &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("cannot unpack: %w", err)}}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, w.lim.MaxEntry+1))
	w.total += int64(len(data))
	switch {
	case int64(len(data)) > w.lim.MaxEntry:
		return Entry{Name: name, Err: tooLarge(w.lim.MaxEntry)}
	case err != nil:
		return Entry{Name: name, Err: &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("cannot unpack: %w", err)}}
	}
	return Entry{Name: name, Data: data}
}

func tooLarge(limit int64) error {
	return schema.Errorf(schema.ErrTooLarge, "unpacks to more than the limit of %d MiB", limit>>20)
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

// isDocument reports whether a zip is a document (DOCX and other Office Open
// XML, OFD, OpenDocument) rather than an archive of files.
func isDocument(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml", "word/document.xml", "OFD.xml", "mimetype":
			return true
		}
	}
	return false
}

// skipped reports whether an entry is an operating system's litter: macOS
// resource forks and Finder files, Windows thumbnails.
func skipped(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") ||
		strings.HasPrefix(base, "._") || base == ".DS_Store" || base == "Thumbs.db"
}

func at(prefix string) string {
	if prefix == "" {
		return ""
	}
	return " in " + strings.TrimSuffix(prefix, "/")
}
