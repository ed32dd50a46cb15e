// Package extract turns a file into a report: it recognises the input
// format from the content, runs that format's extractor to get a
// format-neutral document, and hands the document to the matchers that map it
// onto the schema.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	worddoc "xxgk/extract/doc"
	"xxgk/extract/document"
	"xxgk/extract/docx"
	"xxgk/extract/html"
	"xxgk/extract/identity"
	"xxgk/extract/image"
	"xxgk/extract/markdown"
	"xxgk/extract/match"
	"xxgk/extract/ocr"
	"xxgk/extract/ofd"
	"xxgk/extract/pdf"
	"xxgk/extract/text"
	"xxgk/schema"
)

// Version is the xxgk version written into every report.
const Version = "0.1.0"

// Parse reads one file's bytes and returns its report. It never returns nil:
// a file that cannot be read comes back with status failed, its error code,
// and a message naming the file and the reason. Agency and year come from
// the identity step (package identity), whatever the outcome: a failed
// file's name may still tell them.
func Parse(ctx context.Context, name string, data []byte) (r *schema.Report) {
	sum := sha256.Sum256(data)
	r = &schema.Report{File: name, SHA256: hex.EncodeToString(sum[:]), Version: Version}
	defer func() {
		if p := recover(); p != nil {
			// The stack is for developers, not in a message users read:
			// the panic value says enough to file a bug with the input.
			r.Fail(&schema.Error{Code: schema.ErrInternal, File: name,
				Err: fmt.Errorf("internal error: %v", p)})
		}
		identity.Fill(r)
	}()
	doc, err := Document(ctx, data)
	if doc != nil {
		r.Format = string(doc.Format)
		r.Pages = doc.Pages
	}
	if err != nil {
		if doc != nil {
			r.Notes = append(r.Notes, doc.Notes...)
		}
		r.Fail(withFile(err, name))
		return r
	}
	match.Fill(r, doc)
	ocr.ProofRead(r, doc)
	if r.ErrorMessage != "" {
		r.ErrorMessage = name + ": " + r.ErrorMessage
	}
	return r
}

// Document sniffs the format of data and runs its extractor. On error the
// returned document, when not nil, still says which format was recognised.
func Document(ctx context.Context, data []byte) (*document.Document, error) {
	f, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	var doc *document.Document
	switch f {
	case document.PDF:
		doc, err = pdf.Extract(ctx, data)
	case document.DOCX:
		doc, err = docx.Extract(ctx, data)
	case document.HTML:
		doc, err = html.Extract(ctx, data)
	case document.Image:
		doc, err = image.Extract(ctx, data, ocr.Options{})
	case document.DOC, document.WPS:
		doc, err = worddoc.Extract(ctx, data)
	case document.RTF:
		doc, err = worddoc.ExtractRTF(ctx, data)
	case document.Markdown:
		doc, err = markdown.Extract(ctx, data)
	case document.OFD:
		doc, err = ofd.Extract(ctx, data)
	default:
		doc, err = text.Extract(ctx, data)
	}
	if doc == nil {
		doc = &document.Document{}
	}
	doc.Format = f
	return doc, err
}

// withFile names the file in err, keeping its code.
func withFile(err error, name string) error {
	var e *schema.Error
	if errors.As(err, &e) {
		c := *e
		c.File = name
		return &c
	}
	return &schema.Error{Code: schema.ErrInternal, File: name, Err: err}
}
