package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// TestREADMEFirstCommand runs the first command of the README, as written,
// from the repository root: it must read its bundled fixture and pass.
func TestREADMEFirstCommand(t *testing.T) {
	root := fixtures.Root()
	f, err := os.Open(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var line string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if strings.HasPrefix(sc.Text(), "go run ./cmd/xxgk ") {
			line = sc.Text()
			break
		}
	}
	if line == "" {
		t.Fatal("README has no `go run ./cmd/xxgk` command")
	}
	command, _, _ := strings.Cut(line, "#")
	args := strings.Fields(command)[3:]
	t.Chdir(root)
	code, out, errOut := xxgk(t, args...)
	if code != exitOK {
		t.Fatalf("%s: exit %d\n%s%s", strings.TrimSpace(command), code, out, errOut)
	}
	if !strings.Contains(out, "ok") {
		t.Errorf("%s printed no ok:\n%s", strings.TrimSpace(command), out)
	}
}
