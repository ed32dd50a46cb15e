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
// from the repository root (its output folder moved to a temporary one): a
// batch over the demo set that writes one row per file and exits 0 — the
// demo holds no hostile file and no deliberately wrong table — and says
// where the page is.
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
	out := t.TempDir()
	for i := range args {
		if i > 0 && args[i-1] == "-o" {
			args[i] = out
		}
	}
	t.Chdir(root)
	code, summary, errOut := xxgk(t, args...)
	if code != exitOK {
		t.Errorf("%s: exit %d, want 0\n%s", strings.TrimSpace(command), code, errOut)
	}
	if want := "错误 0 条"; !strings.Contains(summary, want) || !strings.Contains(summary, "audit.html") {
		t.Errorf("summary line %q lacks %q or the page", summary, want)
	}
	data, err := os.ReadFile(filepath.Join(out, "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := 0
	filepath.WalkDir(filepath.Join(root, "demo"), func(path string, d os.DirEntry, err error) error {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".pdf", ".docx", ".doc", ".wps", ".rtf", ".html", ".txt", ".ofd":
			inputs++
		case ".md": // Markdown reports; the README files are no reports
			if filepath.Base(filepath.Dir(path)) == "markdown" {
				inputs++
			}
		}
		return nil
	})
	if rows := strings.Count(string(data), "\n"); rows != inputs {
		t.Errorf("reports.jsonl has %d rows for %d fixture files", rows, inputs)
	}
	if _, err := os.Stat(filepath.Join(out, "audit.html")); err != nil {
		t.Error(err)
	}
}
