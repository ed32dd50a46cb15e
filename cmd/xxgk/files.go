package main

import (
	"context"
	"fmt"
	"os"

	"xxgk/extract"
	"xxgk/schema"
)

// parseFiles parses every path and hands the reports to emit in input
// order. A file that cannot be read gets a failed report of its own; the
// others go on.
func parseFiles(ctx context.Context, paths []string, emit func(*schema.Report)) {
	for _, p := range paths {
		if ctx.Err() != nil {
			r := &schema.Report{File: p}
			r.Fail(&schema.Error{Code: schema.ErrTimeout, File: p, Err: fmt.Errorf("interrupted: %w", ctx.Err())})
			emit(r)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			r := &schema.Report{File: p, Version: extract.Version}
			r.Fail(&schema.Error{Code: schema.ErrUnreadable, File: p, Err: err})
			emit(r)
			continue
		}
		emit(extract.Parse(ctx, p, data))
	}
}
