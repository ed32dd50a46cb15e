package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"

	"xxgk/extract/pdf/pdfsyntax"
	"xxgk/schema"
)

// The PDF library sizes its cross-reference table from numbers in the file
// and runs out of memory, which no recover catches, when a damaged file
// claims billions of objects. checkXref rejects such numbers before the
// library sees them: no real file has more objects than half its bytes.
var (
	sizeRe     = regexp.MustCompile(`/Size\s+(\d+)`)
	indexRe    = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	wRe        = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)`)
	xrefTypeRe = regexp.MustCompile(`/Type\s*/XRef`)
)

// maxStream bounds a decompressed stream: a report page never needs more,
// and a zip bomb would otherwise fill the memory.
const maxStream = 64 << 20

func checkXref(data []byte) error {
	limit := int64(len(data))/2 + 1024
	tooMany := func(n int64) error {
		return &schema.Error{Code: schema.ErrUnreadable,
			Err: fmt.Errorf("damaged cross-reference table: %d objects claimed in a file of %d bytes", n, len(data))}
	}
	for _, m := range sizeRe.FindAllSubmatch(data, -1) {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || n > limit {
			return tooMany(n)
		}
	}
	for _, m := range indexRe.FindAllSubmatch(data, -1) {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			start, err1 := strconv.ParseInt(string(f[i]), 10, 64)
			n, err2 := strconv.ParseInt(string(f[i+1]), 10, 64)
			if err1 != nil || err2 != nil || start+n > limit {
				return tooMany(start + n)
			}
		}
	}
	// /W is also the widths of CID fonts: only the one near /Type /XRef
	// is an xref stream's.
	for _, loc := range xrefTypeRe.FindAllIndex(data, -1) {
		m := wRe.FindSubmatch(data[max(0, loc[0]-1024):min(len(data), loc[1]+1024)])
		if m == nil {
			continue
		}
		for _, w := range m[1:] {
			if n, err := strconv.Atoi(string(w)); err != nil || n > 8 {
				return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("damaged cross-reference stream: field width %s", w)}
			}
		}
	}
	return checkXrefTables(data, limit, tooMany)
}

// checkXrefTables reads the subsection headers (first object, count) of
// every classic xref table, skipping their entries as the library does.
func checkXrefTables(data []byte, limit int64, tooMany func(int64) error) error {
	for rest := data; ; {
		i := bytes.Index(rest, []byte("xref"))
		if i < 0 {
			return nil
		}
		rest = rest[i+4:]
		if len(rest) == 0 || !pdfsyntax.IsSpace(rest[0]) {
			continue // xref inside other text
		}
		fields := bytes.Fields(rest[:min(len(rest), 1<<16)])
		for k := 0; k+1 < len(fields); {
			start, err1 := strconv.ParseInt(string(fields[k]), 10, 64)
			n, err2 := strconv.ParseInt(string(fields[k+1]), 10, 64)
			if err1 != nil || err2 != nil {
				break // trailer, or damage the library reports itself
			}
			if start < 0 || n < 0 || start+n > limit {
				return tooMany(start + n)
			}
			k += 2 + 3*int(n)
		}
	}
}
