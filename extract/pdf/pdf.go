// Package pdf extracts the text and tables of PDF reports into a
// format-neutral document.
package pdf

import (
	"context"
	"errors"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Extract reads a PDF file.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return nil, &schema.Error{Code: schema.ErrUnsupportedFormat, Err: errors.New("PDF reading is not built yet")}
}
