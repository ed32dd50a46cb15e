package runner

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
)

// TestRequests checks that requests, bytes and all, come back as written,
// one after another, and that the stream ends cleanly between requests.
func TestRequests(t *testing.T) {
	reqs := []request{
		{ID: 1, Name: "a.pdf", Path: "/tmp/a.pdf"},
		{ID: 2, Name: "entry.txt", Data: []byte("line\n{\"id\":9}\n\x00\xff")},
		{ID: 3, Name: "empty.txt", Data: []byte{}},
		{ID: 4, Name: "b.docx", Path: "b.docx"},
	}
	var buf bytes.Buffer
	for _, r := range reqs {
		if err := writeRequest(&buf, r); err != nil {
			t.Fatal(err)
		}
	}
	br := bufio.NewReader(&buf)
	for _, want := range reqs {
		got, err := readRequest(br)
		if err != nil {
			t.Fatal(err)
		}
		want.Size = -1
		if want.Data != nil {
			want.Size = int64(len(want.Data))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	}
	if _, err := readRequest(br); !errors.Is(err, io.EOF) {
		t.Errorf("after the last request: %v, want io.EOF", err)
	}
	if _, err := readRequest(bufio.NewReader(bytes.NewReader([]byte(`{"id":5,"size":10}` + "\nshort")))); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("bytes cut short: %v, want a bad request", err)
	}
}
