// Package extract turns a file into a report: it recognises the input
// format, runs that format's extractor to get a format-neutral document, and
// hands the document to the matchers that map it onto the schema.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"xxgk/schema"
)

// Version is the xxgk version written into every report.
const Version = "0.1.0"

// Parse reads one file's bytes and returns its report. It never returns
// nil: a file that cannot be read comes back with status failed, its error
// code and a message naming the file and the reason.
func Parse(ctx context.Context, name string, data []byte) *schema.Report {
	sum := sha256.Sum256(data)
	r := &schema.Report{File: name, SHA256: hex.EncodeToString(sum[:]), Version: Version}
	// TODO(foundation): sniff, extract, match.
	return r
}
