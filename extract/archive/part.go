package archive

import (
	"archive/zip"
	"fmt"

	"xxgk/extract/bounded"
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
// but a crafted header can lie, so the bytes are counted as well
// (bounded.ReadAll): memory stays bounded whatever the header says
// (archive/zip also stops at the declared size, as damage: unreadable).
func ReadPart(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, bounded.TooLarge(f.Name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s: %w", f.Name, err)}
	}
	defer rc.Close()
	return bounded.ReadAll(rc, limit, int64(f.UncompressedSize64), f.Name)
}
