package main

import (
	"context"
	"fmt"

	"xxgk/extract/runner"
	"xxgk/schema"
)

// parseFiles parses every path in worker processes and hands the reports to
// emit in input order. A file that cannot be read, or that crashes or stalls
// its worker, gets a failed report of its own; the others go on.
func parseFiles(ctx context.Context, paths []string, emit func(*schema.Report)) {
	pool, err := runner.New(runner.Options{})
	if err != nil {
		for _, p := range paths {
			emit(runner.Failed(runner.Job{Path: p}, fmt.Errorf("cannot parse: %w", err)))
		}
		return
	}
	defer pool.Close()
	for r := range pool.Parse(ctx, paths) {
		emit(r)
	}
}
