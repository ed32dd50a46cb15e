// Package docx extracts the text and tables of DOCX reports into a
// format-neutral document.
package docx

import (
	"context"
	"errors"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Extract reads a DOCX file.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return nil, &schema.Error{Code: schema.ErrUnsupportedFormat, Err: errors.New("DOCX reading is not built yet")}
}
