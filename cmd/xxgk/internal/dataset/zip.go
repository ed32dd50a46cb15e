package dataset

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"sort"

	"github.com/xuri/excelize/v2"
)

// sortedZip is the zip writer of the workbooks: it collects the parts and
// writes them in name order, so that one workbook is always the same bytes
// (excelize writes the parts of streamed sheets in map order, and a merged
// batch must equal a single run byte for byte). The parts are held
// compressed, once, and copied without recompressing.
type sortedZip struct {
	out io.Writer
	buf bytes.Buffer
	zw  *zip.Writer
}

func newSortedZip(out io.Writer) excelize.ZipWriter {
	z := &sortedZip{out: out}
	z.zw = zip.NewWriter(&z.buf)
	return z
}

func (z *sortedZip) Create(name string) (io.Writer, error) { return z.zw.Create(name) }

func (z *sortedZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z *sortedZip) Close() error {
	if err := z.zw.Close(); err != nil {
		return err
	}
	r, err := zip.NewReader(bytes.NewReader(z.buf.Bytes()), int64(z.buf.Len()))
	if err != nil {
		return err
	}
	parts := append([]*zip.File(nil), r.File...)
	sort.Slice(parts, func(i, j int) bool { return parts[i].Name < parts[j].Name })
	w := zip.NewWriter(z.out)
	for _, p := range parts {
		if err := w.Copy(p); err != nil {
			return err
		}
	}
	return w.Close()
}
