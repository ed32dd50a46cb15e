package main

import (
	"os"
	"testing"
)

// The test binary is its own worker: parse, check and batch start their
// workers by re-executing this executable, and the xxgk package it imports
// serves them before tests run. TestMain cleans up the built binary.
func TestMain(m *testing.M) {
	code := m.Run()
	removeBinary()
	os.Exit(code)
}
