package pdf

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"xxgk/schema"
)

// TestPrevLoopRead reads a file whose trailer's /Prev is its own table,
// which the PDF library would follow forever: the chain is seen to loop
// and the table rebuilt.
func TestPrevLoopRead(t *testing.T) {
	data := onePage("BT /F1 10 Tf 100 700 Td (Report 2024) Tj ET", "")
	at := bytes.LastIndex(data, []byte("startxref\n")) + len("startxref\n")
	off, err := strconv.Atoi(string(bytes.Fields(data[at:])[0]))
	if err != nil {
		t.Fatal(err)
	}
	looped := bytes.Replace(data, []byte(" >>\nstartxref"), []byte(" /Prev "+strconv.Itoa(off)+" >>\nstartxref"), 1)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	doc, err := Extract(ctx, looped)
	if err != nil {
		t.Fatal(err)
	}
	if lines := doc.Lines(); len(lines) != 1 || lines[0] != "Report 2024" {
		t.Errorf("lines %q", lines)
	}
	if len(doc.Notes) != 1 || doc.Notes[0].Code != NoteRepaired || !strings.Contains(doc.Notes[0].Message, "/Prev chain") {
		t.Errorf("notes %+v", doc.Notes)
	}
}

// TestContentLost: a repaired file whose page content is gone fails as
// unreadable, saying so, not as a scan without text.
func TestContentLost(t *testing.T) {
	data := onePage("BT /F1 10 Tf 100 700 Td (Report 2024) Tj ET", "")
	start := bytes.Index(data, []byte("\n7 0 obj")) + 1
	end := start + bytes.Index(data[start:], []byte("endobj")) + len("endobj")
	lost := append(append(bytes.Clone(data[:start]), bytes.Repeat([]byte(" "), end-start)...), data[end:]...)
	doc, err := Extract(context.Background(), lost)
	if got := schema.CodeOf(err); got != schema.ErrUnreadable || !strings.Contains(err.Error(), "the content of page 1 is missing") {
		t.Errorf("error %v (%s), want unreadable: the content of page 1 is missing", err, got)
	}
	if doc == nil || len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0].Message, "the content of page 1 is missing") {
		t.Errorf("document %+v", doc)
	}
}
