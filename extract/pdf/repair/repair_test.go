package repair

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"xxgk/schema"
)

// classic writes a PDF with a classic cross-reference table: objects are
// numbered from 1, the first is the catalog.
func classic(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

var pageObjects = []string{
	"<< /Type /Catalog /Pages 2 0 R >>",
	"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
	"<< /Length 11 >>\nstream\nBT (A) Tj ET\nendstream",
}

// compressed writes a PDF whose catalog and page tree are in an
// (uncompressed) object stream, listed by a cross-reference stream.
func compressed() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	members := pageObjects[:2]
	var head, body strings.Builder
	for i, m := range members {
		fmt.Fprintf(&head, "%d %d ", i+1, body.Len())
		body.WriteString(m + "\n")
	}
	stm := head.String() + body.String()
	offsets := map[int]int{}
	offsets[3] = b.Len()
	fmt.Fprintf(&b, "3 0 obj\n%s\nendobj\n", pageObjects[2])
	offsets[4] = b.Len()
	fmt.Fprintf(&b, "4 0 obj\n%s\nendobj\n", pageObjects[3])
	offsets[5] = b.Len()
	fmt.Fprintf(&b, "5 0 obj\n<< /Type /ObjStm /N 2 /First %d /Length %d >>\nstream\n%s\nendstream\nendobj\n", head.Len(), len(stm), stm)
	xref := b.Len()
	rows := []byte{0, 0, 0, 0xff}
	rows = append(rows, 2, 0, 5, 0, 2, 0, 5, 1)
	for _, n := range []int{3, 4, 5} {
		rows = append(rows, 1, byte(offsets[n]>>8), byte(offsets[n]), 0)
	}
	rows = append(rows, 1, byte(xref>>8), byte(xref), 0)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n", len(rows))
	b.Write(rows)
	fmt.Fprintf(&b, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

func TestSoundUntouched(t *testing.T) {
	for name, data := range map[string][]byte{"classic": classic(pageObjects...), "compressed": compressed()} {
		if err := Check(data); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		res, err := Repair(data)
		if err != nil || res.Repaired() || !bytes.Equal(res.Data, data) {
			t.Errorf("%s: repaired: %v %v", name, res.How, err)
		}
	}
}

// TestRepairs damages the two small files and checks what Repair says and
// that its result is sound and lists every object where it is.
func TestRepairs(t *testing.T) {
	for _, tc := range []struct {
		name    string
		data    []byte
		how     string // part of the note
		rebuilt bool
	}{
		{"junk before", append([]byte("\xef\xbb\xbf\n"), classic(pageObjects...)...), "4 bytes before the %PDF header ignored", false},
		{"zeros after", append(classic(pageObjects...), make([]byte, 2048)...), "2048 bytes after the last %%EOF ignored", false},
		{"no %%EOF", bytes.TrimSuffix(classic(pageObjects...), []byte("%%EOF\n")), "the missing %%EOF added", false},
		{"cut off", classic(pageObjects...)[:300], "the file ends without %%EOF: cut off", true},
		{"offsets shifted", bytes.Replace(classic(pageObjects...), []byte("0000000015 00000 n"), []byte("0000000018 00000 n"), 1), "object 1 is not at offset 18", true},
		{"startxref lost", bytes.Replace(classic(pageObjects...), []byte("startxref"), []byte("startxrex"), 1), "no startxref", true},
		{"prev loop", prevLoop(), "the /Prev chain of cross-reference sections loops", true},
		{"stream broken", bytes.Replace(compressed(), []byte("/W [1 2 1]"), []byte("/W [1 9 1]"), 1), "its /W", true},
		{"stream root lost", bytes.Replace(compressed(), []byte("/Root 1 0 R"), []byte("/Roo  1 0 R"), 1), "no /Root", true},
		{"hybrid", hybrid(), "listed only in its /XRefStm", true},
		{"header 2.0", bytes.Replace(classic(pageObjects...), []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1), "a header the PDF library does not read", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Repair(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Repaired() || !strings.Contains(res.Note(), tc.how) {
				t.Errorf("note %q, want it to say %q", res.Note(), tc.how)
			}
			if got := strings.Contains(res.Note(), "rebuilt"); got != tc.rebuilt {
				t.Errorf("rebuilt %v, want %v: %s", got, tc.rebuilt, res.Note())
			}
			if err := Check(res.Data); err != nil {
				t.Errorf("the repaired file is not sound: %v", err)
			}
			if again, err := Repair(res.Data); err != nil || again.Repaired() {
				t.Errorf("repairing the repaired file: %v %v", again.How, err)
			}
		})
	}
}

// prevLoop is a sound file whose trailer's /Prev is its own table: the PDF
// library would read it forever.
func prevLoop() []byte {
	d := classic(pageObjects...)
	at := bytes.LastIndex(d, []byte("startxref\n")) + len("startxref\n")
	off := string(bytes.TrimSpace(d[at : at+bytes.IndexByte(d[at:], '\n')]))
	return bytes.Replace(d, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Prev "+off), 1)
}

// hybrid is a file whose table lists the page tree only in its /XRefStm.
func hybrid() []byte {
	d := compressed()
	at := bytes.LastIndex(d, []byte("6 0 obj"))
	var b bytes.Buffer
	b.Write(d[:len(d)-len("%%EOF\n")])
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n3 2\n")
	for _, n := range []string{"3 0 obj", "4 0 obj"} {
		fmt.Fprintf(&b, "%010d 00000 n \n", bytes.Index(d, []byte(n)))
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 7 /Root 1 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", at, xref)
	return b.Bytes()
}

// TestHostile: crafted files come back quickly (the benchmarks say how
// quickly) with a clear error or a sound file.
func TestHostile(t *testing.T) {
	n := 1000000
	if testing.Short() {
		n = 100000
	}
	for name, data := range hostile(n) {
		t.Run(name, func(t *testing.T) {
			res, err := Repair(data)
			if err != nil {
				if schema.CodeOf(err) != schema.ErrUnreadable {
					t.Errorf("error %v, want code unreadable", err)
				}
				return
			}
			if libraryHeader(res.Data) {
				if err := Check(res.Data); err != nil {
					t.Errorf("the repaired file is not sound: %v", err)
				}
			}
		})
	}
}

func BenchmarkHostile(b *testing.B) {
	for name, data := range hostile(1000000) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Repair(data)
			}
		})
	}
}

// hostile are crafted files, n the count of their repeated parts.
func hostile(n int) map[string][]byte {
	objStm := func(count, first string) []byte {
		return classic("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /ObjStm /N "+count+" /First "+first+" /Length 8 >>\nstream\n1 0 2 0 \nendstream")
	}
	return map[string][]byte{
		"million headers":          []byte("%PDF-1.4\n" + strings.Repeat("1 0 obj\n", n)),
		"million catalogs":         []byte("%PDF-1.4\n" + strings.Repeat("1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n", n)),
		"million streams":          []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + strings.Repeat("2 0 obj << /Length 99 >> stream\n", n)),
		"million endstreams":       []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << >> stream\n" + strings.Repeat("endstream\n", n)),
		"obj words":                []byte("%PDF-1.4\n" + strings.Repeat("obj ", 3*n)),
		"digits":                   []byte("%PDF-1.4\n" + strings.Repeat("1 ", 3*n) + "obj"),
		"huge numbers":             []byte("%PDF-1.4\n99999999999 0 obj << /Type /Catalog >> endobj\n8388608 0 obj << /Type /Catalog >> endobj\n1 99999 obj << >> endobj\n"),
		"open string":              []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /T (" + strings.Repeat("((", n) + "\n2 0 obj << >> endobj\n"),
		"deep arrays":              []byte("%PDF-1.4\n1 0 obj " + strings.Repeat("[", n) + "\n2 0 obj << /Type /Catalog >> endobj\n"),
		"object stream huge N":     objStm("999999999", "4"),
		"object stream huge First": objStm("2", "999999999"),
		"prev loop":                prevLoop(),
		"prev chain":               prevChain(2000),
		"cut off stream":           []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Length 5000 >> stream\nBT (A"),
		"zeros":                    append([]byte("%PDF-1.4\n"), make([]byte, 8<<20)...),
	}
}

// prevChain is a file with n sections, each /Prev the one before.
func prevChain(n int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	prev := -1
	for range n {
		at := b.Len()
		b.WriteString("xref\n1 2\n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R")
		if prev >= 0 {
			fmt.Fprintf(&b, " /Prev %d", prev)
		}
		b.WriteString(" >>\n")
		prev = at
	}
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", prev)
	return b.Bytes()
}

// TestLeftOutNumberUnused: the new cross-reference stream never takes the
// number of an object left out, which the page still refers to: the page
// must find nothing there, not the table's rows as its content.
func TestLeftOutNumberUnused(t *testing.T) {
	d := classic(pageObjects...)
	cut := d[:bytes.Index(d, []byte("BT (A)"))+3] // inside object 4's stream
	out, stats, err := Rebuild(cut)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Objects != 3 || stats.Dropped != 1 {
		t.Errorf("stats %+v, want 3 objects and 1 left out", stats)
	}
	if !bytes.Contains(out[len(cut):], []byte("5 0 obj\n<< /Type /XRef")) {
		t.Errorf("the new stream is not object 5: %q", out[len(cut):min(len(out), len(cut)+40)])
	}
}
