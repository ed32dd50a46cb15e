package ofd

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"xxgk/extract/pdf/layout"
	"xxgk/schema"
)

func TestDeltas(t *testing.T) {
	tests := []struct {
		s    string
		want int
		out  []float64
		err  bool
	}{
		{"", 3, nil, false},
		{"1 2 3", 3, []float64{1, 2, 3}, false},
		{"1 2 3 4 5", 2, []float64{1, 2}, false},
		{"g 3 4.5 1", 5, []float64{4.5, 4.5, 4.5, 1}, false},
		{"1 g 2 3 g 2 0.5", 6, []float64{1, 3, 3, 0.5, 0.5}, false},
		// An absurd count costs only what the text needs.
		{"g 1000000000 2", 3, []float64{2, 2, 2}, false},
		{"g 5", 3, nil, true},
		{"g -1 2", 3, nil, true},
		{"g 1.5 2", 3, nil, true},
		{"g 1e300 2", 3, nil, true},
		{"1 x 2", 3, nil, true},
		{"NaN", 3, nil, true},
	}
	for _, tt := range tests {
		got, err := deltas(tt.s, tt.want)
		if (err != nil) != tt.err || !floatsEqual(got, tt.out) {
			t.Errorf("deltas(%q, %d) = %v, %v; want %v (error %v)", tt.s, tt.want, got, err, tt.out, tt.err)
		}
	}
}

func floatsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestResolve(t *testing.T) {
	tests := []struct{ base, loc, want string }{
		{"OFD.xml", "Doc_0/Document.xml", "Doc_0/Document.xml"},
		{"Doc_0/Document.xml", "Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0/Document.xml", "/Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0/Document.xml", "./Tpls/../Tpls/Tpl_0/Content.xml", "Doc_0/Tpls/Tpl_0/Content.xml"},
		{"Doc_0/Document.xml", `Pages\Page_1\Content.xml`, "Doc_0/Pages/Page_1/Content.xml"},
		{"Doc_0/Document.xml", "../../../../etc/passwd", "etc/passwd"},
	}
	for _, tt := range tests {
		if got := resolve(tt.base, tt.loc); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.base, tt.loc, got, tt.want)
		}
	}
}

// pageOf reads a one-page package drawing content and returns the page.
func pageOf(t *testing.T, content string) *layout.Page {
	t.Helper()
	p, err := openPackage(context.Background(), zipOf(packageOf(content)), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.document()
	if err != nil {
		t.Fatal(err)
	}
	pg, _, err := p.page(d, d.pages[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	return pg
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestTextGlyphs(t *testing.T) {
	// Boundary origin (10, 20) mm; baseline at Y=4; advances 5, 5, then
	// 2.5 from the g run; the space is stepped over but not a glyph; the
	// last character, with no advance given, takes its estimated width.
	pg := pageOf(t, `<ofd:TextObject ID="1" Boundary="10 20 50 6" Size="5"><ofd:TextCode X="1" Y="4" DeltaX="5 g 2 5 2.5">一二 三4</ofd:TextCode></ofd:TextObject>`)
	if !near(pg.Width, 210*mm) || !near(pg.Height, 297*mm) {
		t.Errorf("page %g × %g pt, want A4", pg.Width, pg.Height)
	}
	want := []struct {
		text   string
		x0, x1 float64 // mm
	}{{"一", 11, 16}, {"二", 16, 21}, {"三", 26, 28.5}, {"4", 28.5, 31}}
	if len(pg.Glyphs) != len(want) {
		t.Fatalf("%d glyphs, want %d: %+v", len(pg.Glyphs), len(want), pg.Glyphs)
	}
	for i, w := range want {
		g := pg.Glyphs[i]
		if g.Text != w.text || !near(g.Box.X0, w.x0*mm) || !near(g.Box.X1, w.x1*mm) ||
			!near(g.Box.Y0, (24-ascent*5)*mm) || !near(g.Box.Y1, (24+descent*5)*mm) || !near(g.Size, 5*mm) || g.Flow != layout.Across {
			t.Errorf("glyph %d: %+v, want %q from %g to %g mm", i, g, w.text, w.x0, w.x1)
		}
	}
}

func TestTextCTM(t *testing.T) {
	// Text at twice its size scaled back by the CTM lands where the
	// plain text does; a second TextCode without X keeps the first's X.
	plain := pageOf(t, `<ofd:TextObject ID="1" Boundary="10 20 50 12" Size="5"><ofd:TextCode X="1" Y="4" DeltaX="g 2 5">一二三</ofd:TextCode><ofd:TextCode Y="10">四</ofd:TextCode></ofd:TextObject>`)
	scaled := pageOf(t, `<ofd:TextObject ID="1" Boundary="10 20 50 12" CTM="0.5 0 0 0.5 0 0" Size="10"><ofd:TextCode X="2" Y="8" DeltaX="g 2 10">一二三</ofd:TextCode><ofd:TextCode Y="20">四</ofd:TextCode></ofd:TextObject>`)
	if len(plain.Glyphs) != 4 || len(scaled.Glyphs) != 4 {
		t.Fatalf("%d and %d glyphs, want 4", len(plain.Glyphs), len(scaled.Glyphs))
	}
	for i := range plain.Glyphs {
		a, b := plain.Glyphs[i], scaled.Glyphs[i]
		if a.Text != b.Text || !near(a.Box.X0, b.Box.X0) || !near(a.Box.Y0, b.Box.Y0) || !near(a.Box.X1, b.Box.X1) || !near(a.Box.Y1, b.Box.Y1) || !near(a.Size, b.Size) {
			t.Errorf("glyph %d: %+v under the CTM, %+v without", i, b, a)
		}
	}
	if g := plain.Glyphs[3]; !near(g.Box.X0, 11*mm) {
		t.Errorf("四 at %g pt, want X of the TextCode before (11 mm)", g.Box.X0)
	}
	// Turned a quarter clockwise, the text runs down the page.
	turned := pageOf(t, `<ofd:TextObject ID="1" Boundary="100 20 10 50" CTM="0 1 -1 0 0 0" Size="5"><ofd:TextCode X="0" Y="0">一二</ofd:TextCode></ofd:TextObject>`)
	if len(turned.Glyphs) != 2 || turned.Glyphs[0].Flow != layout.Down || !(turned.Glyphs[1].Box.Y0 > turned.Glyphs[0].Box.Y0) {
		t.Errorf("turned text: %+v, want two glyphs flowing down", turned.Glyphs)
	}
	// Stepped down by DeltaY alone: vertical writing.
	vertical := pageOf(t, `<ofd:TextObject ID="1" Boundary="100 20 10 50" Size="5"><ofd:TextCode X="0" Y="5" DeltaY="6">一二</ofd:TextCode></ofd:TextObject>`)
	if len(vertical.Glyphs) != 2 || !vertical.Glyphs[0].Vertical || !near(vertical.Glyphs[1].Box.Y0-vertical.Glyphs[0].Box.Y0, 6*mm) {
		t.Errorf("vertical text: %+v", vertical.Glyphs)
	}
}

func TestInvisible(t *testing.T) {
	pg := pageOf(t, `<ofd:TextObject ID="1" Boundary="10 20 50 6" Size="5" Visible="false"><ofd:TextCode X="0" Y="4">一</ofd:TextCode></ofd:TextObject>`+
		`<ofd:TextObject ID="2" Boundary="10 20 50 6" Size="5" Fill="false"><ofd:TextCode X="0" Y="4">二</ofd:TextCode></ofd:TextObject>`+
		`<ofd:PathObject ID="3" Boundary="10 10 100 50" Stroke="false"><ofd:AbbreviatedData>M 0 0 L 100 0</ofd:AbbreviatedData></ofd:PathObject>`+
		`<ofd:PageBlock ID="4"><ofd:TextObject ID="5" Boundary="10 40 50 6" Size="5"><ofd:TextCode X="0" Y="4">三</ofd:TextCode></ofd:TextObject></ofd:PageBlock>`)
	if len(pg.Glyphs) != 1 || pg.Glyphs[0].Text != "三" || len(pg.Rules) != 0 {
		t.Errorf("glyphs %+v rules %+v, want only 三 (in a page block)", pg.Glyphs, pg.Rules)
	}
}

func TestPathRules(t *testing.T) {
	pg := pageOf(t,
		// A stroked rectangle: four rulings.
		`<ofd:PathObject ID="1" Boundary="10 10 100 50" LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 50 L 0 50 C</ofd:AbbreviatedData></ofd:PathObject>`+
			// A curve and a slanted line: none.
			`<ofd:PathObject ID="2" Boundary="10 10 100 50"><ofd:AbbreviatedData>S 0 0 B 10 10 20 10 30 0 L 50 40 Q 1 1 60 40 A 5 5 0 0 1 70 40</ofd:AbbreviatedData></ofd:PathObject>`+
			// A thin filled bar: one horizontal ruling; a wide fill: none.
			`<ofd:PathObject ID="3" Boundary="10 80 100 0.3" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 0.3 L 0 0.3 Z</ofd:AbbreviatedData></ofd:PathObject>`+
			`<ofd:PathObject ID="4" Boundary="10 90 100 20" Stroke="false" Fill="true"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 20 L 0 20 C</ofd:AbbreviatedData></ofd:PathObject>`+
			// A vertical line placed by a CTM that scales it by 2.
			`<ofd:PathObject ID="5" Boundary="150 10 0 100" CTM="2 0 0 2 0 0"><ofd:AbbreviatedData>M 0 0 L 0 50</ofd:AbbreviatedData></ofd:PathObject>`)
	want := []layout.Rule{
		{Horizontal: true, At: 10 * mm, From: 10 * mm, To: 110 * mm},
		{At: 110 * mm, From: 10 * mm, To: 60 * mm},
		{Horizontal: true, At: 60 * mm, From: 10 * mm, To: 110 * mm},
		{At: 10 * mm, From: 10 * mm, To: 60 * mm},
		{Horizontal: true, At: 80.15 * mm, From: 10 * mm, To: 110 * mm},
		{At: 150 * mm, From: 10 * mm, To: 110 * mm},
	}
	if len(pg.Rules) != len(want) {
		t.Fatalf("rules %+v, want %+v", pg.Rules, want)
	}
	for i, w := range want {
		g := pg.Rules[i]
		if g.Horizontal != w.Horizontal || !near(g.At, w.At) || !near(g.From, w.From) || !near(g.To, w.To) {
			t.Errorf("rule %d: %+v, want %+v", i, g, w)
		}
	}
}

func TestTemplatesAndPageArea(t *testing.T) {
	parts := packageOf(hello)
	parts["Doc_0/Document.xml"] = strings.Replace(parts["Doc_0/Document.xml"], "</ofd:CommonData>",
		`<ofd:TemplatePage ID="7" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>`, 1)
	parts["Doc_0/Tpls/Tpl_0/Content.xml"] = `<ofd:Page ` + testNS + `><ofd:Content><ofd:Layer ID="8"><ofd:TextObject ID="1" Boundary="20 5 100 10" Size="5"><ofd:TextCode X="0" Y="5">页眉</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`
	parts["Doc_0/Pages/Page_0/Content.xml"] = strings.Replace(parts["Doc_0/Pages/Page_0/Content.xml"], "<ofd:Content>",
		`<ofd:Template TemplateID="7" ZOrder="Background"/><ofd:Area><ofd:PhysicalBox>10 10 297 210</ofd:PhysicalBox></ofd:Area><ofd:Content>`, 1)
	p, err := openPackage(context.Background(), zipOf(parts), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.document()
	if err != nil {
		t.Fatal(err)
	}
	pg, _, err := p.page(d, d.pages[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	if !near(pg.Width, 297*mm) || !near(pg.Height, 210*mm) {
		t.Errorf("page %g × %g pt, want the page's own landscape box", pg.Width, pg.Height)
	}
	if len(pg.Glyphs) < 3 || pg.Glyphs[0].Text != "页" || !near(pg.Glyphs[0].Box.X0, 10*mm) {
		t.Errorf("glyphs %+v, want the template's 页眉 first, 10 mm from the box's left", pg.Glyphs[:min(3, len(pg.Glyphs))])
	}
}

func TestErrors(t *testing.T) {
	with := func(edit func(map[string]string)) []byte {
		parts := packageOf(hello)
		edit(parts)
		return zipOf(parts)
	}
	page0 := "Doc_0/Pages/Page_0/Content.xml"
	small := Limits{MaxPages: 2, MaxObjects: 50, MaxElements: 100}
	tests := []struct {
		name string
		data []byte
		lim  Limits
		code schema.ErrorCode
		page int
		msg  string
	}{
		{"not a zip", []byte("PK\x03\x04 nothing"), Limits{}, schema.ErrUnreadable, 0, "damaged OFD package"},
		{"no DocRoot", with(func(p map[string]string) { p["OFD.xml"] = `<ofd:OFD ` + testNS + `/>` }), Limits{}, schema.ErrUnreadable, 0, "names no document"},
		{"no Document.xml", with(func(p map[string]string) { delete(p, "Doc_0/Document.xml") }), Limits{}, schema.ErrUnreadable, 0, "no document Doc_0/Document.xml"},
		{"missing page", with(func(p map[string]string) { delete(p, page0) }), Limits{}, schema.ErrUnreadable, 1, "no page " + page0},
		{"missing template", with(func(p map[string]string) {
			p[page0] = strings.Replace(p[page0], "<ofd:Content>", `<ofd:Template TemplateID="99"/><ofd:Content>`, 1)
		}), Limits{}, schema.ErrUnreadable, 1, `template page "99"`},
		{"no pages", with(func(p map[string]string) {
			p["Doc_0/Document.xml"] = `<ofd:Document ` + testNS + `><ofd:Pages/></ofd:Document>`
		}), Limits{}, schema.ErrNotAReport, 0, "lists no pages"},
		{"not XML", with(func(p map[string]string) { p[page0] = "<ofd:Page><ofd:Content>" }), Limits{}, schema.ErrUnreadable, 1, "is not closed"},
		{"entity bomb", with(func(p map[string]string) {
			p[page0] = `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><ofd:Page ` + testNS + `>&b;</ofd:Page>`
		}), Limits{}, schema.ErrUnreadable, 1, "not well-formed"},
		{"deep XML", with(func(p map[string]string) {
			p[page0] = `<ofd:Page ` + testNS + `><ofd:Content><ofd:Layer>` + strings.Repeat("<ofd:PageBlock>", 10000) + strings.Repeat("</ofd:PageBlock>", 10000) + `</ofd:Layer></ofd:Content></ofd:Page>`
		}), Limits{}, schema.ErrTooLarge, 1, "more than 256 deep"},
		{"too many elements", with(func(p map[string]string) {
			p[page0] = `<ofd:Page ` + testNS + `>` + strings.Repeat("<ofd:X/>", 200) + `</ofd:Page>`
		}), small, schema.ErrTooLarge, 1, "more than 100 XML elements"},
		{"too many pages", zipOf(packageOf(hello, hello, hello)), small, schema.ErrTooLarge, 0, "more than 2 pages"},
		{"too many glyphs", zipOf(packageOf(strings.Replace(hello, "Hello, hostile world", strings.Repeat("一", 60), 1))), small, schema.ErrTooLarge, 1, "more than 50 objects and glyphs"},
		{"too many glyphs in all", zipOf(packageOf(hello, hello, hello)), Limits{MaxDocumentObjects: 50}, schema.ErrTooLarge, 3, "the pages of the OFD draw more than 50"},
		{"bad boundary", zipOf(packageOf(strings.Replace(hello, `Boundary="20 20 100 10"`, `Boundary="20 20 x 10"`, 1))), Limits{}, schema.ErrUnreadable, 1, "TextObject 1: Boundary"},
		{"bad DeltaX", zipOf(packageOf(strings.Replace(hello, `Y="5"`, `Y="5" DeltaX="g 3"`, 1))), Limits{}, schema.ErrUnreadable, 1, "DeltaX"},
		{"absurd DeltaX count", zipOf(packageOf(strings.Replace(hello, `Y="5"`, `Y="5" DeltaX="g 99999999999999 1"`, 1))), Limits{}, schema.ErrUnreadable, 1, "a g run"},
		{"bad path", zipOf(packageOf(hello + `<ofd:PathObject ID="2" Boundary="0 0 1 1"><ofd:AbbreviatedData>M 0 0 L 5</ofd:AbbreviatedData></ofd:PathObject>`)), Limits{}, schema.ErrUnreadable, 1, "L without its 2 numbers"},
		{"private-use text", zipOf(packageOf(strings.Replace(hello, "Hello, hostile world", "\ue001\ue002\ue003\ue004\ue005\ue006", 1))), Limits{}, schema.ErrUndecodableText, 0, "glyph codes"},
		{"no text", zipOf(packageOf(`<ofd:ImageObject ID="1" Boundary="0 0 210 297" ResourceID="5"/>`)), Limits{}, schema.ErrNoTextLayer, 0, "a scan"},
		{"part over the total", zipOf(packageOf(hello, hello)), Limits{MaxPartSize: 64 << 20, MaxTotal: 800, MaxDepth: 256, MaxElements: 1000, MaxPages: 10, MaxObjects: 1000}, schema.ErrTooLarge, 2, "more than 800 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExtractLimits(context.Background(), tt.data, tt.lim)
			var e *schema.Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Page != tt.page || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v (%+v), want %s on page %d with %q", err, e, tt.code, tt.page, tt.msg)
			}
		})
	}
}

func TestAbsurdDeltaCountReads(t *testing.T) {
	data := zipOf(packageOf(strings.Replace(hello, `Y="5"`, `Y="5" DeltaX="g 1000000000 2.5"`, 1)))
	doc, err := Extract(context.Background(), data)
	if err != nil || len(doc.Blocks) != 1 || doc.Blocks[0].Text != "Hello, hostile world" {
		t.Fatalf("got %+v, %v", doc, err)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, zipOf(packageOf(hello)))
	if schema.CodeOf(err) != schema.ErrTimeout {
		t.Errorf("err = %v, want timeout", err)
	}
}
