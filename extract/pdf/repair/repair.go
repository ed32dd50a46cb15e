// Package repair makes damaged PDF files readable by the PDF library, as
// MuPDF and poppler do: bytes before the %PDF header (a byte-order mark, a
// server's headers) and after the last %%EOF (zero padding, an HTML error
// page) are cut off, and when the cross-reference information the file
// states cannot be used (offsets that miss their objects, a lost or garbled
// startxref, a broken cross-reference stream, a /Prev chain that loops),
// the object table is rebuilt by scanning the file for "N G obj", objects
// inside object streams included, and appended as a new cross-reference
// stream. Every object stays where it is, so values come back exactly.
//
// A file whose cross-reference information is usable is returned as it
// is: repair costs its readers nothing but the check.
package repair

// BUG(repair): A stream whose /Length is wrong is not repaired: the PDF
// library reads streams by their /Length, so its data comes out cut or
// overlong (the scanner itself finds its end at endstream).

// BUG(repair): An object whose value holds the text "N G obj" (in a string
// of its dictionary) is cut there and left out.

// BUG(repair): Two PDFs glued one after the other are rebuilt as one, the
// second's objects winning.

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"xxgk/schema"
)

// Limits. Each is far beyond real reports and keeps crafted files bounded.
const (
	// headerWindow is how far into the file the %PDF header may start
	// (as for Acrobat, and as the format sniffer looks).
	headerWindow = 1024
	// maxSections bounds the cross-reference sections followed through
	// /Prev: real files have one per incremental update.
	maxSections = 1000
	// maxObjectNumber is the largest object number kept by a rebuild
	// (MuPDF's limit); a file never numbers more objects than half its
	// bytes either, and larger numbers would only size the table.
	maxObjectNumber = 1<<23 - 1
	// maxObjStm bounds the decompressed data of one object stream, and
	// maxObjStmTotal that of all of them together.
	maxObjStm      = 64 << 20
	maxObjStmTotal = 256 << 20
)

// Result is a file ready for the PDF library.
type Result struct {
	// Data is the file to read: the input itself when How is empty.
	Data []byte
	// How says what was wrong and what was done, one item per repair, for
	// people.
	How []string
}

// Repaired tells whether the file had to be changed.
func (r Result) Repaired() bool { return len(r.How) > 0 }

// Note is How as one sentence.
func (r Result) Note() string {
	return "the PDF is damaged and was repaired: " + strings.Join(r.How, "; ")
}

// Repair returns data ready for the PDF library, repaired when its
// structure is damaged. It fails with an unreadable *schema.Error only when
// nothing can be recovered: no header, no objects, no document catalog.
func Repair(data []byte) (Result, error) {
	hdr := bytes.Index(data[:min(len(data), headerWindow)], []byte("%PDF-"))
	if hdr < 0 {
		return Result{}, schema.Errorf(schema.ErrUnreadable, "no %%PDF- header in the first %d bytes", headerWindow)
	}
	var how []string
	body := data[hdr:]
	if hdr > 0 {
		how = append(how, fmt.Sprintf("%d bytes before the %%PDF header ignored", hdr))
	}
	candidate := body
	if _, err := startXref(body); err != nil {
		switch end := lastEOF(body); {
		case end < 0:
			candidate = append(bytes.Clone(body), "\n%%EOF\n"...)
		case end < len(body):
			// Keep the line end after %%EOF, which is the file's own.
			if body[end] == '\r' {
				end++
			}
			if end < len(body) && body[end] == '\n' {
				end++
			}
			candidate = body[:end]
		}
	}
	reason := Check(candidate)
	if reason != nil && len(candidate) > len(body) {
		reason = errors.New("the file ends without %%EOF: cut off")
	}
	if reason == nil {
		switch {
		case len(candidate) > len(body):
			how = append(how, "the missing %%EOF added")
		case len(candidate) < len(body):
			how = append(how, fmt.Sprintf("%d bytes after the last %%%%EOF ignored", len(body)-len(candidate)))
		}
		if len(how) == 0 {
			return Result{Data: data}, nil
		}
		return Result{Data: candidate, How: how}, nil
	}
	out, stats, err := Rebuild(body)
	if err != nil {
		return Result{}, &schema.Error{Code: schema.ErrUnreadable,
			Err: fmt.Errorf("damaged cross-reference table (%v) and no repair possible: %w", reason, err)}
	}
	how = append(how, fmt.Sprintf("the cross-reference table was unusable (%v): rebuilt from %s", reason, stats))
	return Result{Data: out, How: how}, nil
}

// lastEOF returns the position after the last %%EOF marker, or -1.
func lastEOF(b []byte) int {
	i := bytes.LastIndex(b, []byte("%%EOF"))
	if i < 0 {
		return -1
	}
	return i + len("%%EOF")
}

// errNoStartxref is the error of a file whose end the library cannot read.
var errNoStartxref = errors.New("no startxref before the final %%EOF")
