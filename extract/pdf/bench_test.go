package pdf_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"xxgk/extract"
	"xxgk/extract/pdf"
	"xxgk/fixtures"
	"xxgk/schema"
)

func corpusPDF(b *testing.B) (string, []byte) {
	fixtures.NeedCorpus(b)
	path := filepath.Join(fixtures.CorpusDir(), "jiangsu_huaian_hongzequ_2024.pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, data
}

// BenchmarkExtractCorpusPDF measures the PDF layer alone on the WPS corpus
// report: objects, content streams, fonts, layout.
func BenchmarkExtractCorpusPDF(b *testing.B) {
	_, data := corpusPDF(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pdf.Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPdftotextLayout runs poppler's pdftotext -layout on the same
// file, the reference to beat. It includes starting the process, as any
// caller of pdftotext pays it.
func BenchmarkPdftotextLayout(b *testing.B) {
	path, _ := corpusPDF(b)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext (poppler-utils) is not installed")
	}
	for b.Loop() {
		if err := exec.Command("pdftotext", "-layout", path, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseCorpusPDF is parse and check of the corpus PDF, as
// `xxgk check` does it: extraction, matching and the balance rules.
func BenchmarkParseCorpusPDF(b *testing.B) {
	_, data := corpusPDF(b)
	b.ReportAllocs()
	for b.Loop() {
		r := extract.Parse(context.Background(), "report.pdf", data)
		if r.Status != schema.StatusOK {
			b.Fatal(r.ErrorMessage)
		}
		extract.Check(r)
	}
}
