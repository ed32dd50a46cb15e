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
