package runner_test

import (
	"context"
	"os"
	"testing"

	"xxgk/extract"
	"xxgk/extract/runner"
)

// BenchmarkDo measures a file parsed through a warm worker: the cost of
// isolation is the difference from BenchmarkInProcess.
func BenchmarkDo(b *testing.B) {
	data := corpusData(b)
	p, err := runner.New(runner.Options{Workers: 1, Command: []string{os.Args[0]}})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	job := runner.Job{Name: "report.txt", Data: data}
	p.Do(context.Background(), job) // start the worker
	b.ReportAllocs()
	for b.Loop() {
		if r := p.Do(context.Background(), job); r.Status == "" {
			b.Fatal("no report")
		}
	}
}

// BenchmarkInProcess is extract.Parse on the same file without a worker.
func BenchmarkInProcess(b *testing.B) {
	data := corpusData(b)
	b.ReportAllocs()
	for b.Loop() {
		extract.Parse(context.Background(), "report.txt", data)
	}
}

// BenchmarkStart measures starting a worker and parsing one tiny file: the
// cost a pool pays once per worker.
func BenchmarkStart(b *testing.B) {
	job := runner.Job{Name: "tiny.txt", Data: []byte("x")}
	b.ReportAllocs()
	for b.Loop() {
		p, err := runner.New(runner.Options{Workers: 1, Command: []string{os.Args[0]}})
		if err != nil {
			b.Fatal(err)
		}
		p.Do(context.Background(), job)
		p.Close()
	}
}

func corpusData(b *testing.B) []byte {
	path := corpusText(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}
