// Package cfb opens OLE2 compound files (the container of Word 97 .doc,
// WPS and Works .wps, .xls) and reads their top-level streams, with every
// read bounded.
//
// The container is parsed by github.com/richardlehane/mscfb, which detects
// cycles in the directory, DIFAT and mini-stream chains but trusts a stream's
// declared size and follows its sector chain for as many bytes as that size
// says. So before it runs, the header's counts are checked against the file's
// length; a stream larger than the file or than MaxStreamSize is refused
// before a byte is read; and a stream's reads are watched through the
// io.ReaderAt handed to mscfb, so that a chain that comes back to a sector
// already read (a loop in the FAT) is an error, not repeated data. Every call
// into mscfb sits behind recover.
package cfb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/richardlehane/mscfb"

	"xxgk/schema"
)

// Signature opens every compound file.
const Signature = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// MaxStreamSize bounds the bytes of one stream read. A .doc's WordDocument
// stream is a few hundred kilobytes for a report; images sit in the Data
// stream, which is read only for its property blocks.
const MaxStreamSize = 64 << 20

// chunk is the size of one read handed to mscfb: a multiple of the largest
// sector size (4096), so that every read starts on a sector boundary, and
// small, as mscfb merges a read's sectors in time quadratic in their number.
const chunk = 64 << 10

// unit is the granularity of the loop check: the mini-sector size, which
// divides both sector sizes.
const unit = 64

// File is an open compound file.
type File struct {
	r       *mscfb.Reader
	src     *watched
	streams map[string]*mscfb.File // top-level streams by name
	// Names lists the top-level streams and storages, in directory order.
	// Names that begin with a control character (\x01CompObj,
	// \x05SummaryInformation) are listed without it.
	Names []string
}

// Open parses the container's header and directory. Errors are
// *schema.Error with code unreadable.
func Open(data []byte) (f *File, err error) {
	if err := checkHeader(data); err != nil {
		return nil, err
	}
	src := &watched{data: data}
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, damaged(fmt.Errorf("the directory cannot be read: %v", p))
		}
	}()
	r, err := mscfb.New(src)
	if err != nil {
		return nil, damaged(err)
	}
	f = &File{r: r, src: src, streams: map[string]*mscfb.File{}}
	for e, err := r.Next(); err == nil; e, err = r.Next() {
		if len(e.Path) != 0 || e.Name == "" {
			continue
		}
		f.Names = append(f.Names, e.Name)
		if !e.FileInfo().IsDir() {
			if _, dup := f.streams[e.Name]; !dup {
				f.streams[e.Name] = e
			}
		}
	}
	return f, nil
}

// Has reports whether the file has a top-level stream or storage of that
// name.
func (f *File) Has(name string) bool { return slices.Contains(f.Names, name) }

// Size returns the declared size of a top-level stream, 0 for a stream
// that is not there.
func (f *File) Size(name string) int64 {
	if e := f.streams[name]; e != nil {
		return e.Size
	}
	return 0
}

// ErrNoStream is wrapped by Stream's error for a stream that is not there.
var ErrNoStream = errors.New("no such stream")

// Stream reads the whole top-level stream of that name. Errors are
// *schema.Error: unreadable for a missing stream (wrapping ErrNoStream), a
// stream larger than the file or whose sector chain breaks or loops;
// too_large for one over MaxStreamSize.
func (f *File) Stream(name string) (out []byte, err error) {
	e := f.streams[name]
	if e == nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("the compound file has no %s stream: %w", name, ErrNoStream)}
	}
	switch {
	case e.Size > int64(len(f.src.data)):
		return nil, schema.Errorf(schema.ErrUnreadable, "the %s stream declares %d bytes, more than the whole file (%d bytes)", name, e.Size, len(f.src.data))
	case e.Size > MaxStreamSize:
		return nil, schema.Errorf(schema.ErrTooLarge, "the %s stream has %d bytes, more than the limit of %d", name, e.Size, MaxStreamSize)
	}
	f.src.start()
	defer f.src.stop()
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, schema.Errorf(schema.ErrUnreadable, "the %s stream cannot be read: %v", name, p)
		}
	}()
	if _, err := e.Seek(0, io.SeekStart); err != nil && e.Size > 0 {
		return nil, schema.Errorf(schema.ErrUnreadable, "the %s stream cannot be read: %v", name, err)
	}
	out = make([]byte, e.Size)
	for at := 0; at < len(out); {
		n, err := e.Read(out[at:min(at+chunk, len(out))])
		at += n
		if f.src.loop {
			return nil, schema.Errorf(schema.ErrUnreadable, "the sector chain of the %s stream loops back on itself", name)
		}
		if err != nil && !(err == io.EOF && at == len(out)) {
			return nil, schema.Errorf(schema.ErrUnreadable, "the %s stream is cut short after %d of %d bytes: %v", name, at, len(out), err)
		}
		if n == 0 && at < len(out) {
			return nil, schema.Errorf(schema.ErrUnreadable, "the %s stream is cut short after %d of %d bytes", name, at, len(out))
		}
	}
	return out, nil
}

// checkHeader checks what mscfb trusts in the header: every count of
// sectors must fit in the file, or its loops would run on reads that fail
// one by one (and allocate for each).
func checkHeader(data []byte) error {
	if len(data) < 512 || string(data[:8]) != Signature {
		return damaged(errors.New("shorter than its 512-byte header"))
	}
	shift := binary.LittleEndian.Uint16(data[30:])
	if shift != 9 && shift != 12 {
		return damaged(fmt.Errorf("sector size 2^%d (must be 512 or 4096)", shift))
	}
	sectors := uint64(len(data)) >> shift
	for _, c := range []struct {
		what string
		at   int
	}{{"directory", 40}, {"FAT", 44}, {"mini FAT", 64}, {"DIFAT", 72}} {
		if n := uint64(binary.LittleEndian.Uint32(data[c.at:])); n > sectors {
			return damaged(fmt.Errorf("the header counts %d %s sectors in a file of %d", n, c.what, sectors))
		}
	}
	return nil
}

func damaged(err error) error {
	return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged compound (OLE2) file: %w", err)}
}

// watched is the io.ReaderAt mscfb reads through. While a stream is being
// read it marks the 64-byte units each data read covers: reads of one
// stream never cover a unit twice unless its chain loops. mscfb's 4-byte
// reads are FAT look-ups, many to one unit, and are not marked.
type watched struct {
	data []byte
	seen []uint64 // bit set of units, nil when not watching
	loop bool
}

func (w *watched) start() {
	w.seen = make([]uint64, (len(w.data)/unit+64)/64)
	w.loop = false
}

func (w *watched) stop() { w.seen = nil }

var errLoop = errors.New("sector chain loops")

func (w *watched) ReadAt(p []byte, off int64) (int, error) {
	if w.seen != nil && len(p) != 4 && off >= 0 && off < int64(len(w.data)) {
		end := min(off+int64(len(p)), int64(len(w.data)))
		for u := off / unit; u < (end+unit-1)/unit; u++ {
			if w.seen[u/64]&(1<<(u%64)) != 0 {
				w.loop = true
				return 0, errLoop
			}
			w.seen[u/64] |= 1 << (u % 64)
		}
	}
	if off < 0 || off >= int64(len(w.data)) {
		return 0, io.EOF
	}
	n := copy(p, w.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
