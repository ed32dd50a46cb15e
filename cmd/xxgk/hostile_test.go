package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
	"xxgk/fixtures/hostile"
	"xxgk/schema"
)

// TestParseHostileFiles runs xxgk parse on every hostile file at once,
// each followed by a real report: one JSON line per file in input order,
// each hostile file with its code, the real report read every time, and
// on stderr one line per failed file, never a panic or a goroutine dump.
// Files that must time out are left to the runner's tests: parse waits a
// minute for them.
func TestParseHostileFiles(t *testing.T) {
	fixtures.NeedCorpus(t)
	if testing.Short() {
		t.Skip("hostile files take a while")
	}
	all, err := hostile.Files(fixtures.CorpusDir())
	require.NoError(t, err)
	files := map[string][]byte{"good.txt": corpus(t, "shanxi_jishan_county_2023.txt")}
	var args []string
	var want []hostile.File
	for _, f := range all {
		if f.Code == schema.ErrTimeout || f.Like != "" {
			continue
		}
		files[f.Name] = f.Data
		args = append(args, f.Name, "good.txt")
		want = append(want, f)
	}
	inTemp(t, files)
	code, out, errOut := xxgk(t, append([]string{"parse", "--format", "jsonl"}, args...)...)
	assert.Equal(t, exitFailed, code)

	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, len(args))
	for i, f := range want {
		var r, next schema.Report
		require.NoError(t, json.Unmarshal([]byte(lines[2*i]), &r))
		require.NoError(t, json.Unmarshal([]byte(lines[2*i+1]), &next))
		assert.Equal(t, f.Name, r.File)
		if f.Code != hostile.Handled {
			assert.Equal(t, f.Code, r.ErrorCode, "%s (%s): %s", f.Name, f.Why, r.ErrorMessage)
		}
		assert.Equal(t, schema.StatusOK, next.Status, "the report after %s", f.Name)
	}
	for _, line := range strings.Split(strings.TrimSuffix(errOut, "\n"), "\n") {
		assert.NotContains(t, line, "goroutine")
		assert.NotContains(t, line, "panic")
		name, _, ok := strings.Cut(line, ": ")
		assert.True(t, ok && files[name] != nil, "stderr line %q does not start with a file name", line)
	}
}
