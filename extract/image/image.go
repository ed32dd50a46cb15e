// Package image reads scanned reports saved as image files (PNG, JPEG,
// TIFF, multi-page TIFF taken page by page where the decoder allows it)
// by OCR.
package image

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // registers the JPEG decoder
	_ "image/png"  // registers the PNG decoder

	_ "golang.org/x/image/tiff" // registers the TIFF decoder

	"xxgk/extract/document"
	"xxgk/extract/ocr"
	"xxgk/schema"
)

// Extract decodes an image file and reads it as one page by OCR. Its
// locations are in pixels.
func Extract(ctx context.Context, data []byte, opt ocr.Options) (*document.Document, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged or unsupported image: %w", err)}
	}
	if cfg.Width*cfg.Height > ocr.MaxPixels {
		return nil, &schema.Error{Code: schema.ErrTooLarge,
			Err: fmt.Errorf("an image of %d×%d pixels is larger than %d pixels", cfg.Width, cfg.Height, ocr.MaxPixels)}
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged image: %w", err)}
	}
	return ocr.Read(ctx, []ocr.Page{{Number: 1, Image: img, Scale: 1}}, document.Image, opt)
}
