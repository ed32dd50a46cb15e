package pdf

import (
	"fmt"
	"strings"
)

// testPDF builds small PDF files for tests: one page with the given
// content stream and resources, objects written out with a correct xref
// table.
type testPDF struct {
	objs []string // object bodies; object n is objs[n-1]
}

// add appends an object and returns its number.
func (b *testPDF) add(body string) int {
	b.objs = append(b.objs, body)
	return len(b.objs)
}

// stream makes a stream object body.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// bytes writes the file; the page tree is the object after page.
func (b *testPDF) bytes(page int) []byte {
	b.add(fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", page+1))
	var out strings.Builder
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(b.objs))
	for i, o := range b.objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, len(b.objs), xref)
	return []byte(out.String())
}

// onePage builds a PDF of one A4 page drawing content, with fonts F1
// (Helvetica-like, every glyph 500 wide, no ToUnicode), F2 (Identity-H with
// a ToUnicode map), F3 (the same glyphs, Identity-V) and a form XObject Fm1
// that shows "X" with F1 at its origin, moved by its matrix to x = 10.
// extraPage is added to the page dictionary (/Rotate 90).
func onePage(content, extraPage string) []byte {
	var b testPDF
	widths := strings.TrimSpace(strings.Repeat("500 ", 95))
	f1 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [%s] >>", widths))
	cmap := `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0001> <4E09>
<0002> <3001>
endbfchar
1 beginbfrange
<0010> <0012> [<672C> <5E74> <D840DC00>]
endbfrange
1 beginbfrange
<0020> <0029> <0030>
endbfrange
endcmap
end end`
	tu := b.add(stream("", cmap))
	desc := b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 [500 500 500 500 500 500 500 500 500 500]] >>")
	f2 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	f3 := b.add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-V /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	form := b.add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [1 0 0 1 10 0] /Resources << /Font << /F1 %d 0 R >> >>", f1), "BT /F1 10 Tf (X) Tj ET"))
	contents := b.add(stream("", content))
	pages := len(b.objs) + 2
	page := b.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> /XObject << /Fm1 %d 0 R >> >> %s >>",
		pages, contents, f1, f2, f3, form, extraPage))
	b.add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page))
	return b.bytes(page)
}
