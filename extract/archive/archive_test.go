package archive_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/extract/archive"
	"xxgk/schema"
)

// file is an entry to write into a test archive.
type file struct {
	header zip.FileHeader
	data   []byte
}

func named(name, data string) file {
	return file{header: zip.FileHeader{Name: name, Method: zip.Deflate}, data: []byte(data)}
}

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func makeZip(t *testing.T, files ...file) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := f.header
		w, err := zw.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// got is an entry as the tests compare it: its name, its content and its
// error code.
type got struct {
	Name string
	Data string
	Code schema.ErrorCode
}

func walk(t *testing.T, data []byte, lim archive.Limits) ([]got, error) {
	t.Helper()
	var out []got
	err := archive.Walk(context.Background(), "reports.zip", data, lim, func(e archive.Entry) error {
		g := got{Name: e.Name, Data: string(e.Data)}
		if e.Err != nil {
			g.Code = schema.CodeOf(e.Err)
			if e.Data != nil {
				t.Errorf("%s: data and an error", e.Name)
			}
		}
		out = append(out, g)
		return nil
	})
	return out, err
}

func TestNames(t *testing.T) {
	const title = "某县2023年政府信息公开工作年度报告.pdf"
	unicodeField := func(header, name string) []byte {
		field := []byte{1, 0, 0, 0, 0}
		binary.LittleEndian.PutUint32(field[1:], crc32.ChecksumIEEE([]byte(header)))
		field = append(field, name...)
		extra := binary.LittleEndian.AppendUint16(nil, 0x7075)
		extra = binary.LittleEndian.AppendUint16(extra, uint16(len(field)))
		return append(extra, field...)
	}
	cases := []struct {
		name   string
		header zip.FileHeader
		want   string
	}{
		{"GBK without the UTF-8 flag", zip.FileHeader{Name: gbk("2023/" + title)}, "2023/" + title},
		{"UTF-8 with the flag", zip.FileHeader{Name: title}, title},
		{"UTF-8 without the flag", zip.FileHeader{Name: title, NonUTF8: true}, title},
		{"GBK with an Info-ZIP Unicode path", zip.FileHeader{Name: gbk(title), Extra: unicodeField(gbk(title), "统一/"+title)}, "统一/" + title},
		{"ASCII", zip.FileHeader{Name: "report-2023.pdf"}, "report-2023.pdf"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := walk(t, makeZip(t, file{header: c.header, data: []byte("x")}), archive.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if want := []got{{Name: c.want, Data: "x"}}; !reflect.DeepEqual(entries, want) {
				t.Errorf("got %+v, want %+v", entries, want)
			}
		})
	}
}

func TestWalk(t *testing.T) {
	docx := makeZip(t, named("[Content_Types].xml", "<Types/>"), named("word/document.xml", "<w:document/>"))
	inner := makeZip(t, named("a.txt", "inner a"), named(gbk("县/报告.txt"), "inner b"))
	deep := makeZip(t, named("d3.zip", string(makeZip(t, named("d4.zip", string(makeZip(t, named("bottom.txt", "bottom"))))))))
	zeros := strings.Repeat("0", 3<<20)
	encrypted := named("secret.pdf", "%PDF-")
	encrypted.header.Flags = 0x1
	cases := []struct {
		name  string
		files []file
		lim   archive.Limits
		want  []got
	}{
		{"folders and litter skipped", []file{named("2023/", ""), named("2023/a.txt", "a"), named("__MACOSX/2023/._a.txt", "fork"), named("2023/.DS_Store", "x"), named("Thumbs.db", "x")},
			archive.Limits{}, []got{{Name: "2023/a.txt", Data: "a"}}},
		{"nested archive opened", []file{named("first.txt", "1"), named("县区/inner.zip", string(inner)), named("last.txt", "2")},
			archive.Limits{}, []got{{"first.txt", "1", ""}, {"县区/inner.zip/a.txt", "inner a", ""}, {"县区/inner.zip/县/报告.txt", "inner b", ""}, {"last.txt", "2", ""}}},
		{"DOCX is a file, not an archive", []file{named("report.docx", string(docx))},
			archive.Limits{}, []got{{Name: "report.docx", Data: string(docx)}}},
		{"nested too deep", []file{named("d1.zip", string(makeZip(t, named("d2.zip", string(deep)))))},
			archive.Limits{MaxDepth: 3}, []got{{Name: "d1.zip/d2.zip/d3.zip/d4.zip", Code: schema.ErrTooLarge}}},
		{"nested within the depth", []file{named("d2.zip", string(deep))},
			archive.Limits{MaxDepth: 3}, []got{{Name: "d2.zip/d3.zip/d4.zip/bottom.txt", Data: "bottom"}}},
		{"an entry over the size limit", []file{named("bomb.txt", zeros), named("after.txt", "ok")},
			archive.Limits{MaxEntry: 1 << 20}, []got{{Name: "bomb.txt", Code: schema.ErrTooLarge}, {Name: "after.txt", Data: "ok"}}},
		{"a damaged inner archive", []file{named("bad.zip", "PK\x03\x04 truncated"), named("after.txt", "ok")},
			archive.Limits{}, []got{{Name: "bad.zip", Code: schema.ErrUnreadable}, {Name: "after.txt", Data: "ok"}}},
		{"an encrypted entry", []file{encrypted, named("after.txt", "ok")},
			archive.Limits{}, []got{{Name: "secret.pdf", Code: schema.ErrEncrypted}, {Name: "after.txt", Data: "ok"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := walk(t, makeZip(t, c.files...), c.lim)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(entries, c.want) {
				t.Errorf("got %+v\nwant %+v", entries, c.want)
			}
		})
	}
}

// TestHeaderLies checks an entry whose header claims fewer bytes than it
// unpacks to: read no further than the claim allows.
func TestHeaderLies(t *testing.T) {
	var raw bytes.Buffer
	zw := zip.NewWriter(&raw)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "liar.txt", Method: zip.Store, CompressedSize64: 1 << 10, UncompressedSize64: 10, CRC32: 0})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(bytes.Repeat([]byte("a"), 1<<10))
	zw.Close()
	entries, err := walk(t, raw.Bytes(), archive.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []got{{Name: "liar.txt", Code: schema.ErrUnreadable}}; !reflect.DeepEqual(entries, want) {
		t.Errorf("got %+v, want %+v", entries, want)
	}
}

func TestArchiveLimits(t *testing.T) {
	var many []file
	for range 30 {
		many = append(many, named("f.txt", strings.Repeat("x", 100<<10)))
	}
	cases := []struct {
		name    string
		data    []byte
		lim     archive.Limits
		code    schema.ErrorCode
		message string
		yielded int
	}{
		{"not a zip", []byte("PK\x03\x04 and nothing else"), archive.Limits{}, schema.ErrUnreadable, "reports.zip: a damaged zip archive: zip: not a valid zip file", 0},
		{"too many entries", makeZip(t, many...), archive.Limits{MaxEntries: 10}, schema.ErrTooLarge, "reports.zip: more than 10 entries: stopped", 10},
		{"too much in total", makeZip(t, many...), archive.Limits{MaxTotal: 1 << 20}, schema.ErrTooLarge, "reports.zip: unpacks to more than 1 MiB: stopped at f.txt", 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := walk(t, c.data, c.lim)
			var e *schema.Error
			if !errors.As(err, &e) || e.Code != c.code || err.Error() != c.message {
				t.Fatalf("got %v, want %s %q", err, c.code, c.message)
			}
			if len(entries) != c.yielded {
				t.Errorf("%d entries given before the stop, want %d", len(entries), c.yielded)
			}
		})
	}
}

func TestStopsOnCallbackError(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	err := archive.Walk(context.Background(), "r.zip", makeZip(t, named("a", "a"), named("b", "b")), archive.Limits{}, func(archive.Entry) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d entries, want %v after 1", err, n, stop)
	}
}
