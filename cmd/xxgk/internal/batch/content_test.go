package batch

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"xxgk/fixtures"
	"xxgk/schema"
)

func tarGz(t *testing.T, gz bool, files ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.Writer = &buf
	var zw *gzip.Writer
	if gz {
		zw = gzip.NewWriter(&buf)
		w = zw
	}
	tw := tar.NewWriter(w)
	for _, f := range files {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.content)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(f.content)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if zw != nil {
		zw.Close()
	}
	return buf.Bytes()
}

// TestBatchByContent: files are picked by content, not name. Tar and
// tar.gz archives are walked like zip, whatever their name; a manifest
// and a CSV table are read, found no reports, counted as skipped and given
// no rows; a missing path is one failed row with its reason, and the run
// goes on.
func TestBatchByContent(t *testing.T) {
	in := t.TempDir()
	tree(t, in, map[string][]byte{
		"2023.tgz":     tarGz(t, true, entry{name: "县/甲县_2023.txt", content: []byte("甲县人民政府 2023 1 0")}),
		"2022.tar":     tarGz(t, false, entry{name: "乙县_2022.txt", content: []byte("乙县人民政府 2022 0 1")}),
		"renamed.dat":  tarGz(t, true, entry{name: "丙县_2022.txt", content: []byte("丙县人民政府 2022 0 0")}),
		"MANIFEST.tsv": []byte("file\tagency\tyear\n甲县_2023.txt\t甲县人民政府\t2023\n"),
		"index.csv":    []byte("file,agency\na.pdf,甲县\n"),
	})
	missing := filepath.Join(in, "missing.pdf")
	out := t.TempDir()
	res, err := Run(context.Background(), Options{Paths: []string{in, missing}, Out: out, Jobs: 2, MaxSize: 1024, Parser: &fakeParser{}})
	if err != nil {
		t.Fatal(err)
	}
	prefix := in + "/"
	want := []row{
		{"2022.tar!/乙县_2022.txt", schema.StatusOK, "", "乙县人民政府", 2022, ""},
		{"2023.tgz!/县/甲县_2023.txt", schema.StatusOK, "", "甲县人民政府", 2023, ""},
		{"missing.pdf", schema.StatusFailed, schema.ErrUnreadable, "", 0, ""},
		{"renamed.dat!/丙县_2022.txt", schema.StatusOK, "", "丙县人民政府", 2022, ""},
	}
	if got := readRows(t, out, prefix); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n%v\nwant\n%v", got, want)
	}
	s := res.Summary
	if s.Files != 4 || s.Statuses[StatusSkipped] != 2 || s.Statuses[schema.StatusFailed] != 1 || res.NotReports != 2 || s.ExitCode != 2 {
		t.Errorf("summary %+v, not reports %d", s, res.NotReports)
	}
	data, _ := os.ReadFile(filepath.Join(out, ReportsJSONL))
	if !strings.Contains(string(data), "no such file or directory") {
		t.Errorf("the missing path's row does not say why")
	}
}

// TestBatchMarkdownAndFlatText: Markdown reports and flattened page text
// are read as reports by the real parser; the README, a manifest and a CSV
// list beside them are skipped, though they name reports.
func TestBatchMarkdownAndFlatText(t *testing.T) {
	in := t.TempDir()
	for _, f := range []string{"markdown/official_01.md", "flat/html_2021_utf8_chrome.txt", "continuity/README.md"} {
		data, err := os.ReadFile(filepath.Join(fixtures.Dir(), f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree(t, in, map[string][]byte{
		"MANIFEST.tsv": []byte("file\ttitle\tyear\nofficial_01.md\t南京市玄武区教育局2024年政府信息公开工作年度报告\t2024\n"),
		"list.csv":     []byte("file,title\na.pdf,某县2023年政府信息公开工作年度报告\n"),
	})
	out := t.TempDir()
	res, err := Run(context.Background(), Options{Paths: []string{in}, Out: out, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	rows := readRows(t, out, in+"/")
	if len(rows) != 2 || rows[0].File != "html_2021_utf8_chrome.txt" || rows[0].Status != schema.StatusPartial ||
		rows[1].File != "official_01.md" || rows[1].Status != schema.StatusOK || res.NotReports != 3 {
		t.Errorf("rows %+v, %d not reports", rows, res.NotReports)
	}
}
