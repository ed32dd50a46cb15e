package xmltok

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// tokens renders every token of a document as one line each, local names
// only, the way both decoders can be compared.
func tokens(next func() (xml.Token, error)) (string, error) {
	var b strings.Builder
	for {
		tok, err := next()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fmt.Fprintf(&b, "<%s", t.Name.Local)
			for _, a := range t.Attr {
				fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
			}
			b.WriteString(">\n")
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s>\n", t.Name.Local)
		case xml.CharData:
			fmt.Fprintf(&b, "%q\n", t)
		}
	}
}

func ours(data []byte) (string, error) { return tokens(NewDecoder(data).Token) }

// theirs is encoding/xml's reading, without the tokens Decoder passes over.
func theirs(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	return tokens(func() (xml.Token, error) {
		for {
			tok, err := dec.Token()
			switch tok.(type) {
			case xml.Comment, xml.ProcInst, xml.Directive:
				continue
			case xml.CharData:
				if depth == 0 { // white space between the prolog and the root
					continue
				}
			case xml.StartElement:
				depth++
			case xml.EndElement:
				depth--
			}
			return tok, err
		}
	})
}

// Every XML part of the DOCX fixtures reads as encoding/xml reads it.
func TestSameTokensAsEncodingXML(t *testing.T) {
	docs, _ := filepath.Glob(filepath.Join(fixtures.Dir(), "docx", "*.docx"))
	if len(docs) == 0 {
		t.Fatal("no DOCX fixtures")
	}
	parts := 0
	for _, path := range docs {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			want, err := theirs(data)
			if err != nil {
				t.Fatalf("%s %s: encoding/xml: %v", path, f.Name, err)
			}
			got, err := ours(data)
			if err != nil || got != want {
				t.Fatalf("%s %s: err %v, tokens differ: %s", path, f.Name, err, firstDiff(want, got))
			}
			parts++
		}
		zr.Close()
	}
	t.Logf("%d parts of %d packages", parts, len(docs))
}

func TestMalformed(t *testing.T) {
	for _, doc := range []string{
		`<a>`,
		`<a></b>`,
		`<a><b></a></b>`,
		`</a>`,
		`<a x=1/>`,
		`<a x="1/>`,
		`<a>&bogus;</a>`,
		`<a>&#xD800;</a>`,
		`<a>&amp</a>`,
		`<a><![CDATA[x</a>`,
		`<a><!-- x</a>`,
		"<a>\xff</a>",
		`text<a/>`,
		`<a x="<"/>`,
		`<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>`,
	} {
		if got, err := ours([]byte(doc)); err == nil {
			t.Errorf("%q: no error, tokens %q", doc, got)
		} else if !errors.As(err, new(*SyntaxError)) {
			t.Errorf("%q: %T %v, want a *SyntaxError", doc, err, err)
		}
	}
}

func TestWellFormed(t *testing.T) {
	for doc, want := range map[string]string{
		`<?xml version="1.0"?><w:a w:x='1' y="&lt;&#x4e2d;&#25991;"><b/>t&amp;u</w:a>`: "<a x=\"1\" y=\"<中文\">\n<b>\n</b>\n\"t&u\"\n</a>\n",
		"\ufeff<a>\r\nx\ry<![CDATA[<&>]]></a>\n":                                       "<a>\n\"\\nx\\ny\"\n\"<&>\"\n</a>\n",
		`<!DOCTYPE a [<!ELEMENT a ANY>]><!-- c --><a><?pi x?></a>`:                     "<a>\n</a>\n",
	} {
		got, err := ours([]byte(doc))
		if err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", doc, got, err, want)
		}
	}
}

// FuzzTokens: where encoding/xml reads a document to its end, Decoder reads
// the same tokens; whatever the input, it returns.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{`<a x="1"><b>t&amp;</b><c/></a>`, "<w:p><w:r><w:t xml:space=\"preserve\"> x </w:t></w:r></w:p>", `<a><![CDATA[x]]><!--c--></a>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ours(data)
		want, werr := theirs(data)
		if werr != nil || err != nil {
			return // the two need not agree on what is malformed
		}
		if !strings.Contains(want, "<") {
			return // encoding/xml accepts a document without a root
		}
		if got != want {
			t.Fatalf("tokens differ: %s", firstDiff(want, got))
		}
	})
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: encoding/xml %q, xmltok %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}
