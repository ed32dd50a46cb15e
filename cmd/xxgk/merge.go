package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"xxgk/cmd/xxgk/internal/batch"
)

const mergeUsage = `usage: xxgk merge DIR... -o DIR

Merges the output folders of batch runs (the shards of --shard i/n, each
run to the end) into one folder holding what a single batch over all their
inputs writes: a content found in several shards is one file and its
duplicates, and the cross-year checks run over every report.
`

// runMerge is the merge subcommand; its exit code is that of a batch over
// the merged folder.
func runMerge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(stderr, mergeUsage); fs.PrintDefaults() }
	out := fs.String("o", "", "output `DIR` (required; new or empty)")
	lang := langFlag(fs)
	dirs, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	l, ok := lang()
	if !ok {
		return exitFailed
	}
	if *out == "" || len(dirs) == 0 {
		fmt.Fprintln(stderr, "xxgk merge: give the batch folders and -o DIR")
		fs.Usage()
		return exitFailed
	}
	res, err := batch.Merge(ctx, dirs, *out)
	if err != nil {
		fmt.Fprintln(stderr, "xxgk merge:", err)
		return exitFailed
	}
	printSummary(stdout, *out, res, l)
	return res.Summary.ExitCode
}
