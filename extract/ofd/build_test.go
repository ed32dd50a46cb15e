package ofd

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
)

const testNS = `xmlns:ofd="http://www.ofdspec.org/2016"`

// zipOf packs parts (name → content) into a zip, in name order.
func zipOf(parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, _ := zw.Create(name)
		w.Write([]byte(parts[name]))
	}
	zw.Close()
	return buf.Bytes()
}

// packageOf returns the parts of an OFD whose pages draw the given layer
// contents, page i in Doc_0/Pages/Page_i/Content.xml.
func packageOf(pages ...string) map[string]string {
	parts := map[string]string{
		"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + testNS + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
	}
	var list strings.Builder
	for i, content := range pages {
		n := string(rune('0' + i))
		list.WriteString(`<ofd:Page ID="` + n + `" BaseLoc="Pages/Page_` + n + `/Content.xml"/>`)
		parts["Doc_0/Pages/Page_"+n+"/Content.xml"] = `<ofd:Page ` + testNS + `><ofd:Content><ofd:Layer ID="9">` + content + `</ofd:Layer></ofd:Content></ofd:Page>`
	}
	parts["Doc_0/Document.xml"] = `<ofd:Document ` + testNS + `><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>` + list.String() + `</ofd:Pages></ofd:Document>`
	return parts
}

// hello is a layer's content: one line of text.
const hello = `<ofd:TextObject ID="1" Boundary="20 20 100 10" Size="5"><ofd:TextCode X="0" Y="5">Hello, hostile world</ofd:TextCode></ofd:TextObject>`
