package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
)

// TestCheckEmptyTables: the official template published unfilled is no
// pass: check's summary line says the tables are empty, with the
// check.empty_tables warning, and no error.
func TestCheckEmptyTables(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), "blank", "blank_2021.pdf"))
	require.NoError(t, err)
	inTemp(t, map[string][]byte{"blank.pdf": data})
	code, out, _ := xxgk(t, "check", "blank.pdf")
	assert.Equal(t, exitOK, code)
	first, _, _ := strings.Cut(out, "\n")
	assert.Equal(t, "blank.pdf\t正常 · 2021年模板 · 统计表为空\t错误 0 · 警告 1", first)
	assert.Contains(t, out, "check.empty_tables")
}
