package docx

import (
	"context"
	"testing"
)

func TestNumbering(t *testing.T) {
	lvl := func(i, fmt, text string) string {
		return `<w:lvl w:ilvl="` + i + `"><w:start w:val="1"/><w:numFmt w:val="` + fmt + `"/><w:lvlText w:val="` + text + `"/></w:lvl>`
	}
	numbering := `<w:numbering ` + wordNS + `>` +
		`<w:abstractNum w:abstractNumId="0">` + lvl("0", "chineseCounting", "%1、") + lvl("1", "chineseCounting", "（%2）") + lvl("2", "decimal", "%3.") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl("0", "bullet", "●") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>` +
		`</w:numbering>`
	styles := `<w:styles ` + wordNS + `>` +
		`<w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>` +
		`</w:styles>`
	np := func(style, ilvl, numID, text string) string {
		ppr := "<w:pPr>"
		if style != "" {
			ppr += `<w:pStyle w:val="` + style + `"/>`
		}
		if numID != "" {
			ppr += `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr>`
		}
		return p(ppr + "</w:pPr>" + r(text))
	}
	body := np("Heading1", "", "", "总体情况") +
		np("", "1", "1", "要点") +
		np("", "1", "1", "要点") +
		np("", "2", "1", "细则") +
		np("MyHeading", "", "", "主动公开") +
		np("", "1", "1", "新要点") +
		np("Heading1", "0", "0", "无编号") +
		np("", "0", "9", "未知列表") +
		np("", "0", "4", "圆点") +
		np("", "0", "2", "重新开始") +
		tbl(tr(tc("", np("", "2", "1", "属于国家秘密"))))
	data := packParts(t, map[string]string{
		"word/document.xml":  `<w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": numbering,
		"word/styles.xml":    styles,
	})
	doc, err := Extract(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	want := "P1 一、总体情况\nP2 （一）要点\nP3 （二）要点\nP4 1.细则\nP5 二、主动公开\nP6 （一）新要点\n" +
		"P7 无编号\nP8 未知列表\nP9 圆点\nP10 一、重新开始\nTABLE\n  t1 r1: 0+1\"1.属于国家秘密\"\n"
	if got := dump(doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
