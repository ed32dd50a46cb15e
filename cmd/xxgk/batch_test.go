package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"

	"xxgk/fixtures"
	hostileset "xxgk/fixtures/hostile"
	"xxgk/schema"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// xxgkBinary builds the command once per test run: the kill test needs a
// process of its own to kill.
func xxgkBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "xxgk-bin")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "xxgk")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// removeBinary deletes what xxgkBinary built.
func removeBinary() {
	if binary != "" {
		os.RemoveAll(filepath.Dir(binary))
	}
}

// batchRow is what the tests check of a line of reports.jsonl.
type batchRow struct {
	File        string `json:"file"`
	Status      string `json:"status"`
	ErrorCode   string `json:"error_code"`
	DuplicateOf string `json:"duplicate_of"`
}

func readBatchRows(t *testing.T, out string) []batchRow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []batchRow
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r batchRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("reports.jsonl: %v", err)
		}
		rows = append(rows, r)
	}
	return rows
}

// outputFiles returns every file of an output folder by name.
func outputFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func runXXGK(t *testing.T, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(xxgkBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String()
}

// expectedInputs lists what the batch must read: every file under the
// folders but hidden ones, zip archives (told by content: a zip without a
// document's parts) entry by entry. Written apart from the batch's own
// walk, to check it. Each gets a row, or is counted skipped (no report).
func expectedInputs(t *testing.T, roots ...string) []string {
	t.Helper()
	var files []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if zr, err := zip.OpenReader(p); err == nil {
				defer zr.Close()
				var names []string
				document := false
				for _, f := range zr.File {
					switch f.Name {
					case "[Content_Types].xml", "word/document.xml", "OFD.xml", "mimetype":
						document = true
					}
					names = append(names, p+"!/"+f.Name)
				}
				if !document {
					files = append(files, names...)
					return nil
				}
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// skippedFiles reads the files a batch counted as skipped (no report)
// from its record of done files.
func skippedFiles(t *testing.T, out string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "done.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r struct{ File, Status string }
		if json.Unmarshal([]byte(line), &r) == nil && r.Status == "skipped" {
			skipped[r.File] = true
		}
	}
	return skipped
}

// Every file of the fixtures, the corpus and the hostile sets gets exactly
// one row with its status, and a second run adds nothing. The hostile sets
// are the generated one (package hostile: broken and malicious reports,
// each with the outcome reading it must have) and testdata/hostile (what an
// archive adds: a zip bomb, a damaged zip, a nested copy of a report).
func TestBatchCommand(t *testing.T) {
	fixtures.NeedCorpus(t)
	hostile, _ := filepath.Abs(filepath.Join("testdata", "hostile"))
	generated := t.TempDir()
	hostileFiles, err := hostileset.Files(fixtures.CorpusDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range hostileFiles {
		if err := os.WriteFile(filepath.Join(generated, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	roots := []string{fixtures.Dir(), fixtures.CorpusDir(), hostile, generated}
	out := t.TempDir()
	// One hostile file loops forever: 20 s is its time, and leaves a loaded
	// machine ample time for the others.
	args := append([]string{"batch"}, append(roots, "-o", out, "-j", "2", "--timeout", "20s")...)
	code, stdout := runXXGK(t, nil, args...)
	if code != 2 {
		t.Errorf("exit code %d, want 2 (the hostile files fail)", code)
	}
	rows := readBatchRows(t, out)
	byFile := map[string][]batchRow{}
	for _, r := range rows {
		byFile[r.File] = append(byFile[r.File], r)
	}
	want := expectedInputs(t, roots...)
	skipped := skippedFiles(t, out)
	for _, f := range want {
		if n := len(byFile[f]); n != 1 && !(n == 0 && skipped[f]) {
			t.Errorf("%s has %d rows, want 1", f, n)
		}
	}
	if len(rows)+len(skipped) != len(want) {
		t.Errorf("%d rows and %d skipped for %d inputs", len(rows), len(skipped), len(want))
	}
	// No report with a truth is skipped.
	for f := range skipped {
		_, err := os.Stat(strings.TrimSuffix(f, filepath.Ext(f)) + ".truth.json")
		if dir := filepath.Base(filepath.Dir(f)); err == nil || dir == "markdown" || dir == "flat" {
			t.Errorf("%s skipped, but it is a report", f)
		}
	}
	for _, r := range rows {
		switch r.Status {
		case "ok", "partial", "legacy", "failed", "duplicate":
		default:
			t.Errorf("%s: status %q", r.File, r.Status)
		}
		t.Logf("%-8s %-18s %s", r.Status, r.ErrorCode, r.File)
	}
	// A copy is judged by the file it copies: which copy comes first
	// depends on where the test's folders are.
	original := func(r batchRow) batchRow {
		if r.Status == "duplicate" && len(byFile[r.DuplicateOf]) == 1 {
			return byFile[r.DuplicateOf][0]
		}
		return r
	}
	check := map[string]batchRow{
		hostile + "/bomb.zip!/bomb.txt":           {Status: "failed", ErrorCode: "too_large"},
		hostile + "/broken.docx":                  {Status: "failed", ErrorCode: "unreadable"},
		hostile + "/old.doc":                      {Status: "failed", ErrorCode: "unreadable"}, // an OLE2 signature and zeros
		hostile + "/empty.pdf":                    {Status: "failed", ErrorCode: "not_a_report"},
		hostile + "/gbk-notice.txt":               {Status: "skipped"},
		hostile + "/not-really.docx!/content.xml": {Status: "skipped"}, // a zip of no document: an archive
		hostile + "/nul-bytes.txt":                {Status: "failed", ErrorCode: "unsupported_format"},
		hostile + "/page.mht":                     {Status: "failed", ErrorCode: "unsupported_format"},
		hostile + "/random.bin":                   {Status: "failed", ErrorCode: "unsupported_format"},
		hostile + "/scan.png":                     {Status: "failed", ErrorCode: "unreadable"}, // a truncated PNG: images are read by OCR
		hostile + "/copy.zip!/copy-of-jishan.txt": {Status: "ok"},
		hostile + "/encrypted.pdf":                {Status: "failed", ErrorCode: "encrypted"},
		hostile + "/truncated.pdf":                {Status: "failed", ErrorCode: "unreadable"},
	}
	for f, w := range check {
		rows := byFile[f]
		if w.Status == "skipped" {
			if !skipped[f] {
				t.Errorf("%s: %+v, want skipped", f, rows)
			}
			continue
		}
		if len(rows) != 1 {
			continue // reported above
		}
		if got := original(rows[0]); got.Status != w.Status || got.ErrorCode != w.ErrorCode {
			t.Errorf("%s: %+v, want %+v", f, got, w)
		}
	}
	// The corpus's text report is also in copy.zip and in the generated
	// set, whose paths sort first.
	jishan := filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt")
	if rows := byFile[jishan]; len(rows) != 1 || rows[0].Status != "duplicate" || original(rows[0]).Status != "ok" {
		t.Errorf("%s: %+v, want a duplicate of a report read ok", jishan, rows)
	}
	for _, f := range hostileFiles {
		p := filepath.Join(generated, f.Name)
		rows := byFile[p]
		if skipped[p] {
			// Text that holds no report: counted, not failed.
			if f.Code != schema.ErrNotAReport {
				t.Errorf("%s (%s): skipped, want %s", f.Name, f.Why, f.Code)
			}
			continue
		}
		if len(rows) != 1 {
			continue // reported above
		}
		got := original(rows[0])
		switch f.Code {
		case "":
			if like := byFile[f.Like]; len(like) != 1 || got.Status != original(like[0]).Status {
				t.Errorf("%s (%s): %+v, want what %s gives", f.Name, f.Why, got, f.Like)
			}
		case hostileset.Handled:
			if got.ErrorCode == "internal" || got.ErrorCode == "timeout" || got.ErrorCode == "too_large" {
				t.Errorf("%s (%s): %s", f.Name, f.Why, got.ErrorCode)
			}
		default:
			if got.ErrorCode != string(f.Code) {
				t.Errorf("%s (%s): %s %s, want %s", f.Name, f.Why, got.Status, got.ErrorCode, f.Code)
			}
		}
	}

	first := outputFiles(t, out)
	code2, stdout2 := runXXGK(t, nil, append([]string{"batch"}, append(roots, "-o", out)...)...)
	if code2 != code || !strings.Contains(stdout2, fmt.Sprintf("本次读取 0 个，重复 0 个，此前已完成 %d 个", len(want))) {
		t.Errorf("re-run: exit %d, %s(first: %s)", code2, stdout2, stdout)
	}
	if !reflect.DeepEqual(outputFiles(t, out), first) {
		t.Error("re-run changed the outputs")
	}
}

// A run killed with SIGKILL, twice, and run again to its end leaves the
// same outputs, byte for byte, as a run never killed.
func TestBatchCommandSurvivesSIGKILL(t *testing.T) {
	fixtures.NeedCorpus(t)
	in := t.TempDir()
	report, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	for i := 0; i < n; i++ {
		// Distinct contents, so that each is parsed.
		data := append(append([]byte(nil), report...), fmt.Sprintf("\n附%d\n", i)...)
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("r%02d.txt", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	whole := t.TempDir()
	runXXGK(t, nil, "batch", in, "-o", whole)

	out := t.TempDir()
	for _, killAfter := range []int{7, 23} {
		cmd := exec.Command(xxgkBinary(t), "batch", in, "-o", out, "-j", "2")
		cmd.Env = append(os.Environ(), "XXGK_BATCH_PAUSE=20ms")
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		for seen := 0; seen < killAfter && sc.Scan(); {
			if strings.HasPrefix(sc.Text(), "[") {
				seen++
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if st := cmd.ProcessState.Sys().(syscall.WaitStatus); !st.Signaled() {
			t.Fatalf("the run ended before it was killed")
		}
		if rows := len(readBatchRows(t, out)); rows < killAfter || rows >= n {
			t.Fatalf("killed after %d files, %d rows written", killAfter, rows)
		}
	}
	runXXGK(t, nil, "batch", in, "-o", out)
	if got, want := outputFiles(t, out), outputFiles(t, whole); !reflect.DeepEqual(got, want) {
		for name := range want {
			if got[name] != want[name] {
				t.Errorf("%s differs after the kills", name)
			}
		}
	}
}

// With no PATH the batch reads the demo set, and exits 0 on it.
func TestBatchCommandDefaultsToDemo(t *testing.T) {
	out := t.TempDir()
	code, _ := runXXGK(t, nil, "batch", "-o", out)
	rows := readBatchRows(t, out)
	want := expectedInputs(t, filepath.Join(fixtures.Root(), "demo"))
	if skipped := skippedFiles(t, out); len(rows)+len(skipped) != len(want) || len(rows) == 0 {
		t.Errorf("%d rows and %d skipped, want one of them for each of the %d demo files", len(rows), len(skipped), len(want))
	}
	if code != 0 {
		t.Errorf("exit %d on the demo set, want 0", code)
	}
}

// A path that does not exist is one failed row saying why; the other
// inputs are read.
func TestBatchCommandMissingInput(t *testing.T) {
	out := t.TempDir()
	good := filepath.Join(fixtures.Dir(), "pdf", "official_01.pdf")
	code, _ := runXXGK(t, nil, "batch", good, "no/such/file.pdf", "-o", out)
	rows := readBatchRows(t, out)
	if code != 2 || len(rows) != 2 || rows[0].Status != "ok" || rows[1].Status != "failed" || rows[1].ErrorCode != "unreadable" {
		t.Fatalf("exit %d, rows %+v; want 2, the missing path failed and the report read", code, rows)
	}
	data, _ := os.ReadFile(filepath.Join(out, "reports.jsonl"))
	if !strings.Contains(string(data), "no/such/file.pdf: no such file or directory") {
		t.Errorf("the missing path's row does not say why:\n%s", data)
	}
}

func TestBatchCommandUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output folder", []string{"x"}, "需要用 -o DIR 指定输出文件夹"},
		{"bad shard", []string{"-o", "out", "--shard", "3/2"}, "want i/n with 1 ≤ i ≤ n"},
		{"unknown flag", []string{"-o", "out", "--fast"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "out" {
					args[i] = filepath.Join(t.TempDir(), "out")
				}
			}
			code := run(context.Background(), append([]string{"batch"}, args...), &stdout, &stderr)
			if code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tt.want)
			}
		})
	}
}

// A batch row is what parse writes for the file: the same JSON line, the
// same wide CSV row.
func TestBatchRowsAreParseRows(t *testing.T) {
	fixtures.NeedCorpus(t)
	file := filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt")
	out := t.TempDir()
	runXXGK(t, nil, "batch", file, "-o", out)
	_, jsonl := runXXGK(t, nil, "parse", "--format", "jsonl", file)
	_, csv := runXXGK(t, nil, "parse", "--format", "csv", file)
	got := outputFiles(t, out)
	if got["reports.jsonl"] != jsonl {
		t.Errorf("reports.jsonl:\n%s\nparse --format jsonl:\n%s", got["reports.jsonl"], jsonl)
	}
	if got["reports.csv"] != csv {
		t.Errorf("reports.csv:\n%s\nparse --format csv:\n%s", got["reports.csv"], csv)
	}
}
