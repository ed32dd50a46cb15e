package xxgk

import (
	"context"
	"io"
	"runtime"
	"time"

	"xxgk/internal/batch"
)

// BatchOptions say what Batch reads and where it writes.
type BatchOptions struct {
	// Paths are folders, archives (zip, tar, tar.gz) and files; every file
	// under them is read, reports picked by their content.
	Paths []string
	// Out is the output folder. A folder an earlier, interrupted run wrote
	// into is taken up where that run stopped.
	Out string
	// Shard, when set, takes a stable part of the inputs; Merge joins the
	// folders of all parts.
	Shard Shard
	// Parser parses the files; nil means NewParser(Options{}), closed when
	// Batch returns. Files are parsed as many at once as its Workers.
	Parser *Parser
	// BOM starts the CSV files with a byte-order mark, for Excel.
	BOM bool
	// Progress receives a progress bar (Terminal) or one line per file;
	// nil for silence.
	Progress io.Writer
	Terminal bool
	// Pause waits after each file is written: it lets tests interrupt a
	// run midway. Zero in use.
	Pause time.Duration
}

// Shard is part Index of Count (1 ≤ Index ≤ Count) of a batch's inputs,
// split by path so that every machine given the same inputs splits them
// alike.
type Shard = batch.Shard

// ParseShard reads a shard written "i/n".
func ParseShard(s string) (Shard, error) { return batch.ParseShard(s) }

// BatchResult tells what a batch or a merge did and what its output folder
// holds; its Summary is summary.json.
type BatchResult = batch.Result

// Summary counts an output folder's files by status, format and year, its
// findings by rule, and says which agencies published which years.
type Summary = batch.Summary

// Batch audits every report under opt.Paths into the folder opt.Out:
// reports.jsonl, reports.csv, cells.csv, findings.csv, the Parquet files,
// the workbook xxgk.xlsx, summary.json and audit.html (docs/datasets.md).
// Each distinct content is parsed once; the cross-year rules run over
// every report of the folder. A file that cannot be read is one failed row;
// the others go on. When ctx is cancelled Batch stops at once: what it
// wrote stays, and a Batch into the same folder goes on from there.
func Batch(ctx context.Context, opt BatchOptions) (*BatchResult, error) {
	p := opt.Parser
	if p == nil {
		var err error
		if p, err = NewParser(Options{}); err != nil {
			return nil, err
		}
		defer p.Close()
	}
	jobs := p.opts.Workers
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	return batch.Run(ctx, batch.Options{
		Paths: opt.Paths, Out: opt.Out, Jobs: jobs, Shard: opt.Shard, MaxSize: p.maxFileSize(),
		Parser: p, BOM: opt.BOM, Progress: opt.Progress, Terminal: opt.Terminal, Pause: opt.Pause,
	})
}

// Merge writes into out what one Batch over the inputs of all the shard
// folders dirs would have written, byte for byte: a content found in two
// shards is a duplicate of its first file, and the cross-year rules run
// over everything. Every shard must be a finished batch, and out must not
// hold one.
func Merge(ctx context.Context, dirs []string, out string) (*BatchResult, error) {
	return batch.Merge(ctx, dirs, out)
}
