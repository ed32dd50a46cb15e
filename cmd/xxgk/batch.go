package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"xxgk/cmd/xxgk/internal/batch"
	"xxgk/extract/runner"
	"xxgk/fixtures"
	"xxgk/schema"
)

const batchUsage = `usage: xxgk batch [PATH...] -o DIR [-j N] [--shard i/n] [--timeout D] [--bom]

Reads every report under the folders and archives given (zip, tar, tar.gz,
told by content; the demo set in demo/ when none is), and writes into DIR:
reports.jsonl, reports.csv, cells.csv, findings.csv, summary.json,
agencies.csv, audit.html, reports.parquet, cells.parquet, findings.parquet
and xxgk.xlsx. Files that hold no report (manifests, CSV/TSV, notes, JSON,
code) are counted as skipped, without rows; a path that cannot be read is
one failed row. Running again into the same DIR goes on where an earlier
run stopped; xxgk merge joins the DIRs of --shard runs.
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
	lang := langFlag(fs)
	paths, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	l, ok := lang()
	if !ok {
		return exitFailed
	}
	if *out == "" {
		fmt.Fprintln(stderr, "xxgk batch: "+pick(l == schema.LangEN, "-o DIR is required", "需要用 -o DIR 指定输出文件夹"))
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
		// The demo set: balanced reports, so the README's first command
		// shows the page and exits 0.
		opt.Paths = []string{filepath.Join(fixtures.Root(), "demo")}
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
			fmt.Fprintln(stderr, "xxgk batch: "+pick(l == schema.LangEN, "run again into the same DIR to go on", "再次运行并指定同一个 DIR，即可从中断处继续"))
		}
		return exitFailed
	}
	printSummary(stdout, *out, res, l)
	return res.Summary.ExitCode
}

// printSummary says in one line what the batch found: files by status,
// what this run parsed, and the findings.
func printSummary(w io.Writer, dir string, res *batch.Result, l schema.Lang) {
	s := res.Summary
	var order []schema.Status
	for st := range s.Statuses {
		order = append(order, st)
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	statuses := make([]string, len(order))
	for i, st := range order {
		statuses[i] = fmt.Sprintf("%s %d", st.Name(l), s.Statuses[st])
	}
	errs, warns := 0, 0
	for _, c := range s.Rules {
		errs += c.Errors
		warns += c.Warnings
	}
	if l == schema.LangEN {
		fmt.Fprintf(w, "%s: %d files (%s); %d parsed, %d duplicates, %d done before; %d errors, %d warnings; open %s\n",
			dir, s.Files, strings.Join(statuses, ", "), res.Parsed, res.Duplicates, res.Skipped, errs, warns, filepath.Join(dir, "audit.html"))
		return
	}
	fmt.Fprintf(w, "%s：共 %d 个文件（%s）；本次读取 %d 个，重复 %d 个，此前已完成 %d 个；错误 %d 条，警告 %d 条；打开 %s 查看\n",
		dir, s.Files, strings.Join(statuses, "、"), res.Parsed, res.Duplicates, res.Skipped, errs, warns, filepath.Join(dir, "audit.html"))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
