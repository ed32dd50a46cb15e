package pdf

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
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
