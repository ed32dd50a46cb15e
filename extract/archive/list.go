package archive

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/extract/bounded"
	"xxgk/schema"
)

// Kind is what an archive is made of.
type Kind string

// The archives List reads.
const (
	Zip  Kind = "zip"
	Tar  Kind = "tar"
	Gzip Kind = "gzip" // a gzip stream: .tar.gz, .tgz, or one gzipped file
)

// Detect tells from its content whether the file in r (size bytes) is an
// archive List reads, and which; "" for anything else. A zip that is a
// document (DOCX, OFD, OpenDocument) is no archive: it is a file to parse.
// A damaged zip is taken for an archive, which fails to list.
func Detect(r io.ReaderAt, size int64) Kind {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		if zr, err := zip.NewReader(r, size); err == nil && isDocumentZip(zr) {
			return ""
		}
		return Zip
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return Gzip
	case isTar(head):
		return Tar
	}
	return ""
}

// isTar tells a POSIX or GNU tar header block by its magic.
func isTar(head []byte) bool {
	return len(head) >= 263 && bytes.Equal(head[257:262], []byte("ustar"))
}

// Item is one file of an archive as List finds it: named, not yet read.
type Item struct {
	// Name is the file's path inside the outer archive, in UTF-8, with "/"
	// between levels: "2023/区县.zip/某县2023年报告.pdf".
	Name string
	// Levels is the same path level by level: the name inside the outer
	// archive, then inside each nested one ("2023/区县.zip",
	// "某县2023年报告.pdf").
	Levels []string
	// Size is the unpacked size the archive's header claims.
	Size int64
	// Err, a *schema.Error, says why the item cannot be read, found while
	// listing: too_large (its header claims more than MaxEntry, or an
	// archive nested deeper than MaxDepth), encrypted, unreadable (a
	// damaged inner archive). Its File is empty: the caller names it.
	Err  error
	read func() ([]byte, error)
	peek func() []byte // the first bytes, to tell archives inside
}

// Read unpacks the item, trusting none of the sizes its headers claim:
// too_large past MaxEntry, or when the archive as a whole has unpacked
// more than MaxTotal; unreadable when damaged. Errors are *schema.Error
// with File empty.
func (it Item) Read() ([]byte, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	return it.read()
}

// Listing is an archive opened by List: its files, each read on demand.
// Close it when done: it may hold a temporary file (an unpacked .tar.gz).
type Listing struct {
	Items []Item

	lim     Limits
	mu      sync.Mutex
	total   int64 // bytes unpacked by Read so far, over all levels
	entries int   // entries counted while listing
	temps   []*os.File
}

// Close removes the temporary files.
func (l *Listing) Close() error {
	var errs []error
	for _, f := range l.temps {
		errs = append(errs, f.Close(), os.Remove(f.Name()))
	}
	l.temps = nil
	return errors.Join(errs...)
}

// errTotal marks a read that pushed the archive past MaxTotal.
var errTotal = errors.New("archive total exceeded")

// List lists the files of the archive in r (size bytes; name is for
// messages), in the archive's order, descending into the archives it holds
// (read into memory to be listed, up to MaxDepth levels) but not into
// DOCX, OFD or other zip-based documents. It returns a *schema.Error
// naming the archive when r is no readable archive (unreadable) or holds
// more than MaxEntries entries (too_large): the items listed before that
// come back with it. r must stay readable until the listing is closed.
func List(ctx context.Context, name string, r io.ReaderAt, size int64, lim Limits) (*Listing, error) {
	l := &Listing{lim: lim.withDefaults()}
	err := l.list(ctx, nil, r, size, Detect(r, size), 0, name)
	if err != nil {
		var e *schema.Error
		if errors.As(err, &e) && e.File == "" {
			c := *e
			c.File = name
			err = &c
		}
	}
	return l, err
}

// list appends the items of one archive level; prefix is the levels above
// it, base its file name (for a gzipped single file).
func (l *Listing) list(ctx context.Context, prefix []string, r io.ReaderAt, size int64, kind Kind, depth int, base string) error {
	switch kind {
	case Zip:
		zr, err := zip.NewReader(r, size)
		if err != nil {
			return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged zip archive%s: %w", atLevels(prefix), err)}
		}
		return l.listZip(ctx, prefix, zr, depth)
	case Tar:
		return l.listTar(ctx, prefix, r, size, depth)
	case Gzip:
		return l.listGzip(ctx, prefix, r, size, depth, base)
	}
	if len(prefix) == 0 {
		return schema.Errorf(schema.ErrUnreadable, "not a zip, tar or gzip archive")
	}
	return schema.Errorf(schema.ErrUnreadable, "not a zip, tar or gzip archive%s", atLevels(prefix))
}

func (l *Listing) count(prefix []string) error {
	l.entries++
	if l.entries > l.lim.MaxEntries {
		return schema.Errorf(schema.ErrTooLarge, "more than %d entries%s: stopped", l.lim.MaxEntries, atLevels(prefix))
	}
	return nil
}

func (l *Listing) listZip(ctx context.Context, prefix []string, zr *zip.Reader, depth int) error {
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := l.count(prefix); err != nil {
			return err
		}
		name := Name(f)
		if f.FileInfo().IsDir() || skipped(name) {
			continue
		}
		it := l.item(prefix, name, int64(min(f.UncompressedSize64, 1<<62)))
		switch {
		case f.Flags&0x1 != 0:
			it.Err = schema.Errorf(schema.ErrEncrypted, "encrypted in the archive")
		case f.UncompressedSize64 > uint64(l.lim.MaxEntry):
			it.Err = tooLarge(l.lim.MaxEntry)
		default:
			it.read = func() ([]byte, error) {
				rc, err := f.Open()
				if err != nil {
					return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("cannot unpack: %w", err)}
				}
				defer rc.Close()
				return l.readAll(rc)
			}
			it.peek = func() []byte {
				rc, err := f.Open()
				if err != nil {
					return nil
				}
				defer rc.Close()
				head, _ := io.ReadAll(io.LimitReader(rc, 512))
				return head
			}
		}
		if err := l.add(ctx, it, depth); err != nil {
			return err
		}
	}
	return nil
}

func (l *Listing) listTar(ctx context.Context, prefix []string, r io.ReaderAt, size int64, depth int) error {
	cr := &countingReader{r: io.NewSectionReader(r, 0, size)}
	tr := tar.NewReader(cr)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged tar archive%s: %w", atLevels(prefix), err)}
		}
		if err := l.count(prefix); err != nil {
			return err
		}
		name := tarName(h.Name)
		if (h.Typeflag != tar.TypeReg && h.Typeflag != tar.TypeRegA) || skipped(name) {
			continue // folders, links, devices: nothing to read
		}
		it := l.item(prefix, name, h.Size)
		if h.Size > l.lim.MaxEntry {
			it.Err = tooLarge(l.lim.MaxEntry)
		} else {
			// After Next the reader stands at the entry's data.
			off, n := cr.n, h.Size
			it.read = func() ([]byte, error) { return l.readAll(io.NewSectionReader(r, off, n)) }
			it.peek = func() []byte {
				head := make([]byte, min(n, 512))
				m, _ := r.ReadAt(head, off)
				return head[:m]
			}
		}
		if err := l.add(ctx, it, depth); err != nil {
			return err
		}
	}
}

// listGzip unpacks a gzip stream into a temporary file and lists the tar
// archive it holds, or the one file it is.
func (l *Listing) listGzip(ctx context.Context, prefix []string, r io.ReaderAt, size int64, depth int, base string) error {
	zr, err := gzip.NewReader(io.NewSectionReader(r, 0, size))
	if err != nil {
		return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged gzip file%s: %w", atLevels(prefix), err)}
	}
	defer zr.Close()
	tmp, err := os.CreateTemp("", "xxgk-tar-*")
	if err != nil {
		return fmt.Errorf("unpacking a gzip file: %w", err)
	}
	l.temps = append(l.temps, tmp)
	n, err := io.Copy(tmp, io.LimitReader(zr, l.lim.MaxTotal+1))
	switch {
	case n > l.lim.MaxTotal:
		return schema.Errorf(schema.ErrTooLarge, "unpacks to more than %d MiB%s: stopped", l.lim.MaxTotal>>20, atLevels(prefix))
	case err != nil:
		return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged gzip file%s: %w", atLevels(prefix), err)}
	}
	head := make([]byte, 512)
	m, _ := tmp.ReadAt(head, 0)
	if isTar(head[:m]) {
		return l.listTar(ctx, prefix, tmp, n, depth)
	}
	// One gzipped file: named as gzip recorded it, else as the archive
	// without .gz.
	name := zr.Name
	if name == "" {
		name = strings.TrimSuffix(strings.TrimSuffix(path.Base(base), ".gz"), ".GZ")
	}
	if err := l.count(prefix); err != nil {
		return err
	}
	it := l.item(prefix, tarName(name), n)
	if n > l.lim.MaxEntry {
		it.Err = tooLarge(l.lim.MaxEntry)
	} else {
		it.read = func() ([]byte, error) { return l.readAll(io.NewSectionReader(tmp, 0, n)) }
	}
	return l.add(ctx, it, depth)
}

func (l *Listing) item(prefix []string, name string, size int64) Item {
	levels := append(append([]string(nil), prefix...), name)
	return Item{Name: strings.Join(levels, "/"), Levels: levels, Size: size}
}

// add appends an item, or, when it is an archive itself, the items inside
// it. A damaged inner archive is one bad item, not a bad outer archive;
// too many entries stop the whole listing.
func (l *Listing) add(ctx context.Context, it Item, depth int) error {
	if it.Err != nil || it.peek != nil && !maybeArchive(it.peek()) {
		l.Items = append(l.Items, it)
		return nil
	}
	data, err := it.read()
	if err != nil {
		// Unpacked again when the caller reads it; its error is the row.
		l.Items = append(l.Items, it)
		return nil
	}
	kind := Detect(bytes.NewReader(data), int64(len(data)))
	if kind == "" {
		l.unread(len(data)) // listed, not yet read by the caller
		l.Items = append(l.Items, it)
		return nil
	}
	if depth+1 > l.lim.MaxDepth {
		it.Err, it.read = schema.Errorf(schema.ErrTooLarge, "an archive nested more than %d deep: not opened", l.lim.MaxDepth), nil
		l.Items = append(l.Items, it)
		return nil
	}
	n := len(l.Items)
	err = l.list(ctx, it.Levels, bytes.NewReader(data), int64(len(data)), kind, depth+1, it.Levels[len(it.Levels)-1])
	var se *schema.Error
	if err != nil && errors.As(err, &se) && se.Code == schema.ErrUnreadable {
		l.Items = append(l.Items[:n], Item{Name: it.Name, Levels: it.Levels, Size: it.Size, Err: err})
		return nil
	}
	return err
}

// maybeArchive tells whether a file's first bytes are those of an
// archive (or of a zip-based document): only those are unpacked to be
// looked into while listing.
func maybeArchive(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK")) || bytes.HasPrefix(head, []byte{0x1f, 0x8b}) || isTar(head)
}

// readAll reads one entry within MaxEntry and MaxTotal.
func (l *Listing) readAll(r io.Reader) ([]byte, error) {
	data, err := bounded.ReadAll(r, l.lim.MaxEntry, 0, "the entry unpacked")
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.total += int64(len(data))
	over := l.total > l.lim.MaxTotal
	l.mu.Unlock()
	if over {
		return nil, &schema.Error{Code: schema.ErrTooLarge, Err: fmt.Errorf("%w: the archive unpacks to more than %d MiB", errTotal, l.lim.MaxTotal>>20)}
	}
	return data, nil
}

// unread gives back to MaxTotal the bytes List read to look inside an
// entry that turned out to be a plain file: the caller's Read counts them.
func (l *Listing) unread(n int) {
	l.mu.Lock()
	l.total -= int64(n)
	l.mu.Unlock()
}

// countingReader counts the bytes read through it: where tar's reader
// stands after a header.
type countingReader struct {
	r *io.SectionReader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Seek lets tar skip the data it is not asked for without reading it.
func (c *countingReader) Seek(offset int64, whence int) (int64, error) {
	n, err := c.r.Seek(offset, whence)
	if err == nil {
		c.n = n
	}
	return n, err
}

// tarName returns a tar entry's name in UTF-8: tar names carry no
// encoding, and Chinese Windows tools write GBK.
func tarName(name string) string {
	name = strings.TrimPrefix(name, "./")
	if utf8.ValidString(name) {
		return name
	}
	if s, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.ToValidUTF8(name, "\uFFFD")
}

func isDocumentZip(zr *zip.Reader) bool {
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml", "word/document.xml", "OFD.xml", "mimetype":
			return true
		}
	}
	return false
}

func atLevels(levels []string) string {
	if len(levels) == 0 {
		return ""
	}
	return " in " + strings.Join(levels, "/")
}

// Walk calls fn for each file in the archive data (zip, tar or tar.gz),
// in the archive's order, descending into the archives it holds (but not
// into DOCX, OFD or other zip-based documents, which are files to parse).
// It returns a *schema.Error naming the archive when data is no readable
// archive (unreadable) or when the archive as a whole breaks a limit
// (too_large): entries already given to fn stay given. An error from fn
// stops the walk and is returned.
func Walk(ctx context.Context, name string, data []byte, lim Limits, fn func(Entry) error) error {
	l, listErr := List(ctx, name, bytes.NewReader(data), int64(len(data)), lim)
	defer l.Close()
	for _, it := range l.Items {
		data, err := it.Read()
		if errors.Is(err, errTotal) {
			return &schema.Error{Code: schema.ErrTooLarge, File: name,
				Err: fmt.Errorf("unpacks to more than %d MiB: stopped at %s", l.lim.MaxTotal>>20, it.Name)}
		}
		if err := fn(Entry{Name: it.Name, Data: data, Err: err}); err != nil {
			return err
		}
	}
	return listErr
}
