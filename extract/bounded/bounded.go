// Package bounded reads a stream up to a stated limit and fails, instead of
// truncating, when there is more: a value cut short silently would be read
// as a smaller table, a missing font range, a shorter report.
package bounded

import (
	"bytes"
	"fmt"
	"io"

	"xxgk/schema"
)

// ReadAll reads r to its end. It returns an error with code too_large when r
// holds more than limit bytes (what names the stream in the message), and
// one with code unreadable when reading fails. sizeHint, when positive and
// within limit, sizes the buffer (a declared size, never trusted past
// limit).
func ReadAll(r io.Reader, limit int64, sizeHint int64, what string) ([]byte, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if int64(buf.Len()) > limit {
		return nil, TooLarge(what, limit)
	}
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s is damaged: %w", what, err)}
	}
	return buf.Bytes(), nil
}

// TooLarge is the error of a stream over its limit, for callers that can
// tell from a declared size before reading.
func TooLarge(what string, limit int64) *schema.Error {
	return schema.Errorf(schema.ErrTooLarge, "%s is larger than the limit of %s", what, Size(limit))
}

// Size writes a byte count the way limits are documented: 16 MiB, 64 KiB,
// 100 bytes.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
