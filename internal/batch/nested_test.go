package batch

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"xxgk/schema"
)

// TestCollectNestedArchives checks that archives inside archives are listed
// down to maxNesting levels, and that a deeper one is reported, not opened:
// a zip that contains itself cannot list without end.
func TestCollectNestedArchives(t *testing.T) {
	zipOf := func(name string, data []byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		zw.Close()
		return buf.Bytes()
	}
	// d1.zip holds d2.zip, which holds d3.zip … down to d5.zip with a.txt.
	data := zipOf("a.txt", []byte("a"))
	for i := 5; i >= 2; i-- {
		data = zipOf("d"+string(rune('0'+i))+".zip", data)
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "d1.zip")
	if err := os.WriteFile(root, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Collect([]string{root}, "", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got []string
	for _, in := range s.Files {
		got = append(got, in.Rel)
	}
	if want := []string{"d1.zip!/d2.zip!/d3.zip!/d4.zip"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("listed %q, want %q", got, want)
	}
	if _, err := s.Files[0].Read(); schema.CodeOf(err) != schema.ErrTooLarge {
		t.Errorf("the archive past the depth: %v, want too_large", err)
	}
}
