package docx

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// dump prints a document one block per line, cells as col+span"text" with
// M for a merged continuation, so golden files show every place and merge.
func dump(doc *document.Document) string {
	var b strings.Builder
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P%d %s\n", blk.Loc.Line, blk.Text)
			continue
		}
		b.WriteString("TABLE\n")
		for _, row := range blk.Table.Rows {
			for i, c := range row.Cells {
				if i == 0 {
					fmt.Fprintf(&b, "  t%d r%d:", c.Loc.Table, c.Loc.Row)
				}
				if c.Loc.Col != c.Col+1 {
					fmt.Fprintf(&b, " !loc%d", c.Loc.Col)
				}
				m := ""
				if c.Merged {
					m = "M"
				}
				fmt.Fprintf(&b, " %d+%d%s%q", c.Col, c.Span, m, c.Text)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// TestGoldenDocuments checks the whole document read from the official
// template and from one fixture of each generated layout.
func TestGoldenDocuments(t *testing.T) {
	fixtures.NeedCorpus(t)
	files := map[string]string{
		"official_template_2021_blank": filepath.Join(fixtures.CorpusDir(), "official_template_2021_blank.docx"),
	}
	for _, id := range []string{"official_01", "official_one_other_01", "compact_01", "tall_01", "y2019_01"} {
		files[id] = filepath.Join(fixtures.Dir(), "docx", id+".docx")
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			fixtures.Golden(t, filepath.Join("testdata", name+".golden"), []byte(dump(doc)), *update)
		})
	}
}
