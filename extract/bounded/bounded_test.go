package bounded

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"xxgk/schema"
)

func TestReadAll(t *testing.T) {
	for _, tt := range []struct {
		in    string
		limit int64
		code  schema.ErrorCode // "" for no error
	}{
		{"", 0, ""},
		{"abc", 3, ""},
		{"abcd", 3, schema.ErrTooLarge},
		{"abc", 2 << 20, ""},
	} {
		got, err := ReadAll(strings.NewReader(tt.in), tt.limit, int64(len(tt.in)), "a stream")
		if tt.code == "" {
			if err != nil || string(got) != tt.in {
				t.Errorf("ReadAll(%q, %d) = %q, %v; want %q", tt.in, tt.limit, got, err, tt.in)
			}
			continue
		}
		if schema.CodeOf(err) != tt.code || got != nil {
			t.Errorf("ReadAll(%q, %d) = %q, %v; want code %s", tt.in, tt.limit, got, err, tt.code)
		}
	}
}

func TestReadAllReportsDamage(t *testing.T) {
	_, err := ReadAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10, 0, "word/document.xml")
	if schema.CodeOf(err) != schema.ErrUnreadable || !errors.Is(err, io.ErrUnexpectedEOF) ||
		!strings.Contains(err.Error(), "word/document.xml") {
		t.Errorf("got %v", err)
	}
}

func TestTooLargeMessage(t *testing.T) {
	if got, want := TooLarge("a font stream", 16<<20).Error(), "a font stream is larger than the limit of 16 MiB"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
