// Package xxgk reads China's government information disclosure annual
// reports (政府信息公开工作年度报告): it pulls every number out of their three
// statistical tables onto stable keys (requests.new_received.total,
// review.upheld, …) and checks the tables against the balance rules
// (勾稽关系).
//
// Parse reads one file's bytes in this process; Check returns the findings
// of the rules. Files from unknown sources are better read by a Parser,
// which parses each file in a worker process with time and memory limits,
// so that no input can take the calling program down:
//
//	p, err := xxgk.NewParser(xxgk.Options{})
//	if err != nil { … }
//	defer p.Close()
//	r := p.ParseFile(ctx, "report.pdf")
//	for _, f := range xxgk.Check(r) { … }
//
// # Worker processes
//
// A Parser's workers are this same executable, started again with the
// environment variable XXGK_WORKER set. Importing this package is all a
// program needs for that: when XXGK_WORKER is set, the package's init serves
// the worker side and exits before the program's main runs. A program that
// must not be re-executed (it has side effects at start-up, or runs where
// it cannot fork) can name another executable that imports xxgk, such as
// the xxgk command, in Options.WorkerCommand, or choose Options.InProcess
// and give up the isolation (see there).
//
// The output contract (statuses, error codes, fields) is docs/output-format.md
// in this module; the keys and rules are docs/report-format.md.
package xxgk

import (
	"context"
	"errors"
	"os"
	"runtime"
	"time"

	"xxgk/extract"
	"xxgk/extract/runner"
	"xxgk/schema"
)

// The report and its parts, as every output writes them.
type (
	Report   = schema.Report
	Cell     = schema.Cell
	Section  = schema.Section
	Location = schema.Location
	Finding  = schema.Finding
	Note     = schema.Note
	// Error is a failure to read a file or part of it, with the file and,
	// where known, the page, table, row and column.
	Error     = schema.Error
	ErrorCode = schema.ErrorCode
	Status    = schema.Status
	RuleID    = schema.RuleID
)

// Version is the xxgk version written into every report.
const Version = extract.Version

func init() {
	// A worker started by a Parser: serve it and never run the program's
	// own main (see the package doc).
	if runner.IsWorker() {
		os.Exit(runner.WorkerMain(extract.Parse))
	}
}

// Parse reads one file's bytes in this process and returns its report. It
// never returns nil: a file that cannot be read comes back with status
// failed, its error code and a message naming the file. name is what the
// report and its messages call the file. Parse recovers from panics in the
// extractors but cannot bound their memory or stop an endless loop: for
// files from unknown sources use a Parser.
func Parse(ctx context.Context, name string, data []byte) *Report {
	return extract.Parse(ctx, name, data)
}

// Check returns the findings of every rule on one report: the balance
// rules, valid values and the numbers stated in the text against the
// tables. Cross-year rules need several reports: see Batch.
func Check(r *Report) []Finding {
	return extract.Check(r)
}

// Options configure a Parser. The zero value runs one worker process per
// CPU with the default limits.
type Options struct {
	// Workers is how many files are parsed at once; 0 means one per CPU.
	Workers int
	// Timeout bounds the time one file may take; 0 means 60 s.
	Timeout time.Duration
	// MemoryLimit bounds a worker's memory in bytes; 0 means 1 GiB. A file
	// that needs more fails with code too_large.
	MemoryLimit int64
	// MaxFileSize is the largest file that is read at all; 0 means 100 MiB.
	MaxFileSize int64
	// WorkerCommand is the argv of a worker process: an executable that
	// imports this package (the xxgk command does). Nil means this
	// executable.
	WorkerCommand []string
	// InProcess parses in goroutines of this process instead of workers.
	// It saves the start of a process and the copy of each file, but a
	// hostile file can then exhaust this process's memory or stack, and a
	// file over Timeout gets a timeout report while its goroutine runs on
	// until it returns. MemoryLimit does not apply.
	InProcess bool
}

// A Parser parses files with the limits of its Options. Its methods are
// safe for concurrent use. Close it to stop its workers.
type Parser struct {
	pool *runner.Pool // nil when in process
	opts Options
	sem  chan struct{} // in process: one token per file parsed at once
}

// NewParser makes a Parser. Worker processes start when first needed.
func NewParser(opts Options) (*Parser, error) {
	if opts.InProcess {
		n := opts.Workers
		if n <= 0 {
			n = runtime.NumCPU()
		}
		if opts.Timeout <= 0 {
			opts.Timeout = runner.DefaultTimeout
		}
		if opts.MaxFileSize <= 0 {
			opts.MaxFileSize = runner.DefaultMaxFileSize
		}
		return &Parser{opts: opts, sem: make(chan struct{}, n)}, nil
	}
	cmd := opts.WorkerCommand
	if cmd == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, errors.Join(errors.New("xxgk: cannot find this executable to start workers; set Options.WorkerCommand"), err)
		}
		cmd = []string{exe}
	}
	pool, err := runner.New(runner.Options{
		Workers: opts.Workers, Timeout: opts.Timeout, MemoryLimit: opts.MemoryLimit,
		MaxFileSize: opts.MaxFileSize, Command: cmd,
	})
	if err != nil {
		return nil, err
	}
	return &Parser{pool: pool, opts: opts}, nil
}

// ParseFile reads and parses the file at path. It never returns nil.
func (p *Parser) ParseFile(ctx context.Context, path string) *Report {
	return p.do(ctx, runner.Job{Path: path})
}

// ParseBytes parses data, naming it name in the report. It never returns nil.
func (p *Parser) ParseBytes(ctx context.Context, name string, data []byte) *Report {
	return p.do(ctx, runner.Job{Name: name, Data: data})
}

// ParseFiles parses the files at paths, up to Options.Workers at once, and
// sends one report per path in the order of paths; the channel is closed
// after the last. The caller must read it to its end.
func (p *Parser) ParseFiles(ctx context.Context, paths []string) <-chan *Report {
	if p.pool != nil {
		return p.pool.Parse(ctx, paths)
	}
	out := make(chan *Report)
	pending := make(chan chan *Report, cap(p.sem))
	go func() {
		defer close(pending)
		for _, path := range paths {
			c := make(chan *Report, 1)
			pending <- c
			p.sem <- struct{}{}
			go func() {
				defer func() { <-p.sem }()
				c <- p.inProcess(ctx, runner.Job{Path: path})
			}()
		}
	}()
	go func() {
		defer close(out)
		for c := range pending {
			out <- <-c
		}
	}()
	return out
}

// Close stops the worker processes, waiting for files being parsed.
func (p *Parser) Close() error {
	if p.pool == nil {
		return nil
	}
	return p.pool.Close()
}

func (p *Parser) do(ctx context.Context, j runner.Job) *Report {
	if p.pool != nil {
		return p.pool.Do(ctx, j)
	}
	p.sem <- struct{}{}
	defer func() { <-p.sem }()
	return p.inProcess(ctx, j)
}

// inProcess parses j in a goroutine and waits for it at most Timeout.
func (p *Parser) inProcess(ctx context.Context, j runner.Job) *Report {
	if r := runner.Precheck(j, p.opts.MaxFileSize); r != nil {
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	c := make(chan *Report, 1)
	go func() { c <- runner.Handle(ctx, j, extract.Parse, p.opts.MaxFileSize) }()
	select {
	case r := <-c:
		return r
	case <-ctx.Done():
		return runner.Failed(j, runner.ContextError(ctx))
	}
}
