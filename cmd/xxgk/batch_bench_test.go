package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xxgk/fixtures"
)

// The throughput of xxgk batch with two workers over 500 distinct reports
// made from the generated fixtures, in reports per second, and the CPU time
// it takes per report. Run with -benchtime=1x: one run is 500 files.
func BenchmarkBatchDOCX(b *testing.B) { benchmarkBatch(b, "docx", docxVariant) }

func BenchmarkBatchPDF(b *testing.B) { benchmarkBatch(b, "pdf", pdfVariant) }

const benchReports = 500

func benchmarkBatch(b *testing.B, format string, variant func(seed []byte, i int) ([]byte, error)) {
	seeds, _ := filepath.Glob(filepath.Join(fixtures.Dir(), format, "*."+format))
	if len(seeds) == 0 {
		b.Skipf("no generated fixtures in fixtures/%s", format)
	}
	in := b.TempDir()
	for i := 0; i < benchReports; i++ {
		seed, err := os.ReadFile(seeds[i%len(seeds)])
		if err != nil {
			b.Fatal(err)
		}
		data, err := variant(seed, i)
		if err != nil {
			b.Fatal(err)
		}
		name := fmt.Sprintf("%03d_%s", i, filepath.Base(seeds[i%len(seeds)]))
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	bin := xxgkBinary(b)
	var cpu time.Duration // of the batch and its reaped workers: less hostage to the machine's load than wall time
	b.ResetTimer()
	for n := 0; b.Loop(); n++ {
		out := filepath.Join(b.TempDir(), fmt.Sprint(n))
		cmd := exec.Command(bin, "batch", in, "-o", out, "-j", "2")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); cmd.ProcessState == nil { // exit codes 1 and 2 tell of findings and failed files
			b.Fatalf("batch: %v\n%s", err, stderr.String())
		}
		b.StopTimer()
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		rows, err := os.ReadFile(filepath.Join(out, "reports.jsonl"))
		if err != nil || bytes.Count(rows, []byte("\n")) != benchReports {
			b.Fatalf("%d rows for %d reports: %v", bytes.Count(rows, []byte("\n")), benchReports, err)
		}
		if n == 0 {
			b.Logf("%s%s", stdout.String(), summaryLine(stderr.String()))
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(benchReports*b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(benchReports*b.N), "cpu-ms/report")
}

func summaryLine(log string) string {
	lines := strings.Split(strings.TrimSpace(log), "\n")
	return lines[len(lines)-1]
}

// docxVariant makes a DOCX distinct from its seed by one extra package part,
// so that the batch parses it rather than marking it a duplicate; its
// content, and so the work of parsing it, is the seed's.
func docxVariant(seed []byte, i int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(seed), int64(len(seed)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	w, err := zw.Create(fmt.Sprintf("customXml/variant%d.xml", i))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "<variant n=\"%d\"/>", i)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// pdfVariant makes a PDF distinct from its seed by rewriting the comment on
// its second line (the binary marker) in place with the variant's number:
// readers ignore it, and no byte offset of the file moves.
func pdfVariant(seed []byte, i int) ([]byte, error) {
	data := append([]byte(nil), seed...)
	start := bytes.IndexByte(data, '\n') + 1
	end := start + bytes.IndexByte(data[start:], '\n')
	if start == 0 || end < start+5 || data[start] != '%' {
		return nil, fmt.Errorf("no comment on the second line to mark variant %d", i)
	}
	copy(data[start+1:end], fmt.Sprintf("%0*d", end-start-1, i))
	return data, nil
}
