package archive

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"

	"xxgk/schema"
)

// FindPart returns the entry of a zip-packaged document (DOCX, OFD) with
// the given name, or nil.
func FindPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// ReadPart inflates one part of a zip-packaged document, refusing it once
// it passes limit bytes (too_large). The header's size is checked first,
// but a crafted header can lie, so the bytes are counted as well: memory
// stays bounded whatever the header says (archive/zip also stops at the
// declared size, as damage: unreadable).
func ReadPart(f *zip.File, limit int64) ([]byte, error) {
	tooLarge := schema.Errorf(schema.ErrTooLarge, "%s inflates to more than %d bytes", f.Name, limit)
	if f.UncompressedSize64 > uint64(limit) {
		return nil, tooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s: %w", f.Name, err)}
	}
	defer rc.Close()
	// The header's size, already checked against the limit, sizes the
	// buffer; the limited reader bounds it whatever the header says.
	buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+1))
	_, err = buf.ReadFrom(io.LimitReader(rc, limit+1))
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, tooLarge
	}
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s is damaged: %w", f.Name, err)}
	}
	return data, nil
}
