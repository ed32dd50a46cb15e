package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"xxgk/cmd/xxgk/internal/batch"
	"xxgk/extract/runner"
	"xxgk/fixtures"
)

const batchUsage = `usage: xxgk batch [PATH...] -o DIR [-j N] [--shard i/n] [--timeout D] [--bom]

Reads every report under the folders and zip archives given (the bundled
fixtures when none is), and writes into DIR: reports.jsonl, reports.csv,
cells.csv, findings.csv, summary.json, agencies.csv, audit.html,
reports.parquet, cells.parquet, findings.parquet and xxgk.xlsx. Running
again into the same DIR goes on where an earlier run stopped; xxgk merge
joins the DIRs of --shard runs.
`

// runBatch is the batch subcommand. It returns the exit code: 0 no error
// finding and no failed file, 1 some error finding, 2 some file failed or
// the batch could not run.
func runBatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(stderr, batchUsage); fs.PrintDefaults() }
	out := fs.String("o", "", "output `DIR` (required)")
	jobs := fs.Int("j", 0, "files parsed at once (default one per core)")
	shard := fs.String("shard", "", "process only part `i/n` of the inputs (1 ≤ i ≤ n)")
	bom := fs.Bool("bom", false, "start the CSV files with a byte-order mark (for Excel)")
	timeout := fs.Duration("timeout", runner.DefaultTimeout, "time one file may take before it fails with timeout")
	paths, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	if *out == "" {
		fmt.Fprintln(stderr, "xxgk batch: -o DIR is required")
		fs.Usage()
		return exitFailed
	}
	pool, err := runner.New(runner.Options{Workers: *jobs, Timeout: *timeout})
	if err != nil {
		fmt.Fprintln(stderr, "xxgk batch:", err)
		return exitFailed
	}
	defer pool.Close()
	opt := batch.Options{Paths: paths, Out: *out, Jobs: *jobs, Parser: batch.Isolated{Pool: pool}, BOM: *bom,
		Progress: stderr, Terminal: isTerminal(stderr)}
	if len(opt.Paths) == 0 {
		opt.Paths = []string{fixtures.Dir()}
	}
	if *shard != "" {
		if opt.Shard, err = batch.ParseShard(*shard); err != nil {
			fmt.Fprintln(stderr, "xxgk batch:", err)
			return exitFailed
		}
	}
	// XXGK_BATCH_PAUSE slows a run down so that tests can kill it midway.
	if d, err := time.ParseDuration(os.Getenv("XXGK_BATCH_PAUSE")); err == nil {
		opt.Pause = d
	}
	res, err := batch.Run(ctx, opt)
	if err != nil {
		fmt.Fprintln(stderr, "xxgk batch:", err)
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "xxgk batch: run again into the same DIR to go on")
		}
		return exitFailed
	}
	printSummary(stdout, *out, res)
	return res.Summary.ExitCode
}

func printSummary(w io.Writer, dir string, res *batch.Result) {
	s := res.Summary
	var statuses []string
	for st, n := range s.Statuses {
		statuses = append(statuses, fmt.Sprintf("%s %d", st, n))
	}
	sort.Strings(statuses)
	errs, warns := 0, 0
	for _, c := range s.Rules {
		errs += c.Errors
		warns += c.Warnings
	}
	fmt.Fprintf(w, "%s: %d files (%s); %d parsed, %d duplicates, %d done before; %d errors, %d warnings\n",
		dir, s.Files, strings.Join(statuses, ", "), res.Parsed, res.Duplicates, res.Skipped, errs, warns)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
