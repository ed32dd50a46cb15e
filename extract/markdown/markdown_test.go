package markdown_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/extract/document"
	"xxgk/extract/markdown"
	"xxgk/fixtures"
	"xxgk/fixtures/invariant"
)

// TestFixtures reads the Markdown reports of fixtures/markdown (made by
// fixtures/mdgen from the truth of generated fixtures) and compares every
// cell with the truth.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtures.Dir(), "markdown", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Markdown fixtures: %v", err)
	}
	cells := 0
	for _, path := range files {
		id := strings.TrimSuffix(filepath.Base(path), ".md")
		t.Run(id, func(t *testing.T) {
			truth, err := fixtures.Load(filepath.Join(fixtures.Dir(), "truth", id+".truth.json"))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := extract.Parse(context.Background(), id+".md", data)
			if r.Format != string(document.Markdown) {
				t.Errorf("format %q, want markdown", r.Format)
			}
			if r.Agency != truth.Agency || r.Year != truth.Year || string(r.Template) != truth.Template {
				t.Errorf("agency, year, template = %q, %d, %s; want %q, %d, %s", r.Agency, r.Year, r.Template, truth.Agency, truth.Year, truth.Template)
			}
			if len(r.Sections) != 6 {
				t.Errorf("%d sections, want 6", len(r.Sections))
			}
			for _, d := range fixtures.Diff(truth, r) {
				t.Error(d)
			}
			got := fixtures.TruthFindings(extract.Check(r))
			want := append([]fixtures.TruthFinding(nil), truth.Findings...)
			fixtures.SortFindings(got)
			fixtures.SortFindings(want)
			if len(got) != len(want) {
				t.Errorf("findings %+v, want %+v", got, want)
			}
			cells += len(truth.Cells)
		})
	}
	t.Logf("%d Markdown fixtures, %d cells compared with the truth", len(files), cells)
}

// TestWrappedRows: a label wrapped onto a second table line, after its
// values or before them, is joined back; a header row over a data row is
// not taken for a wrapped label.
func TestWrappedRows(t *testing.T) {
	md := `| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政许可 | 68 |
| （二）部分公开（区分处理的， | 5 |
| 只计这一情形，不计其他情形） | |
| 5.要求行政机关确认 | |
| 或重新出具已获取信息 | 1 |
| 第二十条第（六）项 | |
| 行政处罚 | 137 |
`
	doc, err := markdown.Extract(context.Background(), []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range doc.Blocks[0].Table.Rows {
		got = append(got, row.RowText())
	}
	want := []string{"信息内容 本年处理决定数量", "行政许可 68", "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 5",
		"5.要求行政机关确认或重新出具已获取信息 1", "第二十条第（六）项", "行政处罚 137"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSniff(t *testing.T) {
	for s, want := range map[string]bool{
		"# 报告\n\n| a | b |\n|---|---|\n| 1 | 2 |\n": true,
		"| a | b |\n| :---: | ---: |\n":             true,
		"规章\t1\t2\t3\n":                             false,
		"a | b\n---\n":                              false,
		"| a |\n|---|\n":                            false,
	} {
		if got := markdown.Sniff([]byte(s)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzExtract: no input makes the extractor panic, and its documents keep
// the matcher contract.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("| a | b |\n|---|---|\n| 1 | 2 |\n| x | |\n"))
	f.Add([]byte("|\\|||\n|---|\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := markdown.Extract(context.Background(), data)
		if err := invariant.Error(err); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Document(doc); err != nil {
			t.Fatal(err)
		}
	})
}
