package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
	"xxgk/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs the command line in-process and returns its exit code and
// outputs.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	_, self, _, _ := runtime.Caller(0) // tests may have changed directory
	fixtures.Golden(t, filepath.Join(filepath.Dir(self), "testdata", name), []byte(got), *update)
}

// inTemp copies corpus files into a temporary working directory, so that
// the file names in outputs do not depend on where the repository lives.
func inTemp(t *testing.T, files map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o644))
	}
	t.Chdir(dir)
}

func corpus(t *testing.T, name string) []byte {
	fixtures.NeedCorpus(t)
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), name))
	require.NoError(t, err)
	return data
}

func TestKeysGolden(t *testing.T) {
	code, out, _ := runCLI(t, "keys")
	require.Equal(t, 0, code)
	golden(t, "keys.golden", out)
	assert.Equal(t, len(schema.Keys), strings.Count(out, "\n"))
}

// The wide CSV header is the same for every input: a report, a failed file.
func TestCSVHeaderGolden(t *testing.T) {
	inTemp(t, map[string][]byte{
		"jishan.txt": corpus(t, "shanxi_jishan_county_2023.txt"),
		"empty.pdf":  nil,
	})
	var headers []string
	for _, f := range []string{"jishan.txt", "empty.pdf"} {
		_, out, _ := runCLI(t, "parse", "--format", "csv", f)
		headers = append(headers, strings.SplitN(out, "\n", 2)[0])
	}
	assert.Equal(t, headers[0], headers[1])
	golden(t, "csv_header.golden", headers[0]+"\n")
	assert.Equal(t, 11+len(schema.Keys)+3, len(strings.Split(headers[0], ","))) // duplicate_of, error_message, xxgk_version after the keys

	_, out, _ := runCLI(t, "parse", "--format", "csv", "--bom", "jishan.txt")
	assert.True(t, strings.HasPrefix(out, "\ufefffile,sha256,"))
}

func TestParseJishanGolden(t *testing.T) {
	inTemp(t, map[string][]byte{"jishan.txt": corpus(t, "shanxi_jishan_county_2023.txt")})
	code, out, errOut := runCLI(t, "parse", "jishan.txt")
	require.Equal(t, 0, code, errOut)
	golden(t, "jishan.json.golden", out)
}

func TestCheckJishanIsClean(t *testing.T) {
	inTemp(t, map[string][]byte{"jishan.txt": corpus(t, "shanxi_jishan_county_2023.txt")})
	code, out, errOut := runCLI(t, "check", "jishan.txt")
	assert.Equal(t, 0, code)
	assert.Empty(t, errOut)
	assert.Equal(t, "jishan.txt\t正常 · 2021年模板\t错误 0 · 警告 0\n", out)
}

// Bad files get one line each naming the file and the reason, the right
// error code, exit 2, and the good file among them is still read.
func TestBadFilesDoNotStopTheOthers(t *testing.T) {
	inTemp(t, map[string][]byte{
		"empty.pdf":  nil,
		"junk.bin":   {0x00, 0x01, 0x02, 0xff, 0xfe, 0x10, 0x11, 0x00, 0x05, 0x06, 0x07, 0x08},
		"notes.txt":  []byte("会议纪要\n今天讨论了食堂的菜单。\n"),
		"scan.png":   []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"jishan.txt": corpus(t, "shanxi_jishan_county_2023.txt"),
	})
	files := []string{"empty.pdf", "junk.bin", "jishan.txt", "notes.txt", "scan.png", "missing.docx"}
	code, out, errOut := runCLI(t, append([]string{"parse", "--format", "jsonl"}, files...)...)
	assert.Equal(t, 2, code)
	want := map[string]schema.ErrorCode{
		"empty.pdf":    schema.ErrNotAReport,
		"junk.bin":     schema.ErrUnsupportedFormat,
		"notes.txt":    schema.ErrNotAReport,
		"scan.png":     schema.ErrUnreadable, // truncated: images are read by OCR
		"missing.docx": schema.ErrUnreadable,
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, len(files))
	for i, line := range lines {
		var r schema.Report
		require.NoError(t, json.Unmarshal([]byte(line), &r))
		assert.Equal(t, files[i], r.File, "reports come in input order")
		if r.File == "jishan.txt" {
			assert.Equal(t, schema.StatusOK, r.Status)
			continue
		}
		assert.Equal(t, schema.StatusFailed, r.Status, r.File)
		assert.Equal(t, want[r.File], r.ErrorCode, r.File)
		assert.True(t, strings.HasPrefix(r.ErrorMessage, r.File+": "), r.ErrorMessage)
	}
	errLines := strings.Split(strings.TrimSpace(errOut), "\n")
	require.Len(t, errLines, len(want), errOut)
	for _, l := range errLines {
		file := strings.SplitN(l, ": ", 2)[0]
		assert.Contains(t, l, string(want[file]), l)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"parse"}, {"parse", "--format", "xml", "a"}, {"check", "--bogus"}} {
		code, _, errOut := runCLI(t, args...)
		assert.Equal(t, 2, code, args)
		assert.NotEmpty(t, errOut, args)
	}
	code, out, _ := runCLI(t, "--version")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "xxgk "))
}

// A wrong table-4 total: check names the rule, both numbers and the line it
// sits on, and exits 1.
func TestCheckShowsWhere(t *testing.T) {
	lines := strings.Split(string(corpus(t, "shanxi_jishan_county_2023.txt")), "\n")
	row := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "0\t1\t0\t0\t1\t") {
			row = i
		}
	}
	require.NotEqual(t, -1, row, "table 4's data row")
	lines[row] = strings.Replace(lines[row], "0\t1\t0\t0\t1", "0\t1\t0\t0\t2", 1)
	inTemp(t, map[string][]byte{"jishan.txt": []byte(strings.Join(lines, "\n"))})
	code, out, _ := runCLI(t, "check", "jishan.txt")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "错误  复议诉讼合计  行政复议：维持、纠正、其他、尚未审结之和为1，总计为2\n")
	assert.Contains(t, out, fmt.Sprintf("应为 1 · 实为 2 · 文本第%d行 · 表四（政府信息公开行政复议、行政诉讼情况）· 「行政复议」· 总计列 · 规则 appeals.group_total\n", row+1))

	// The same from standard input, in English: no Chinese sentence, the
	// rule's English name, the place in English.
	var stdout, stderr bytes.Buffer
	code = runStdin(context.Background(), []string{"check", "--lang", "en", "-"}, bytes.NewReader([]byte(strings.Join(lines, "\n"))), &stdout, &stderr)
	assert.Equal(t, 1, code, stderr.String())
	assert.Equal(t, fmt.Sprintf("-\tok · template 2021\terrors 1 · warnings 0\n  error  Review and litigation totals\n"+
		"        expected 1 · found 2 · line %d of the text · table 4 (administrative review and litigation) · group review · column total · rule appeals.group_total\n", row+1),
		stdout.String())

	// JSON keeps the ids and exact locations and adds the names people read.
	code, out, _ = runCLI(t, "check", "--format", "json", "jishan.txt")
	assert.Equal(t, 1, code)
	var res []struct {
		Findings []struct {
			Rule     string                     `json:"rule"`
			RuleName string                     `json:"rule_name"`
			Location map[string]schema.Location `json:"location"`
			Places   map[string]string          `json:"places"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	require.Len(t, res, 1)
	require.Len(t, res[0].Findings, 1)
	f := res[0].Findings[0]
	assert.Equal(t, "appeals.group_total", f.Rule)
	assert.Equal(t, "复议诉讼合计", f.RuleName)
	assert.Equal(t, row+1, f.Location["review.total"].Line)
	assert.Equal(t, fmt.Sprintf("文本第%d行 · 表四（政府信息公开行政复议、行政诉讼情况）· 「行政复议」· 总计列", row+1), f.Places["review.total"])
}

// A FILE of - is standard input, parsed like a file; without standard input
// it fails on its own and the other files are still read.
func TestStdin(t *testing.T) {
	data := corpus(t, "shanxi_jishan_county_2023.txt")
	inTemp(t, map[string][]byte{"jishan.txt": data})
	var stdout, stderr bytes.Buffer
	code := runStdin(context.Background(), []string{"check", "-"}, bytes.NewReader(data), &stdout, &stderr)
	assert.Equal(t, 0, code, stderr.String())
	assert.Equal(t, "-\t正常 · 2021年模板\t错误 0 · 警告 0\n", stdout.String())

	code, out, errOut := runCLI(t, "parse", "--format", "jsonl", "-", "jishan.txt")
	assert.Equal(t, 2, code)
	assert.Equal(t, "-: 无法读取（unreadable）：no standard input\n", errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[1], `"status":"ok"`)
}
