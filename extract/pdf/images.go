package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"io"
	"regexp"
	"strconv"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"

	"xxgk/extract/bounded"
	"xxgk/extract/document"
	"xxgk/extract/ocr"
	"xxgk/extract/pdf/decrypt"
	"xxgk/schema"
)

// Image-only PDF pages (scans) are read by OCR: each page's largest image
// XObject is decoded and taken to cover the page, as scanners and img2pdf
// draw it. Decoded: DCTDecode (JPEG), FlateDecode with or without PNG and
// TIFF predictors, CCITTFaxDecode (Group 3 one-dimensional and Group 4),
// ASCIIHexDecode and ASCII85Decode in front of them; grey, RGB, CMYK,
// ICC-based and indexed colour at 1, 2, 4, 8 or 16 bits. Not decoded (the
// file fails with unsupported_format, naming the filter): JBIG2Decode,
// JPXDecode (JPEG 2000), LZWDecode, RunLengthDecode.

// ocrPages reads the document's pages as scans. noText is the error to
// return when no page has an image either.
func (d *reader) ocrPages(ctx context.Context, data []byte, doc *document.Document, noText error) (*document.Document, error) {
	if plain, err := decrypt.Plain(data); err == nil {
		data = plain // the library read the decrypted copy: offsets are its
	}
	pages := make([]ocr.Page, 0, len(d.pages))
	for n := 1; n <= len(d.pages); n++ {
		s, err := d.setup(n)
		if err != nil {
			return doc, err
		}
		var img image.Image
		err = safely(fmt.Sprintf("page %d image", n), func() error {
			var err error
			img, err = pageImage(data, s.res)
			return err
		})
		if err != nil {
			var se *schema.Error
			if errors.As(err, &se) {
				se.Page = n
			}
			return doc, err
		}
		if img == nil || img.Bounds().Dx() < minScanWidth {
			continue // a blank page, or an image too small to hold text
		}
		pages = append(pages, ocr.Page{Number: n, Image: img, Scale: s.width / float64(img.Bounds().Dx())})
	}
	if len(pages) == 0 {
		return doc, noText
	}
	od, err := ocr.Read(ctx, pages, document.PDF, ocr.Options{})
	od.Pages = doc.Pages
	return od, err
}

// minScanWidth is the narrowest page image that is OCRed: an A4 page at
// 50 dpi. Smaller images (logos, spacer pixels) hold no readable text.
const minScanWidth = 400

// maxImage bounds the decoded samples of one image (bytes): a page scan at
// 600 dpi in colour is about 100 MB.
const maxImage = 4 * ocr.MaxPixels

// pageImage decodes the largest image XObject of a page's resources, or
// returns nil when it has none.
func pageImage(data []byte, res *resources) (image.Image, error) {
	dict := res.v.Key("XObject")
	var best pdf.Value
	var bestName string
	area := int64(0)
	for _, name := range dict.Keys() {
		v := dict.Key(name)
		if v.Key("Subtype").Name() != "Image" {
			continue
		}
		if a := v.Key("Width").Int64() * v.Key("Height").Int64(); a > area {
			best, bestName, area = v, name, a
		}
	}
	if area == 0 {
		return nil, nil
	}
	raw, err := rawStream(data, res.ref("XObject", dict, bestName), best.Key("Length").Int64())
	if err != nil {
		return nil, err
	}
	return decodeImage(best, raw)
}

// rawStream returns the undecoded bytes of stream object ref ("12 0 R"):
// the library decodes Flate only, and panics on the image filters.
func rawStream(data []byte, ref string, length int64) ([]byte, error) {
	var num, gen int
	if _, err := fmt.Sscanf(ref, "%d %d R", &num, &gen); err != nil {
		return nil, errors.New("an image that is not an indirect object")
	}
	re := regexp.MustCompile(`(?:^|[^0-9])` + strconv.Itoa(num) + `\s+` + strconv.Itoa(gen) + `\s+obj\b`)
	locs := re.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return nil, fmt.Errorf("image object %d %d not found", num, gen)
	}
	// The last definition wins (incremental updates).
	rest := data[locs[len(locs)-1][1]:]
	i := bytes.Index(rest, []byte("stream"))
	if i < 0 {
		return nil, fmt.Errorf("image object %d %d has no stream", num, gen)
	}
	rest = rest[i+len("stream"):]
	switch {
	case bytes.HasPrefix(rest, []byte("\r\n")):
		rest = rest[2:]
	case bytes.HasPrefix(rest, []byte("\n")), bytes.HasPrefix(rest, []byte("\r")):
		rest = rest[1:]
	}
	if length <= 0 || length > int64(len(rest)) {
		// A wrong /Length: up to endstream.
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			return nil, fmt.Errorf("image object %d %d: stream not terminated", num, gen)
		}
		return rest[:j], nil
	}
	return rest[:length], nil
}

// decodeImage applies the image's filters and turns its samples into an
// image.
func decodeImage(v pdf.Value, raw []byte) (image.Image, error) {
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	if w <= 0 || h <= 0 || w*h > ocr.MaxPixels {
		return nil, &schema.Error{Code: schema.ErrTooLarge, Err: fmt.Errorf("a page image of %d×%d pixels (at most %d pixels are read)", w, h, ocr.MaxPixels)}
	}
	var filters []string
	var params []pdf.Value
	switch f := v.Key("Filter"); f.Kind() {
	case pdf.Name:
		filters, params = []string{f.Name()}, []pdf.Value{v.Key("DecodeParms")}
	case pdf.Array:
		for i := 0; i < f.Len(); i++ {
			filters = append(filters, f.Index(i).Name())
			params = append(params, v.Key("DecodeParms").Index(i))
		}
	}
	data := raw
	for i, f := range filters {
		last := i == len(filters)-1
		var err error
		switch f {
		case "ASCIIHexDecode", "AHx":
			data, err = hexDecode(data)
		case "ASCII85Decode", "A85":
			data, err = bounded.ReadAll(ascii85.NewDecoder(bytes.NewReader(bytes.TrimSuffix(bytes.TrimSpace(data), []byte("~>")))), maxImage, 0, "a page image")
		case "FlateDecode", "Fl":
			data, err = flate(data, params[i])
		case "DCTDecode", "DCT":
			if !last {
				return nil, unsupported("DCTDecode followed by another filter")
			}
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged JPEG page image: %w", err)}
			}
			return invertIf(img, v), nil
		case "CCITTFaxDecode", "CCF":
			return ccittImage(data, params[i], w, h, v)
		default:
			return nil, unsupported(f)
		}
		if err != nil {
			return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("page image, %s: %w", f, err)}
		}
	}
	return samples(v, data, w, h)
}

func unsupported(filter string) error {
	return schema.Errorf(schema.ErrUnsupportedFormat,
		"a scan whose page images are compressed with %s, which xxgk does not decode (DCT, Flate and CCITT are read)", filter)
}

func hexDecode(b []byte) ([]byte, error) {
	var clean []byte
	for _, c := range b {
		if c == '>' {
			break
		}
		if c > ' ' {
			clean = append(clean, c)
		}
	}
	if len(clean)%2 == 1 {
		clean = append(clean, '0')
	}
	return hex.DecodeString(string(clean))
}

// flate inflates data (bounded by maxImage) and undoes a PNG or TIFF
// predictor.
func flate(data []byte, p pdf.Value) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxImage+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	if len(out) > maxImage {
		return nil, &schema.Error{Code: schema.ErrTooLarge, Err: fmt.Errorf("a page image larger than %d MB", maxImage>>20)}
	}
	pred := p.Key("Predictor").Int64()
	if pred <= 1 {
		return out, nil
	}
	colors := max(1, int(p.Key("Colors").Int64()))
	bpc := 8
	if b := p.Key("BitsPerComponent"); !b.IsNull() {
		bpc = int(b.Int64())
	}
	cols := 1
	if c := p.Key("Columns"); !c.IsNull() {
		cols = int(c.Int64())
	}
	bpp := max(1, colors*bpc/8)
	rowLen := (cols*colors*bpc + 7) / 8
	if rowLen <= 0 {
		return nil, errors.New("bad predictor columns")
	}
	if pred == 2 { // TIFF: horizontal differencing, 8-bit samples only
		if bpc != 8 {
			return nil, fmt.Errorf("TIFF predictor with %d-bit samples", bpc)
		}
		for r := 0; r+rowLen <= len(out); r += rowLen {
			for i := bpp; i < rowLen; i++ {
				out[r+i] += out[r+i-bpp]
			}
		}
		return out, nil
	}
	// PNG predictors: a filter-type byte in front of every row.
	var res []byte
	prev := make([]byte, rowLen)
	for r := 0; r+rowLen+1 <= len(out); r += rowLen + 1 {
		ft, row := out[r], out[r+1:r+1+rowLen]
		for i := range row {
			var a, b, c byte
			if i >= bpp {
				a, c = row[i-bpp], prev[i-bpp]
			}
			b = prev[i]
			switch ft {
			case 1:
				row[i] += a
			case 2:
				row[i] += b
			case 3:
				row[i] += byte((int(a) + int(b)) / 2)
			case 4:
				row[i] += paeth(a, b, c)
			}
		}
		res = append(res, row...)
		copy(prev, row)
	}
	return res, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func ccittImage(data []byte, p pdf.Value, w, h int, v pdf.Value) (image.Image, error) {
	sf := ccitt.Group3
	k := p.Key("K").Int64()
	switch {
	case k < 0:
		sf = ccitt.Group4
	case k > 0:
		return nil, unsupported("CCITTFaxDecode with two-dimensional Group 3 coding (K > 0)")
	}
	if c := p.Key("Columns"); !c.IsNull() {
		w = int(c.Int64())
	}
	if r := p.Key("Rows"); !r.IsNull() && r.Int64() > 0 {
		h = int(r.Int64())
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	opts := &ccitt.Options{Align: p.Key("EncodedByteAlign").Bool(), Invert: p.Key("BlackIs1").Bool()}
	if err := ccitt.DecodeIntoGray(g, bytes.NewReader(data), ccitt.MSB, sf, opts); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("a damaged CCITT page image: %w", err)}
	}
	return invertIf(g, v), nil
}

// invertIf applies a /Decode [1 0] of a one-component image.
func invertIf(img image.Image, v pdf.Value) image.Image {
	d := v.Key("Decode")
	if d.Len() < 2 || d.Index(0).Float64() <= d.Index(1).Float64() {
		return img
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
	for i := range g.Pix {
		g.Pix[i] = 255 - g.Pix[i]
	}
	return g
}

// samples turns decoded samples into a grey image, whatever the colour
// space: OCR needs only the lightness.
func samples(v pdf.Value, data []byte, w, h int) (image.Image, error) {
	bpc := int(v.Key("BitsPerComponent").Int64())
	mask := v.Key("ImageMask").Bool()
	if mask {
		bpc = 1
	}
	if bpc == 0 {
		bpc = 8
	}
	if bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16 {
		return nil, fmt.Errorf("page image with %d bits per component", bpc)
	}
	comps, lookup := 1, []byte(nil)
	var base int
	cs := v.Key("ColorSpace")
	if !mask {
		comps, lookup, base = colorSpace(cs)
	}
	rowLen := (w*comps*bpc + 7) / 8
	if len(data) < rowLen*h {
		h = len(data) / rowLen // a short stream: the rows it has
		if h == 0 {
			return nil, &schema.Error{Code: schema.ErrUnreadable, Err: errors.New("a page image with no samples")}
		}
	}
	maxV := float64(int(1)<<bpc - 1)
	get := func(row []byte, i int) float64 {
		switch bpc {
		case 8:
			return float64(row[i])
		case 16:
			return float64(int(row[2*i])<<8 | int(row[2*i+1]))
		}
		bit := i * bpc
		return float64(row[bit/8] >> (8 - bpc - bit%8) & byte(int(maxV)))
	}
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := data[y*rowLen : (y+1)*rowLen]
		for x := 0; x < w; x++ {
			var l float64
			switch {
			case lookup != nil:
				idx := int(get(row, x))
				l = lookupGray(lookup, base, idx)
			case comps == 1:
				l = get(row, x) / maxV
			case comps == 3:
				l = (0.299*get(row, 3*x) + 0.587*get(row, 3*x+1) + 0.114*get(row, 3*x+2)) / maxV
			case comps == 4:
				c, m, yy, k := get(row, 4*x)/maxV, get(row, 4*x+1)/maxV, get(row, 4*x+2)/maxV, get(row, 4*x+3)/maxV
				l = (0.299*(1-c) + 0.587*(1-m) + 0.114*(1-yy)) * (1 - k)
			}
			g.Pix[y*g.Stride+x] = uint8(max(0, min(1, l))*255 + 0.5)
		}
	}
	return invertIf(g, v), nil
}

// colorSpace returns the number of components of a colour space, and for
// an indexed one its lookup table and the base space's components.
func colorSpace(cs pdf.Value) (comps int, lookup []byte, base int) {
	name := cs.Name()
	if cs.Kind() == pdf.Array {
		name = cs.Index(0).Name()
	}
	switch name {
	case "DeviceRGB", "CalRGB", "RGB", "Lab":
		return 3, nil, 0
	case "DeviceCMYK", "CMYK":
		return 4, nil, 0
	case "ICCBased":
		if n := int(cs.Index(1).Key("N").Int64()); n == 3 || n == 4 {
			return n, nil, 0
		}
	case "Indexed", "I":
		b, _, _ := colorSpace(cs.Index(1))
		l := cs.Index(3)
		var tbl []byte
		if l.Kind() == pdf.Stream {
			tbl, _ = readStream(l)
		} else {
			tbl = []byte(l.RawString())
		}
		return 1, tbl, b
	}
	return 1, nil, 0
}

func lookupGray(tbl []byte, comps, idx int) float64 {
	o := idx * comps
	if o+comps > len(tbl) {
		return 1
	}
	switch comps {
	case 3:
		return (0.299*float64(tbl[o]) + 0.587*float64(tbl[o+1]) + 0.114*float64(tbl[o+2])) / 255
	case 4:
		c, m, y, k := float64(tbl[o])/255, float64(tbl[o+1])/255, float64(tbl[o+2])/255, float64(tbl[o+3])/255
		return (0.299*(1-c) + 0.587*(1-m) + 0.114*(1-y)) * (1 - k)
	}
	return float64(tbl[o]) / 255
}
