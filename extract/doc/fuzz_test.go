package doc

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xxgk/extract/doc/cfb"
	"xxgk/extract/document"
	"xxgk/fixtures"
	"xxgk/fixtures/doc/ole2"
	"xxgk/fixtures/invariant"
)

// seedStreams returns the WordDocument and table streams of a fixture.
func seedStreams(t testing.TB, name string) (word, table []byte) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "doc", name))
	if err != nil {
		t.Fatal(err)
	}
	streams, err := ole2.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range streams {
		switch s.Name {
		case "WordDocument":
			word = s.Data
		case "0Table", "1Table":
			table = s.Data
		}
	}
	return word, table
}

// FuzzWord feeds the Word binary reader arbitrary WordDocument and table
// streams (FIB, piece table, property pages, list definitions): it must
// not panic, fail only with a typed error, and keep the matcher contract.
// Seeds: the streams of fixtures with tables, nested tables and lists.
func FuzzWord(f *testing.F) {
	for _, name := range []string{"official_01.doc", "numbered_01.doc", "wps_01.wps"} {
		word, table := seedStreams(f, name)
		f.Add(word, table)
	}
	f.Fuzz(func(t *testing.T, word, table []byte) {
		stream := func(name string) ([]byte, error) {
			if name == "0Table" || name == "1Table" {
				return table, nil
			}
			return nil, cfb.ErrNoStream
		}
		doc, err := read(context.Background(), document.DOC, word, stream)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzFile feeds the extractor whole files, container and all: it must
// not panic, its errors must be typed, and its documents must keep the
// matcher contract. Seeds: a fixture repacked small.
func FuzzFile(f *testing.F) {
	word, table := seedStreams(f, "official_01.doc")
	data, _ := ole2.Write([]ole2.Stream{{Name: "WordDocument", Data: word}, {Name: "1Table", Data: table}})
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Extract(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzRTF feeds the RTF reader arbitrary documents: it must not panic,
// fail only with a typed error, and keep the matcher contract. Seeds: small
// documents with tables, merges, nested tables, fields and \u escapes.
func FuzzRTF(f *testing.F) {
	for _, s := range []string{
		`{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\f0 \'d5\'fe\par}`,
		`{\rtf1\trowd\clvmgf\cellx1000\clmgf\cellx2000\clmrg\cellx3000\pard\intbl a\cell b\cell c\cell\row\pard x\par}`,
		`{\rtf1\pard\intbl\itap1 o\par\pard\intbl\itap2 i\nestcell{\*\nesttableprops\trowd\cellx500\nestrow}{\nonesttables\par}\pard\intbl\itap1\cell\trowd\cellx900\row}`,
		`{\rtf1\uc1 \u19968?\u-10179?\u-8576?{\field{\*\fldinst QUOTE 1}{\fldrslt 12}}{\listtext \u19968?\tab}\deleted x\plain\v y\v0 z\par}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ExtractRTF(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}
