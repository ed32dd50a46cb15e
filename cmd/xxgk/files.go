package main

import (
	"context"
	"fmt"
	"io"

	"xxgk"
	"xxgk/schema"
)

// stdinName is the FILE argument that reads standard input, and the name
// its report carries.
const stdinName = "-"

// defaultTimeout is the time one file may take, for the flags' help.
const defaultTimeout = xxgk.DefaultTimeout

// parseFiles parses every path in worker processes and hands the reports to
// emit in input order. A path of - is standard input, read here (up to the
// file size limit) and parsed like any file. A file that cannot be read, or
// that crashes or stalls its worker, gets a failed report of its own; the
// others go on.
func parseFiles(ctx context.Context, paths []string, stdin io.Reader, emit func(*schema.Report)) {
	parser, err := xxgk.NewParser(xxgk.Options{})
	if err != nil {
		for _, p := range paths {
			emit(failed(p, fmt.Errorf("cannot parse: %w", err)))
		}
		return
	}
	defer parser.Close()
	var files []string
	for _, p := range paths {
		if p != stdinName {
			files = append(files, p)
		}
	}
	reports := parser.ParseFiles(ctx, files)
	for _, p := range paths {
		if p != stdinName {
			emit(<-reports)
			continue
		}
		data, err := readStdin(stdin)
		if err != nil {
			emit(failed(stdinName, err))
			continue
		}
		emit(parser.Parse(ctx, stdinName, data))
	}
}

// failed is the report of a file not parsed.
func failed(name string, err error) *schema.Report {
	r := &schema.Report{File: name, Version: xxgk.Version}
	r.Fail(err)
	return r
}

// readStdin reads standard input whole, failing with too_large beyond the
// file size limit rather than cutting it short.
func readStdin(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: stdinName, Err: fmt.Errorf("no standard input")}
	}
	data, err := io.ReadAll(io.LimitReader(r, xxgk.DefaultMaxFileSize+1))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: stdinName, Err: err}
	}
	if len(data) > xxgk.DefaultMaxFileSize {
		return nil, &schema.Error{Code: schema.ErrTooLarge, File: stdinName,
			Err: fmt.Errorf("standard input is larger than the limit of %d bytes", xxgk.DefaultMaxFileSize)}
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}
