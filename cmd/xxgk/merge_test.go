package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"xxgk/fixtures"
)

// batch --shard over two shards, then merge: the merged folder is the
// single run's, and the exit code is the batch's (1: continuity.carry).
func TestMergeCommand(t *testing.T) {
	in := filepath.Join(fixtures.Dir(), "continuity")
	dir := t.TempDir()
	one := filepath.Join(dir, "one")
	code, _, errOut := xxgk(t, "batch", in, "-o", one, "-j", "2")
	require.Equal(t, 1, code, errOut)
	var shards []string
	for _, s := range []string{"1/2", "2/2"} {
		out := filepath.Join(dir, "shard"+s[:1])
		code, _, errOut := xxgk(t, "batch", in, "-o", out, "-j", "2", "--shard", s)
		require.Contains(t, []int{0, 1}, code, errOut)
		shards = append(shards, out)
	}
	merged := filepath.Join(dir, "merged")
	code, stdout, errOut := xxgk(t, append(append([]string{"merge"}, shards...), "-o", merged)...)
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, stdout, "共 4 个文件")
	for _, name := range []string{"reports.jsonl", "reports.csv", "findings.csv", "summary.json", "reports.parquet", "xxgk.xlsx"} {
		a, err := os.ReadFile(filepath.Join(one, name))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(merged, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(a, b), "%s differs", name)
	}

	code, _, errOut = xxgk(t, "merge", shards[0])
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut, "-o DIR")
}

func TestCheckXLSX(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(fixtures.Dir(), "continuity", "shili_2023.txt")
	book := filepath.Join(dir, "check.xlsx")
	code, stdout, errOut := xxgk(t, "check", "--format", "xlsx", "-o", book, f)
	assert.Equal(t, exitOK, code, errOut)
	assert.Empty(t, stdout)
	x, err := excelize.OpenFile(book)
	require.NoError(t, err)
	defer x.Close()
	assert.Equal(t, []string{"1 shili_2023.txt"}, x.GetSheetList())
	v, err := x.GetCellValue("1 shili_2023.txt", "A1")
	require.NoError(t, err)
	assert.Equal(t, f, v)

	code, _, errOut = xxgk(t, "check", "--format", "xlsx", f)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut, "needs -o")
	code, _, errOut = xxgk(t, "check", "-o", book, f)
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, errOut, "-o is for --format xlsx")
}
