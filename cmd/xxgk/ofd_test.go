package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
	"xxgk/schema"
)

// ofdFixtures returns the OFD fixtures' bytes by file name, and their
// truths.
func ofdFixtures(t *testing.T) (map[string][]byte, map[string]*fixtures.Truth) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtures.Dir(), "ofd", "*.ofd"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	files, truths := map[string][]byte{}, map[string]*fixtures.Truth{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		truth, err := fixtures.Load(strings.TrimSuffix(p, ".ofd") + ".truth.json")
		require.NoError(t, err)
		files[filepath.Base(p)], truths[filepath.Base(p)] = data, truth
	}
	return files, truths
}

// OFD files through parse and check: every cell as its truth, and check's
// findings those of the truth, its exit code 1 for the files with errors.
func TestParseAndCheckOFD(t *testing.T) {
	files, truths := ofdFixtures(t)
	inTemp(t, files)
	for name, truth := range truths {
		code, out, errOut := xxgk(t, "parse", "--format", "json", name)
		require.Equal(t, exitOK, code, errOut)
		var reports []schema.Report
		require.NoError(t, json.Unmarshal([]byte(out), &reports))
		require.Len(t, reports, 1)
		assert.Equal(t, "ofd", reports[0].Format, name)
		assert.Empty(t, fixtures.Diff(truth, &reports[0]), name)

		code, out, errOut = xxgk(t, "check", "--format", "json", name)
		var checked []struct {
			Findings []schema.Finding `json:"findings"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &checked), errOut)
		require.Len(t, checked, 1)
		want := 0
		if len(truth.PublishedInconsistent) > 0 {
			want = 1
		}
		assert.Equal(t, want, code, name)
		assert.Equal(t, len(truth.Findings), len(checked[0].Findings), name)
	}
}

// OFD files in a batch, loose and inside a zip archive: one ok row each,
// every cell as its truth.
func TestBatchOFD(t *testing.T) {
	files, truths := ofdFixtures(t)
	in := t.TempDir()
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(in, name), data, 0o644))
		w, err := zw.Create("年报/" + name)
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	// The archive's copies are duplicates of the loose files: a second
	// folder keeps the archive alone.
	inZip := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(inZip, "reports.zip"), zipped.Bytes(), 0o644))
	for _, dir := range []string{in, inZip} {
		out := t.TempDir()
		code, _ := runXXGK(t, nil, "batch", dir, "-o", out, "-j", "2")
		assert.Contains(t, []int{exitOK, exitFinding}, code)
		reports := 0
		data, err := os.ReadFile(filepath.Join(out, "reports.jsonl"))
		require.NoError(t, err)
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var r schema.Report
			require.NoError(t, json.Unmarshal([]byte(line), &r))
			truth := truths[filepath.Base(r.File)]
			require.NotNil(t, truth, r.File)
			assert.Equal(t, schema.StatusOK, r.Status, r.File)
			assert.Empty(t, fixtures.Diff(truth, &r), r.File)
			reports++
		}
		assert.Equal(t, len(files), reports, dir)
	}
}
