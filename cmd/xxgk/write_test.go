package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// fullWriter takes room bytes, then fails as a full disk does.
type fullWriter struct{ room int }

func (w *fullWriter) Write(p []byte) (int, error) {
	if len(p) > w.room {
		n := w.room
		w.room = 0
		return n, errors.New("no space left on device")
	}
	w.room -= len(p)
	return len(p), nil
}

// An output cut short by a full disk or a closed pipe exits 2 with a line
// saying so, whatever the command found.
func TestWriteErrorExits2(t *testing.T) {
	report := filepath.Join(fixtures.Dir(), "continuity", "jishan_2023.txt")
	for _, args := range [][]string{
		{"keys"},
		{"rules"},
		{"parse", report},
		{"check", report},
		{"parse", "--format", "csv", report},
	} {
		var errOut bytes.Buffer
		code := runStdin(context.Background(), args, nil, &fullWriter{room: 10}, &errOut)
		if code != exitFailed || !strings.Contains(errOut.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the write error", args, code, errOut.String())
		}
	}
	// The same commands with room enough succeed.
	var errOut bytes.Buffer
	if code := runStdin(context.Background(), []string{"check", report}, nil, &fullWriter{room: 1 << 20}, &errOut); code != exitOK {
		t.Errorf("check with room: exit %d: %s", code, errOut.String())
	}
}
