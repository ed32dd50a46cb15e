package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"xxgk/schema"
)

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// pack makes a DOCX package whose body is the given WordprocessingML.
func pack(t testing.TB, bodyXML string) []byte {
	t.Helper()
	return packParts(t, map[string]string{
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + bodyXML + `</w:body></w:document>`,
	})
}

func packParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, content); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(runs string) string { return "<w:p>" + runs + "</w:p>" }
func r(text string) string { return "<w:r><w:t>" + text + "</w:t></w:r>" }
func tc(props, content string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + content + "</w:tc>"
}
func tr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
func tbl(rows ...string) string { return "<w:tbl><w:tblGrid/>" + strings.Join(rows, "") + "</w:tbl>" }

func TestExtract(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"runs split and joined", p(r("一、总") + r("体") + `<w:r><w:t xml:space="preserve">情况 </w:t></w:r>`),
			"P1 一、总体情况\n"},
		{"empty paragraphs left out but counted", p("") + p(r("　")) + p(r("正文")),
			"P3 正文\n"},
		{"line breaks make lines", p(r("第一行") + "<w:r><w:br/><w:t>第二行</w:t></w:r>"),
			"P1 第一行\nP1 第二行\n"},
		{"tracked insertion kept, deletion dropped",
			p(r("收到") + `<w:del w:id="1"><w:r><w:delText>99</w:delText></w:r></w:del><w:ins w:id="2">` + r("12") + `</w:ins>` + r("件")),
			"P1 收到12件\n"},
		{"moved text: from dropped, to kept",
			p(`<w:moveFrom w:id="1">` + r("旧") + `</w:moveFrom>` + `<w:moveTo w:id="2">` + r("新") + `</w:moveTo>`),
			"P1 新\n"},
		{"hyperlink and simple field keep their text",
			p(`<w:hyperlink w:anchor="a">` + r("条例") + `</w:hyperlink><w:fldSimple w:instr=" PAGE ">` + r("3") + `</w:fldSimple>`),
			"P1 条例3\n"},
		{"complex field keeps its result, not its instruction",
			p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(LEFT) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("42") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
			"P1 42\n"},
		{"hidden text dropped", p(`<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>` + `<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>可见</w:t></w:r>`),
			"P1 可见\n"},
		{"content controls read through", `<w:sdt><w:sdtPr/><w:sdtContent>` + p(`<w:sdt><w:sdtContent>`+r("控件")+`</w:sdtContent></w:sdt>`) + `</w:sdtContent></w:sdt>`,
			"P1 控件\n"},
		{"content controls showing their placeholder read as empty",
			p(r("数量：")+`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>`+r("单击此处输入文字。")+`</w:sdtContent></w:sdt>`) +
				tbl(tr(tc("", p(r("规章"))), `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>`+tc("", p(r("单击此处输入文字。")))+`</w:sdtContent></w:sdt>`, tc("", `<w:sdt><w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr><w:sdtContent>`+p(r("3"))+`</w:sdtContent></w:sdt>`))),
			"P1 数量：\nTABLE\n  t1 r1: 0+1\"规章\" 1+1\"\" 2+1\"3\"\n"},
		{"drawings and comments skipped", p(r("正文") + `<w:r><w:drawing><wp:inline xmlns:wp="x"><w:t>图</w:t></wp:inline></w:drawing></w:r><w:commentRangeStart w:id="0"/>`),
			"P1 正文\n"},
		{"text box content follows its paragraph, once",
			p(r("正文")+`<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="x"><a:graphic xmlns:a="y"><wps:txbx xmlns:wps="z"><w:txbxContent>`+
				p(r("淮安市洪泽区人民政府"))+`</w:txbxContent></wps:txbx></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox xmlns:v="v"><w:txbxContent>`+
				p(r("淮安市洪泽区人民政府"))+`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`+r("续")) + p(r("下一段")),
			"P1 正文续\nP2 淮安市洪泽区人民政府\nP3 下一段\n"},
		{"VML text box without alternate content",
			p(`<w:r><w:pict><v:shape xmlns:v="v"><v:textbox><w:txbxContent>` + p(r("红头")) + `</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`),
			"P2 红头\n"},
		{"gridSpan and vMerge",
			tbl(
				tr(tc(`<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>`, p(r("项目"))), tc("", p(r("自然人")))),
				tr(tc(`<w:gridSpan w:val="2"/><w:vMerge/>`, p("")), tc("", p(r("3")))),
				tr(tc(`<w:vMerge w:val="restart"/>`, p(r("三"))), tc("", p(r("（一）"))), tc("", p(""))),
				tr(tc(`<w:vMerge w:val="continue"/>`, p(r("忽略"))), tc("", p(r("（二）"))), tc("", p(r("7")))),
			),
			"TABLE\n  t1 r1: 0+2\"项目\" 2+1\"自然人\"\n  t1 r2: 0+2M\"\" 2+1\"3\"\n  t1 r3: 0+1\"三\" 1+1\"（一）\" 2+1\"\"\n  t1 r4: 0+1M\"\" 1+1\"（二）\" 2+1\"7\"\n"},
		{"crafted spans clamped to Word's 63 columns",
			tbl(`<w:tr><w:trPr><w:gridBefore w:val="99999"/></w:trPr>` + tc(`<w:gridSpan w:val="2147483647"/>`, p(r("宽"))) + `</w:tr>`),
			"TABLE\n  t1 r1: 0+63\"\" 63+63\"宽\"\n"},
		{"legacy hMerge widens the cell on the left",
			tbl(tr(tc(`<w:hMerge w:val="restart"/>`, p(r("申请人情况"))), tc(`<w:hMerge/>`, p(r("x"))), tc("", p(r("总计"))))),
			"TABLE\n  t1 r1: 0+2\"申请人情况\" 2+1\"总计\"\n"},
		{"paragraphs and breaks in a cell",
			tbl(tr(tc("", p(r("商业"))+p(r("企业"))), tc("", p(r("结果")+"<w:r><w:br/></w:r>"+r("维持"))))),
			"TABLE\n  t1 r1: 0+1\"商业\\n企业\" 1+1\"结果\\n维持\"\n"},
		{"gridBefore keeps columns",
			tbl(tr(tc("", p(r("a"))), tc("", p(r("b"))), tc("", p(r("c")))), `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+tc("", p(r("5")))+tc("", p(r("6")))+`</w:tr>`),
			"TABLE\n  t1 r1: 0+1\"a\" 1+1\"b\" 2+1\"c\"\n  t1 r2: 0+1\"\" 1+1\"5\" 2+1\"6\"\n"},
		{"gridAfter keeps the blank end of a short row",
			tbl(tr(tc("", p(r("a"))), tc("", p(r("b"))), tc("", p(r("c")))), `<w:tr><w:trPr><w:gridAfter w:val="2"/></w:trPr>`+tc("", p(r("5")))+`</w:tr>`),
			"TABLE\n  t1 r1: 0+1\"a\" 1+1\"b\" 2+1\"c\"\n  t1 r2: 0+1\"5\" 1+2\"\"\n"},
		{"tracked row deletion dropped, numbering kept",
			tbl(`<w:tr><w:trPr><w:del w:id="1"/></w:trPr>`+tc("", p(r("删")))+`</w:tr>`, tr(tc("", p(r("留"))))),
			"TABLE\n  t1 r2: 0+1\"留\"\n"},
		{"nested table comes after its table",
			tbl(tr(tc("", p(r("外"))+tbl(tr(tc("", p(r("内1"))), tc("", p(r("内2")))))), tc("", p(r("右"))))) + p(r("后")),
			"TABLE\n  t1 r1: 0+1\"外\" 1+1\"右\"\nTABLE\n  t2 r1: 0+1\"内1\" 1+1\"内2\"\nP5 后\n"},
		{"a one-cell frame around the report is unwrapped",
			tbl(tr(tc("", p(r("标题"))+tbl(tr(tc("", p(r("规章"))), tc("", p(r("4")))))+p(r("落款"))))),
			"P1 标题\nTABLE\n  t2 r1: 0+1\"规章\" 1+1\"4\"\nP4 落款\n"},
		{"rows inside a content control",
			tbl(`<w:sdt><w:sdtContent>` + tr(tc("", p(r("1")))) + `</w:sdtContent></w:sdt>`),
			"TABLE\n  t1 r1: 0+1\"1\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), pack(t, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// bomb returns a DOCX whose document.xml inflates to n bytes, and whose
// header claims claimed bytes (a lying header when claimed < n).
func bomb(t *testing.T, n int, claimed uint64) []byte {
	t.Helper()
	// Deflate the content first, then write it raw under a header that
	// can say anything.
	var comp bytes.Buffer
	zw := zip.NewWriter(&comp)
	w, err := zw.Create("x")
	if err != nil {
		t.Fatal(err)
	}
	content := `<w:document ` + wordNS + `><w:body>` + strings.Repeat(" ", n) + `</w:body></w:document>`
	io.WriteString(w, content)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(comp.Bytes()), int64(comp.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	deflated, _ := io.ReadAll(rc)
	var raw bytes.Buffer
	out := zip.NewWriter(&raw)
	hw, err := out.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate,
		CRC32: zr.File[0].CRC32, CompressedSize64: uint64(len(deflated)), UncompressedSize64: claimed,
	})
	if err != nil {
		t.Fatal(err)
	}
	hw.Write(deflated)
	out.Close()
	return raw.Bytes()
}

func TestEncodings(t *testing.T) {
	decl := func(enc string) string { return `<?xml version="1.0" encoding="` + enc + `"?>` }
	doc := `<w:document ` + wordNS + `><w:body>` + p(r("总体情况")) + `</w:body></w:document>`
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String(decl("GBK") + doc)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(decl("UTF-16") + doc)
	tests := []struct {
		name, xml string
		code      schema.ErrorCode
	}{
		{"utf-8", decl("UTF-8") + doc, ""},
		{"gbk declared", gbk, ""},
		{"utf-16 with BOM", utf16, ""},
		{"unknown encoding", decl("x-klingon") + doc, schema.ErrUndecodableText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Extract(context.Background(), packParts(t, map[string]string{"word/document.xml": tt.xml}))
			if tt.code != "" {
				if schema.CodeOf(err) != tt.code {
					t.Fatalf("error %v, want %s", err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(d); got != "P1 总体情况\n" {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("<w:sdt><w:sdtContent>", 200) + strings.Repeat("</w:sdtContent></w:sdt>", 200)
	tests := []struct {
		name     string
		data     []byte
		maxPart  int64
		maxDepth int
		code     schema.ErrorCode
	}{
		{"header over the limit", bomb(t, 1<<20, 1<<20+100), 1 << 16, MaxDepth, schema.ErrTooLarge},
		// archive/zip stops at the declared size, so a header that
		// understates is caught as damage before the byte count trips.
		{"header understates", bomb(t, 1<<20, 100), 1 << 16, MaxDepth, schema.ErrUnreadable},
		{"under the limit reads", bomb(t, 1000, uint64(1000+len(`<w:document `+wordNS+`><w:body></w:body></w:document>`))), 1 << 16, MaxDepth, ""},
		{"too deep", pack(t, deep), MaxPartSize, 100, schema.ErrTooLarge},
		{"deep but within the limit", pack(t, deep), MaxPartSize, 500, ""},
		{"not a zip", []byte("PK\x03\x04 broken"), MaxPartSize, MaxDepth, schema.ErrUnreadable},
		{"no document.xml", packParts(t, map[string]string{"word/styles.xml": "<x/>"}), MaxPartSize, MaxDepth, schema.ErrUnreadable},
		{"malformed XML", pack(t, "<w:p><w:r></w:p>"), MaxPartSize, MaxDepth, schema.ErrUnreadable},
		{"truncated XML", packParts(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body><w:p>`}), MaxPartSize, MaxDepth, schema.ErrUnreadable},
		{"no body", packParts(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `/>`}), MaxPartSize, MaxDepth, schema.ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extract(context.Background(), tt.data, tt.maxPart, tt.maxDepth)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			var se *schema.Error
			if !errors.As(err, &se) || se.Code != tt.code {
				t.Fatalf("error %v, want code %s", err, tt.code)
			}
		})
	}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := strings.Repeat(p(r("字")), 5000)
	_, err := Extract(ctx, pack(t, body))
	if code := schema.CodeOf(err); code != schema.ErrTimeout {
		t.Fatalf("error %v (code %s), want timeout", err, code)
	}
}
