package archive_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"reflect"
	"testing"

	"xxgk/extract/archive"
	"xxgk/schema"
)

// tarEntry is a file of a test tar archive; dir makes a folder entry.
type tarEntry struct {
	name, data string
	dir        bool
}

func makeTar(t *testing.T, entries ...tarEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Mode: 0o644, Size: int64(len(e.data)), Typeflag: tar.TypeReg, Format: tar.FormatGNU}
		if e.dir {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gz(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Name = name
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWalkTar: tar and tar.gz archives are walked like zip: folders and
// litter left out, GBK names decoded, archives inside archives (a .tgz in
// a zip, a zip in a tar) opened, one gzipped file read as itself, the
// limits kept.
func TestWalkTar(t *testing.T) {
	plain := makeTar(t, tarEntry{name: "2023/", dir: true}, tarEntry{name: "2023/a.txt", data: "a"},
		tarEntry{name: "./" + gbk("县/报告.txt"), data: "b"}, tarEntry{name: "__MACOSX/._a.txt", data: "x"})
	inner := makeZip(t, named("inner.txt", "inner"))
	cases := []struct {
		name string
		data []byte
		lim  archive.Limits
		want []got
	}{
		{"tar", plain, archive.Limits{}, []got{{Name: "2023/a.txt", Data: "a"}, {Name: "县/报告.txt", Data: "b"}}},
		{"tar.gz", gz(t, plain, ""), archive.Limits{}, []got{{Name: "2023/a.txt", Data: "a"}, {Name: "县/报告.txt", Data: "b"}}},
		{"a tgz in a zip", makeZip(t, named("all.tgz", string(gz(t, plain, ""))), named("z.txt", "z")), archive.Limits{},
			[]got{{Name: "all.tgz/2023/a.txt", Data: "a"}, {Name: "all.tgz/县/报告.txt", Data: "b"}, {Name: "z.txt", Data: "z"}}},
		{"a zip in a tar", makeTar(t, tarEntry{name: "in.zip", data: string(inner)}), archive.Limits{},
			[]got{{Name: "in.zip/inner.txt", Data: "inner"}}},
		{"one gzipped file", gz(t, []byte("report"), "report.txt"), archive.Limits{}, []got{{Name: "report.txt", Data: "report"}}},
		{"an entry too large", makeTar(t, tarEntry{name: "big.txt", data: string(bytes.Repeat([]byte("x"), 2<<20))}, tarEntry{name: "ok.txt", data: "ok"}),
			archive.Limits{MaxEntry: 1 << 20}, []got{{Name: "big.txt", Code: schema.ErrTooLarge}, {Name: "ok.txt", Data: "ok"}}},
		{"a damaged tar inside", makeZip(t, named("bad.tar.gz", "\x1f\x8bnot gzip"), named("after.txt", "ok")), archive.Limits{},
			[]got{{Name: "bad.tar.gz", Code: schema.ErrUnreadable}, {Name: "after.txt", Data: "ok"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := walk(t, c.data, c.lim)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(entries, c.want) {
				t.Errorf("got %+v\nwant %+v", entries, c.want)
			}
		})
	}
}

func TestTarLimits(t *testing.T) {
	var many []tarEntry
	for range 20 {
		many = append(many, tarEntry{name: "f.txt", data: string(bytes.Repeat([]byte("x"), 300<<10))})
	}
	data := makeTar(t, many...)
	_, err := walk(t, data, archive.Limits{MaxEntries: 10})
	if schema.CodeOf(err) != schema.ErrTooLarge || err.Error() != "reports.zip: more than 10 entries: stopped" {
		t.Errorf("too many entries: %v", err)
	}
	entries, err := walk(t, data, archive.Limits{MaxTotal: 1 << 20})
	if schema.CodeOf(err) != schema.ErrTooLarge || len(entries) != 3 {
		t.Errorf("too much in total: %v after %d entries, want too_large after 3", err, len(entries))
	}
	// A tar.gz is unpacked whole before it is listed: its stream counts.
	entries, err = walk(t, gz(t, data, ""), archive.Limits{MaxTotal: 1 << 20})
	if schema.CodeOf(err) != schema.ErrTooLarge || len(entries) != 0 || err.Error() != "reports.zip: unpacks to more than 1 MiB: stopped" {
		t.Errorf("a tar.gz too large in total: %v after %d entries", err, len(entries))
	}
}

// TestListIsLazy: List names every file and reads none; Read unpacks one.
func TestListIsLazy(t *testing.T) {
	data := makeTar(t, tarEntry{name: "a.txt", data: "a"}, tarEntry{name: "b.txt", data: "b"})
	l, err := archive.List(context.Background(), "r.tar", bytes.NewReader(data), int64(len(data)), archive.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if len(l.Items) != 2 || l.Items[1].Name != "b.txt" || !reflect.DeepEqual(l.Items[1].Levels, []string{"b.txt"}) || l.Items[1].Size != 1 {
		t.Fatalf("items %+v", l.Items)
	}
	got, err := l.Items[1].Read()
	if err != nil || string(got) != "b" {
		t.Errorf("Read = %q, %v", got, err)
	}
	if k := archive.Detect(bytes.NewReader(data), int64(len(data))); k != archive.Tar {
		t.Errorf("Detect = %q, want tar", k)
	}
}
