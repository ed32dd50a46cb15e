package main

import (
	"context"
	"fmt"
	"io"

	"xxgk/extract/runner"
	"xxgk/schema"
)

// stdinName is the FILE argument that reads standard input, and the name
// its report carries.
const stdinName = "-"

// parseFiles parses every path in worker processes and hands the reports to
// emit in input order. A path of - is standard input, read here (up to the
// runner's size limit) and parsed like any file. A file that cannot be
// read, or that crashes or stalls its worker, gets a failed report of its
// own; the others go on.
func parseFiles(ctx context.Context, paths []string, stdin io.Reader, emit func(*schema.Report)) {
	jobs := make([]runner.Job, len(paths))
	var stdinErr error
	for i, p := range paths {
		jobs[i] = runner.Job{Path: p}
		if p != stdinName {
			continue
		}
		data, err := readStdin(stdin)
		if err != nil {
			stdinErr = err
			continue
		}
		jobs[i] = runner.Job{Name: stdinName, Data: data}
	}
	pool, err := runner.New(runner.Options{})
	if err != nil {
		for _, j := range jobs {
			emit(runner.Failed(j, fmt.Errorf("cannot parse: %w", err)))
		}
		return
	}
	defer pool.Close()
	// Standard input that could not be read gets its failed report in its
	// place; the other files are parsed, in order, around it.
	var parse []runner.Job
	for _, j := range jobs {
		if !unreadStdin(j) {
			parse = append(parse, j)
		}
	}
	reports := pool.ParseJobs(ctx, parse)
	for _, j := range jobs {
		if unreadStdin(j) {
			emit(runner.Failed(runner.Job{Name: stdinName}, stdinErr))
			continue
		}
		emit(<-reports)
	}
}

func unreadStdin(j runner.Job) bool { return j.Path == stdinName && j.Data == nil }

// readStdin reads standard input whole, failing with too_large beyond the
// runner's file size limit rather than cutting it short.
func readStdin(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: stdinName, Err: fmt.Errorf("no standard input")}
	}
	data, err := io.ReadAll(io.LimitReader(r, runner.DefaultMaxFileSize+1))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: stdinName, Err: err}
	}
	if len(data) > runner.DefaultMaxFileSize {
		return nil, &schema.Error{Code: schema.ErrTooLarge, File: stdinName,
			Err: fmt.Errorf("standard input is larger than the limit of %d bytes", runner.DefaultMaxFileSize)}
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}
