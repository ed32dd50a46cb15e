// Package runner parses files in worker processes, so that a hostile file
// cannot take the caller down with it.
//
// Go cannot recover from a stack overflow, an exhausted heap or an endless
// loop inside a library, and the PDF reader has all three on crafted files.
// So every file is parsed by a worker: the same binary, re-executed as
// `xxgk worker`, that reads requests on its stdin and writes reports on its
// stdout, one JSON line each. A worker has a memory limit and, per file, a
// time limit. One that dies or overruns is killed and replaced, and its file
// gets a failed report with code timeout, too_large or unreadable and a
// message naming the file; the next file is parsed normally. Workers are
// reused across files, so a run pays the start-up cost once per worker.
//
// Use:
//
//	pool, err := runner.New(runner.Options{})
//	if err != nil { … }
//	defer pool.Close()
//	for r := range pool.Parse(ctx, paths) { … } // in input order
//
// Parse takes paths, ParseJobs files on disk or in memory, Stream jobs from
// a channel (archive entries as they are unpacked), and Do one job; all are
// safe to call at once from several goroutines, sharing the workers.
//
// The binary must serve the worker side: `xxgk worker` calls
// WorkerMain(extract.Parse). A test binary does the same from TestMain when
// IsWorker reports true, with Options.Command set to os.Args[0].
package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"xxgk/schema"
)

// Defaults of Options.
const (
	DefaultTimeout     = 60 * time.Second
	DefaultMemoryLimit = 1 << 30   // 1 GiB of heap per worker
	DefaultMaxFileSize = 100 << 20 // 100 MiB
)

// Options configure a Pool. The zero value is usable: it runs one worker per
// CPU of this binary's own `worker` subcommand, with the default limits.
type Options struct {
	// Workers is the number of worker processes; 0 means one per CPU.
	Workers int
	// Timeout bounds the time one file may take; 0 means DefaultTimeout.
	Timeout time.Duration
	// MemoryLimit bounds the memory a worker may use, in bytes; 0 means
	// DefaultMemoryLimit. A file that needs more gets too_large.
	MemoryLimit int64
	// MaxFileSize is the largest file that is parsed at all, in bytes; 0
	// means DefaultMaxFileSize. Larger files get too_large unread.
	MaxFileSize int64
	// Command is the worker's argv. Nil means this executable with the
	// argument "worker". Tests set it to []string{os.Args[0]}.
	Command []string
}

// Job is one file to parse: a file on disk, or bytes already in memory (an
// entry of a zip archive).
type Job struct {
	// Name is the report's File: the name that every message carries.
	// Empty means Path.
	Name string
	// Path is the file to read when Data is nil.
	Path string
	// Data is the file's content, when it is not on disk.
	Data []byte
}

func (j Job) name() string {
	if j.Name != "" {
		return j.Name
	}
	return j.Path
}

// Pool is a set of worker processes. Its methods are safe for concurrent
// use; at most Options.Workers files are parsed at a time, and further calls
// wait for a free worker.
type Pool struct {
	opts Options
	// slots holds one entry per worker: a running worker, or nil for one
	// not started yet or killed, started again when next needed.
	slots  chan *worker
	closed atomic.Bool
}

// New makes a pool. Workers start when first needed. A worker cannot make
// one: a binary that forgot to serve the worker side (a test binary
// without the TestMain of the package doc) would otherwise start workers
// that start workers, without end.
func New(opts Options) (*Pool, error) {
	if IsWorker() {
		return nil, errors.New("runner: a worker cannot start workers: serve the worker side first (see IsWorker)")
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MemoryLimit <= 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Command == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("runner: cannot find this executable to start workers: %w", err)
		}
		opts.Command = []string{exe, "worker"}
	}
	if len(opts.Command) == 0 {
		return nil, errors.New("runner: empty worker command")
	}
	p := &Pool{opts: opts, slots: make(chan *worker, opts.Workers)}
	for range opts.Workers {
		p.slots <- nil
	}
	return p, nil
}

// Parse parses the files at paths and sends one report per path, in the
// order of paths, on the returned channel, which is closed after the last.
// The caller must read the channel to its end. If ctx ends first, the files
// not yet parsed get failed reports (timeout when its deadline passed,
// internal when it was canceled).
func (p *Pool) Parse(ctx context.Context, paths []string) <-chan *schema.Report {
	jobs := make([]Job, len(paths))
	for i, path := range paths {
		jobs[i] = Job{Path: path}
	}
	return p.ParseJobs(ctx, jobs)
}

// ParseJobs is Parse for jobs: one report per job, in the order of jobs.
func (p *Pool) ParseJobs(ctx context.Context, jobs []Job) <-chan *schema.Report {
	in := make(chan Job)
	go func() {
		defer close(in)
		for _, j := range jobs {
			in <- j
		}
	}()
	return p.Stream(ctx, in)
}

// Stream is ParseJobs for jobs that come one by one, such as the entries of
// an archive being unpacked: one report per job, in the order received,
// until jobs is closed. Jobs also start in that order. A job is read only
// when a worker is free for it, so a producer never gets far ahead of the
// workers.
func (p *Pool) Stream(ctx context.Context, jobs <-chan Job) <-chan *schema.Report {
	return Ordered(jobs, p.opts.Workers, p.opts.Workers, func(j Job) *schema.Report { return p.Do(ctx, j) })
}

// Do parses one file in a worker and returns its report. It never returns
// nil: a file that cannot be parsed, or whose worker died or overran, comes
// back failed with its error code and a message naming the file.
func (p *Pool) Do(ctx context.Context, j Job) *schema.Report {
	return <-p.begin(ctx, j)
}

// begin waits for a free worker, starts parsing j on it and returns where
// the report will come. Jobs begun one after another start in that order.
func (p *Pool) begin(ctx context.Context, j Job) <-chan *schema.Report {
	c := make(chan *schema.Report, 1)
	if r := Precheck(j, p.opts.MaxFileSize); r != nil {
		c <- r
		return c
	}
	if ctx.Err() != nil {
		c <- Failed(j, ContextError(ctx))
		return c
	}
	var w *worker
	select {
	case w = <-p.slots:
	case <-ctx.Done():
		c <- Failed(j, ContextError(ctx))
		return c
	}
	if p.closed.Load() {
		p.slots <- w // for Close to stop
		c <- Failed(j, errors.New("not parsed: the pool is closed"))
		return c
	}
	go func() {
		r, w := p.run(ctx, w, j)
		p.slots <- w
		c <- r
	}()
	return c
}

// Close stops the workers, waiting for those still busy with a file. Files
// given to the pool after Close get failed reports.
func (p *Pool) Close() error {
	if p.closed.Swap(true) {
		return nil
	}
	var errs []error
	for range p.opts.Workers {
		if w := <-p.slots; w != nil {
			errs = append(errs, w.stop())
		}
	}
	// Empty slots, so that a call that raced with Close finds one, sees
	// the pool closed, and returns.
	for range p.opts.Workers {
		p.slots <- nil
	}
	return errors.Join(errs...)
}

// Precheck fails, without parsing it, a file that cannot be opened, is a
// folder or is larger than maxSize bytes; it returns nil for a file to
// parse. A pool runs it before giving a file to a worker.
func Precheck(j Job, maxSize int64) *schema.Report {
	if j.Data != nil {
		if int64(len(j.Data)) > maxSize {
			return Failed(j, tooLarge(int64(len(j.Data)), maxSize))
		}
		return nil
	}
	fi, err := os.Stat(j.Path)
	switch {
	case err != nil:
		return Failed(j, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("cannot open the file: %w", err)})
	case fi.IsDir():
		return Failed(j, schema.Errorf(schema.ErrUnreadable, "a folder, not a file"))
	case fi.Mode().IsRegular() && fi.Size() > maxSize:
		return Failed(j, tooLarge(fi.Size(), maxSize))
	}
	return nil
}

func tooLarge(size, limit int64) error {
	return schema.Errorf(schema.ErrTooLarge, "the file has %s, more than the limit of %s", mib(size), mib(limit))
}

// ContextError is the error of a file not parsed because ctx ended: timeout
// when its deadline passed, internal when it was canceled.
func ContextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &schema.Error{Code: schema.ErrTimeout, Err: fmt.Errorf("not parsed: %w", ctx.Err())}
	}
	return &schema.Error{Code: schema.ErrInternal, Err: fmt.Errorf("not parsed: %w", ctx.Err())}
}

func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
