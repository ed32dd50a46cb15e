package html

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"xxgk/extract/document"
	"xxgk/fixtures"
	"xxgk/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

func encode(t *testing.T, s string, gb bool) []byte {
	t.Helper()
	if !gb {
		return []byte(s)
	}
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(b)
}

func TestDecode(t *testing.T) {
	const body = "<p>一、总体情况</p><p>本年新收申请１２件𠀀</p>"
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("<p>一、总体情况</p>")
	gbk := func(s string) []byte { return encode(t, s, true) }
	tests := []struct {
		name    string
		data    []byte
		charset string
		want    string // a substring of the decoded text
	}{
		{"utf-8 with meta", []byte(`<meta charset="utf-8">` + body), "utf-8", "本年新收申请１２件𠀀"},
		{"utf-8 bom", []byte("\xef\xbb\xbf" + body), "utf-8", "一、总体情况"},
		{"utf-16le bom", []byte(utf16le), "utf-16le", "一、总体情况"},
		{"gb2312 meta", gbk(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + body), "gb2312", "本年新收申请１２件𠀀"},
		{"gbk meta charset", gbk(`<META CHARSET=GBK>` + body), "gbk", "一、总体情况"},
		{"gb18030 meta", gbk(`<meta charset='gb18030'>` + body), "gb18030", "𠀀"},
		{"undeclared gbk sniffed", gbk(body), "gb18030", "本年新收申请"},
		{"gbk declared utf-8", gbk(`<meta charset="utf-8">` + body), "gb18030", "本年新收申请"},
		{"gbk declared iso-8859-1", gbk(`<meta charset="iso-8859-1">` + body), "gb18030", "本年新收申请"},
		{"utf-8 declared gb2312", []byte(`<meta charset="gb2312">` + body), "utf-8", "本年新收申请"},
		{"utf-8 with a character cut short", []byte(`<meta name="description" content="政府信息公开` + "\xe5\xb9" + `">` + body), "utf-8", "本年新收申请１２件"},
		{"gbk with a few bytes that are valid utf-8", append(gbk(strings.Repeat("<p>政府信息公开</p>", 20)), "<p>\xc3\xa9\xe4\xb8\x80</p>"...), "gb18030", "政府信息公开"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, charset, err := decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if charset != tt.charset || !strings.Contains(got, tt.want) {
				t.Errorf("decode = %q as %s, want %q as %s", got, charset, tt.want, tt.charset)
			}
		})
	}
}

func TestDecodeUndecodable(t *testing.T) {
	// Big5 bytes declared as nothing: GB18030 reads them into garbage with
	// many invalid sequences only if they are not valid GB18030, so use
	// bytes that are invalid in both UTF-8 and GB18030.
	data := []byte("<p>" + strings.Repeat("\x81\x20\xff\x30", 50) + "</p>")
	_, err := Extract(context.Background(), data)
	var e *schema.Error
	if !errors.As(err, &e) || e.Code != schema.ErrUndecodableText {
		t.Fatalf("err = %v, want code %s", err, schema.ErrUndecodableText)
	}
}

// cellSpec is a compact form of a cell for table-driven expectations:
// "text@col+span", "^@col+span" for a merged continuation cell.
func cellSpec(c document.Cell) string {
	text := c.Text
	if c.Merged {
		text = "^"
	}
	return fmt.Sprintf("%s@%d+%d", text, c.Col, c.Span)
}

func TestGridTable(t *testing.T) {
	tests := []struct {
		name string
		html string
		want [][]string
	}{
		{
			name: "rowspan and colspan",
			html: `<tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr>`,
			want: [][]string{{"A@0+2", "B@2+1"}, {"^@0+2", "C@2+1"}, {"D@0+1", "E@1+1", "F@2+1"}},
		},
		{
			name: "rowspan in the middle pushes later cells right",
			html: `<tr><td>a</td><td rowspan=3>m</td><td>b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td></tr>`,
			want: [][]string{{"a@0+1", "m@1+1", "b@2+1"}, {"c@0+1", "^@1+1", "d@2+1"}, {"e@0+1", "^@1+1", "f@2+1"}},
		},
		{
			name: "rowspan past the end and rowspan=0 stop at the last row",
			html: `<tr><td rowspan=9>x</td><td rowspan=0>y</td><td>1</td></tr><tr><td>2</td></tr>`,
			want: [][]string{{"x@0+1", "y@1+1", "1@2+1"}, {"^@0+1", "^@1+1", "2@2+1"}},
		},
		{
			name: "blank cells, nbsp, full-width digits, br inside a label",
			html: `<tr><th>本年新<br/>制作数量</th><td>&nbsp;</td><td> ２５１０００元 </td><td colspan="x">—</td></tr>`,
			want: [][]string{{"本年新\n制作数量@0+1", "@1+1", "251000元@2+1", "—@3+1"}},
		},
		{
			name: "rows left short get blank cells up to the table's width",
			html: `<tr><td>（六）其他处理</td></tr><tr><td>（七）总计</td><td>3</td><td colspan=2>4</td></tr><tr><td rowspan=2>x</td><td>1</td></tr><tr></tr>`,
			want: [][]string{{"（六）其他处理@0+1", "@1+1", "@2+1", "@3+1"}, {"（七）总计@0+1", "3@1+1", "4@2+2"}, {"x@0+1", "1@1+1", "@2+1", "@3+1"}, {"^@0+1", "@1+1", "@2+1", "@3+1"}},
		},
		{
			name: "row groups and a nested table's rows are not the table's",
			html: `<thead><tr><td>h</td></tr></thead><tbody><tr><td>v<table><tr><td>n</td></tr></table></td></tr></tbody>`,
			want: [][]string{{"h@0+1"}, {"v\nn@0+1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), []byte("<table>"+tt.html+"</table>"))
			if err != nil {
				t.Fatal(err)
			}
			var tables []*document.Table
			for _, b := range doc.Blocks {
				if b.Table != nil {
					tables = append(tables, b.Table)
				}
			}
			// A table in a cell makes the outer one a layout table; read
			// the inner cells directly then.
			if strings.Contains(tt.html, "<table>") {
				tab, err := gridTable(parseTable(t, "<table>"+tt.html+"</table>"), 1)
				if err != nil {
					t.Fatal(err)
				}
				tables = []*document.Table{tab}
			}
			if len(tables) != 1 {
				t.Fatalf("got %d tables, want 1", len(tables))
			}
			tab := tables[0]
			if !tab.Grid {
				t.Error("Grid = false")
			}
			var got [][]string
			for r, row := range tab.Rows {
				var specs []string
				for _, c := range row.Cells {
					specs = append(specs, cellSpec(c))
					if c.Loc.Table != 1 || c.Loc.Row != r+1 || c.Loc.Col != c.Col+1 {
						t.Errorf("cell %s at %+v, want table 1 row %d col %d", cellSpec(c), c.Loc, r+1, c.Col+1)
					}
				}
				got = append(got, specs)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestArticle checks that the site around the report is dropped and the
// report kept, title included.
func TestArticle(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string // paragraphs, tables as "T<n>" with their source number
	}{
		{
			name: "chrome around the article, title above it",
			html: `<html><head><title>年报_某某网</title><style>p{}</style><script>var a="一、总体情况";</script></head><body>
<div class="top"><a href="/">首页</a> | <a href="/x">政务公开</a><p>某某市人民政府门户网站</p></div>
<div class="crumb">当前位置：<a>首页</a> &gt; <a>政府信息公开年报</a></div>
<h1>某某局2019年政府信息公开工作年度报告</h1>
<div class="info">来源：某某局 <span>浏览次数：<script>document.write(12)</script></span></div>
<div class="content"><p>一、总体情况</p><p>正文<br>第二行</p><p>二、主动公开政府信息情况</p>
<table><tr><td>第二十条第（一）项</td></tr><tr><td>规章</td><td>1</td></tr></table>
<p style="display:none">隐藏</p><p>六、其他需要报告的事项</p><p>无。</p><p><a href="javascript:print()">【打印】</a> <a>【关闭】</a></p><p>附件：<a href="a.pdf">统计表.pdf</a></p></div>
<ul class="related"><li><a>2018年政府信息公开工作年度报告</a></li><li><a>一、总体情况链接</a></li></ul>
<table><tr><td>版权所有</td><td>网站标识码</td></tr></table>
<footer><p>主办：某某局</p></footer></body></html>`,
			want: []string{"某某局2019年政府信息公开工作年度报告", "一、总体情况", "正文", "第二行", "二、主动公开政府信息情况", "T1", "六、其他需要报告的事项", "无。", "附件：统计表.pdf"},
		},
		{
			name: "layout tables around the article",
			html: `<body><table><tr><td><a>首页</a></td><td><a>新闻</a></td></tr></table>
<table width="1000"><tr><td class="left"><ul><li><a>年报</a></li></ul></td><td>
<table><tr><td><p align="center">2017年某某县政府信息公开工作年度报告</p>
<p>一、概述</p><p>本年度。</p><p>二、主动公开政府信息情况</p><p>公开了。</p><p>三、依申请公开政府信息情况</p>
<table><tr><td>申请人情况</td><td>自然人</td></tr><tr><td>数量</td><td>3</td></tr></table>
</td></tr></table></td></tr></table><div id="footer">网站地图</div></body>`,
			want: []string{"2017年某某县政府信息公开工作年度报告", "一、概述", "本年度。", "二、主动公开政府信息情况", "公开了。", "三、依申请公开政府信息情况", "T4"},
		},
		{
			name: "article is the whole body: nav, aside and footer still dropped",
			html: `<body><nav><p>一、总体情况导航</p></nav><header><p>网站名</p></header><p>一、总体情况</p><aside><p>二、主动公开政府信息情况（侧栏）</p></aside><p>二、主动公开政府信息情况</p><footer><p>六、其他需要报告的事项（页脚）</p></footer></body>`,
			want: []string{"一、总体情况", "二、主动公开政府信息情况"},
		},
		{
			name: "headings repeated in a table of contents beside the article",
			html: `<body><div class="wrap"><div class="toc"><p>目录</p><p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p></div>
<div class="article"><p>某某区2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p><table><tr><td>第二十条第（一）项</td><td>1</td></tr></table><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>自然人</td><td>2</td></tr></table></div></div></body>`,
			want: []string{"某某区2021年政府信息公开工作年度报告", "一、总体情况", "正文", "二、主动公开政府信息情况", "T1", "三、收到和处理政府信息公开申请情况", "T2"},
		},
		{
			name: "sections in two sibling blocks are one article",
			html: `<body><div class="article"><div class="part1"><p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>自然人</td><td>2</td></tr></table></div><div class="part2"><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p></div></div><div><p>页脚</p></div></body>`,
			want: []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "T1", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"},
		},
		{
			name: "no headings: all but chrome and link-only lines",
			html: `<body><nav><p>导航</p></nav><p><a>链接一</a></p><p>某某乡2015年政府信息公开年报</p><p>今年公开信息<a>100</a>条。</p><footer>页脚</footer></body>`,
			want: []string{"某某乡2015年政府信息公开年报", "今年公开信息100条。"},
		},
		{
			name: "a text report kept in <pre>: lines, tab-separated rows as a table",
			html: "<body><div class=nav><a>首页</a></div><pre>某某县2019年政府信息公开工作年度报告\n一、总体情况\n  正文１２件。\n\n三、收到和处理政府信息公开申请情况\n\t自然人\t总计\n一、本年新收\t1\t1\n</pre></body>",
			want: []string{"某某县2019年政府信息公开工作年度报告", "一、总体情况", "正文12件。", "三、收到和处理政府信息公开申请情况", "T0"},
		},
		{
			name: "title in two lines above the article, agency first",
			html: `<body><div class="logo">某某市人民政府门户网站</div><div class="t"><h2>某某市财政局</h2><h1>2020年政府信息公开工作年度报告</h1></div><div class="c"><p>一、总体情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></div></body>`,
			want: []string{"某某市财政局", "2020年政府信息公开工作年度报告", "一、总体情况", "四、政府信息公开行政复议、行政诉讼情况"},
		},
		{
			name: "title only in the page title",
			html: `<head><title>某某区2019年政府信息公开工作年度报告</title></head><body><div><p>一、总体情况</p><p>三、收到和处理政府信息公开申请情况</p></div></body>`,
			want: []string{"某某区2019年政府信息公开工作年度报告", "一、总体情况", "三、收到和处理政府信息公开申请情况"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), []byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			line := 0
			for _, b := range doc.Blocks {
				if b.Table != nil {
					got = append(got, fmt.Sprintf("T%d", b.Table.Rows[0].Cells[0].Loc.Table))
					continue
				}
				line++
				if b.Loc != (schema.Location{Line: line}) {
					t.Errorf("paragraph %q at %+v, want line %d", b.Text, b.Loc, line)
				}
				got = append(got, b.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("blocks\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestGolden compares whole documents with golden renderings (go test
// -update rewrites them): the corpus's HTML report, and generated pages
// whose site chrome and layout tables must not leak into the document.
func TestGolden(t *testing.T) {
	fixtures.NeedCorpus(t)
	for _, path := range []string{
		filepath.Join(fixtures.CorpusDir(), "shanghai_shizhengfubangongting_2019.html"),
		filepath.Join(fixtures.Dir(), "html", "html_2021_utf8_chrome.html"),
		filepath.Join(fixtures.Dir(), "html", "html_2021_gb18030_layout.html"),
		filepath.Join(fixtures.Dir(), "html", "html_2016_legacy_gbk.html"),
	} {
		name := strings.TrimSuffix(filepath.Base(path), ".html")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", name+".golden"), render(doc))
		})
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	fixtures.Golden(t, path, []byte(got), *update)
}

// render writes a document one paragraph or table row per line.
func render(doc *document.Document) string {
	var b strings.Builder
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P%d %s\n", blk.Loc.Line, blk.Text)
			continue
		}
		for _, row := range blk.Table.Rows {
			fmt.Fprintf(&b, "T%d", blk.Table.Rows[0].Cells[0].Loc.Table)
			for _, c := range row.Cells {
				fmt.Fprintf(&b, " | r%dc%d+%d", c.Loc.Row, c.Loc.Col, c.Span)
				if c.Merged {
					b.WriteString(" ^")
				} else {
					fmt.Fprintf(&b, " %q", c.Text)
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func parseTable(t *testing.T, s string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return find(root, atom.Table)
}

func TestLimits(t *testing.T) {
	huge := "<table>" + strings.Repeat(`<tr><td colspan="1000" rowspan="2000">x</td><td>1</td></tr>`, 2000) + "</table>"
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		html string
		code schema.ErrorCode
	}{
		{"spans covering a huge grid", context.Background(), huge, schema.ErrTooLarge},
		{"many rows under a wide one", context.Background(), "<table><tr><td colspan=1000>x</td></tr>" + strings.Repeat("<tr><td>1</td></tr>", 300) + "</table>", schema.ErrTooLarge},
		{"cancelled", cancelled, "<p>一、总体情况</p>", schema.ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(tt.ctx, []byte(tt.html))
			var e *schema.Error
			if !errors.As(err, &e) || e.Code != tt.code {
				t.Fatalf("err = %v, want code %s", err, tt.code)
			}
		})
	}
}

// FuzzExtract checks that no page makes Extract panic, and that the tables
// it reads keep the grid invariants the matchers rely on.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr></table>",
		"<p>一、总体情况</p><table><tr><td>自然人</td><td rowspan=0>1</td></tr><tr><td>２</td></tr></table><p>二、主动公开</p>",
		"<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>",
		"\xef\xbb\xbf<meta charset=gbk><p>\xd2\xbb</p>",
		"<pre>一、总体情况\n\ta\tb\n1\t2</pre>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), data)
		if err != nil {
			return
		}
		for _, b := range doc.Blocks {
			if b.Table == nil || !b.Table.Grid {
				continue // paragraphs, and tables of <pre> text
			}
			for r, row := range b.Table.Rows {
				prev := -1
				for _, c := range row.Cells {
					if c.Col < prev || c.Span < 1 || c.Span > maxColSpan || c.Loc.Row != r+1 || c.Loc.Col != c.Col+1 || (c.Merged && c.Text != "") {
						t.Fatalf("row %d: bad cell %+v", r+1, c)
					}
					prev = c.Col
				}
			}
		}
	})
}

func BenchmarkExtractShanghai(b *testing.B) {
	fixtures.NeedCorpus(b)
	data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "shanghai_shizhengfubangongting_2019.html"))
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractChromeGBK(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "html", "html_2019_gbk_chrome_split.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}
