// Package html extracts the text and tables of HTML reports into a
// format-neutral document.
package html

import (
	"context"
	"errors"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Extract reads a HTML file.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return nil, &schema.Error{Code: schema.ErrUnsupportedFormat, Err: errors.New("HTML reading is not built yet")}
}
