package pdf

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tiny scans (fixtures/scans/tiny.sh) draw a frame with a black block
// at x 20–40, y 12–28 and, in the grey ones, a 50% grey block at x 44–52.
func TestPageImageEncodings(t *testing.T) {
	for _, tc := range []struct {
		file string
		grey bool
	}{
		{"tiny_flate.pdf", false}, {"tiny_flate8.pdf", true}, {"tiny_rgb.pdf", true},
		{"tiny_dct.pdf", true}, {"tiny_g4.pdf", false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "scans", tc.file))
			require.NoError(t, err)
			d, _, err := open(data)
			require.NoError(t, err)
			_, err = d.numPages()
			require.NoError(t, err)
			s, err := d.setup(1)
			require.NoError(t, err)
			img, err := pageImage(data, s.res)
			require.NoError(t, err)
			require.NotNil(t, img)
			assert.Equal(t, image.Rect(0, 0, 64, 40), img.Bounds())
			lum := func(x, y int) int {
				r, g, b, _ := img.At(x, y).RGBA()
				return int((r + g + b) / 3 >> 8)
			}
			assert.Less(t, lum(30, 20), 40, "block")
			assert.Less(t, lum(5, 20), 40, "frame")
			assert.Greater(t, lum(12, 20), 215, "paper")
			assert.Greater(t, lum(62, 2), 215, "margin")
			if tc.grey {
				assert.InDelta(t, 128, lum(48, 20), 30, "grey block")
			}
		})
	}
}

func TestPageImageUnsupported(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "scans", "tiny_dct.pdf"))
	require.NoError(t, err)
	d, _, err := open(data)
	require.NoError(t, err)
	_, err = d.numPages()
	require.NoError(t, err)
	s, err := d.setup(1)
	require.NoError(t, err)
	v := s.res.v.Key("XObject")
	name := v.Keys()[0]
	raw, err := rawStream(data, s.res.ref("XObject", v, name), v.Key(name).Key("Length").Int64())
	require.NoError(t, err)
	assert.Equal(t, []byte{0xff, 0xd8}, raw[:2], "raw JPEG bytes")
	assert.ErrorContains(t, unsupported("JBIG2Decode"), "JBIG2Decode")
}
