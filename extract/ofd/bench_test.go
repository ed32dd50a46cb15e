package ofd_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xxgk/extract"
	"xxgk/extract/ofd"
	"xxgk/schema"
)

// BenchmarkExtract measures the OFD layer alone on each fixture: the
// package, the pages' objects, and layout.
func BenchmarkExtract(b *testing.B) {
	for _, path := range ofdFixtures(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ofd.Extract(context.Background(), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParse is parse and check of each fixture, as `xxgk check` does
// it: extraction, matching and the balance rules.
func BenchmarkParse(b *testing.B) {
	for _, path := range ofdFixtures(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := extract.Parse(context.Background(), "report.ofd", data)
				if r.Status != schema.StatusOK {
					b.Fatal(r.ErrorMessage)
				}
				extract.Check(r)
			}
		})
	}
}
