package main

import (
	"os"
	"testing"

	"xxgk/extract"
	"xxgk/extract/runner"
)

// The test binary is its own worker: parse, check and batch start their
// workers by re-executing this executable, which the pool marks with
// runner.EnvWorker.
func TestMain(m *testing.M) {
	if runner.IsWorker() {
		os.Exit(runner.WorkerMain(extract.Parse))
	}
	code := m.Run()
	removeBinary()
	os.Exit(code)
}
