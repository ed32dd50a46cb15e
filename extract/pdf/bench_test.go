package pdf_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"xxgk/extract"
	"xxgk/extract/pdf"
	"xxgk/extract/pdf/repair"
	"xxgk/fixtures"
	"xxgk/fixtures/damaged"
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

// damagedCorpus is the corpus PDF damaged by class name.
func damagedCorpus(b *testing.B, name string) []byte {
	_, data := corpusPDF(b)
	for _, c := range damaged.Classes {
		if c.Name == name {
			out, err := c.Damage(data)
			if err != nil {
				b.Fatal(err)
			}
			return out
		}
	}
	b.Fatalf("no damage class %s", name)
	return nil
}

// BenchmarkRepair is the repair layer alone on the corpus PDF: the check
// every sound PDF pays, cutting off trailing zeros, and rebuilding the
// object table of a copy whose offsets are all shifted.
func BenchmarkRepair(b *testing.B) {
	_, sound := corpusPDF(b)
	for name, data := range map[string][]byte{
		"sound":        sound,
		"zero-padding": damagedCorpus(b, "zero-padding"),
		"rebuilt":      damagedCorpus(b, "offsets-plus3"),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := repair.Repair(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExtractRepairedCorpusPDF is BenchmarkExtractCorpusPDF on the
// copy whose offsets are all shifted: the whole cost of the repair path.
func BenchmarkExtractRepairedCorpusPDF(b *testing.B) {
	data := damagedCorpus(b, "offsets-plus3")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pdf.Extract(context.Background(), data); err != nil {
			b.Fatal(err)
		}
	}
}
