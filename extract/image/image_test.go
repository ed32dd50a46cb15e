package image

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/tiff"

	"xxgk/extract/ocr"
	"xxgk/schema"
)

// Every format decodes and goes on to OCR, which, without tesseract on the
// PATH, fails with ocr_unavailable; damage fails before that.
func TestFormats(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	g := image.NewGray(image.Rect(0, 0, 40, 30))
	encode := map[string]func(*bytes.Buffer) error{
		"png":  func(b *bytes.Buffer) error { return png.Encode(b, g) },
		"jpeg": func(b *bytes.Buffer) error { return jpeg.Encode(b, g, nil) },
		"tiff": func(b *bytes.Buffer) error { return tiff.Encode(b, g, &tiff.Options{Compression: tiff.Deflate}) },
	}
	for name, enc := range encode {
		var b bytes.Buffer
		require.NoError(t, enc(&b))
		doc, err := Extract(context.Background(), b.Bytes(), ocr.Options{})
		var se *schema.Error
		require.True(t, errors.As(err, &se), "%s: %v", name, err)
		assert.Equal(t, schema.ErrOCRUnavailable, se.Code, name)
		require.NotNil(t, doc, name)
		assert.Equal(t, 1, doc.Pages, name)

		_, err = Extract(context.Background(), b.Bytes()[:b.Len()/2], ocr.Options{})
		require.True(t, errors.As(err, &se), "%s cut: %v", name, err)
		assert.Equal(t, schema.ErrUnreadable, se.Code, name)
	}
}
