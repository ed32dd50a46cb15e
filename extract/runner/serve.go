package runner

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"xxgk/extract"
	"xxgk/extract/bounded"
	"xxgk/schema"
)

// EnvWorker is the environment variable that marks a worker process and
// carries its limits. The pool sets it; nobody else should.
const EnvWorker = "XXGK_WORKER"

// ParseFunc parses one file's bytes; extract.Parse is the one xxgk uses.
type ParseFunc func(ctx context.Context, name string, data []byte) *schema.Report

// config is what a pool tells its workers, in EnvWorker as JSON.
type config struct {
	MemoryLimit int64         `json:"memory_limit"`
	MaxFileSize int64         `json:"max_file_size"`
	Timeout     time.Duration `json:"timeout"`
}

// request and response are the lines of the protocol between a pool and a
// worker. A request for bytes in memory says their Size, and the bytes
// follow its line as they are: no base64, no copy in a JSON buffer.
type request struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
	Size int64  `json:"size"` // bytes after the line; -1 for a file at Path
	Data []byte `json:"-"`
}

// writeRequest writes req's line and its bytes.
func writeRequest(w io.Writer, req request) error {
	req.Size = -1
	if req.Data != nil {
		req.Size = int64(len(req.Data))
	}
	line, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if _, err := w.Write(append(line, '\n')); err != nil {
		return err
	}
	_, err = w.Write(req.Data)
	return err
}

// readRequest reads a request's line and its bytes; io.EOF when the pool
// has closed the stream between requests.
func readRequest(r *bufio.Reader) (request, error) {
	var req request
	line, err := r.ReadBytes('\n')
	if err != nil {
		if errors.Is(err, io.EOF) && len(line) == 0 {
			return req, io.EOF
		}
		return req, fmt.Errorf("bad request: %w", err)
	}
	if err := json.Unmarshal(line, &req); err != nil {
		return req, fmt.Errorf("bad request: %w", err)
	}
	if req.Size >= 0 {
		req.Data = make([]byte, req.Size)
		if _, err := io.ReadFull(r, req.Data); err != nil {
			return req, fmt.Errorf("bad request: %w", err)
		}
	}
	return req, nil
}

type response struct {
	ID     uint64         `json:"id"`
	Report *schema.Report `json:"report"`
}

// IsWorker reports whether this process was started by a pool as a worker.
// A test binary that is its own worker checks it in TestMain:
//
//	if runner.IsWorker() {
//		os.Exit(runner.WorkerMain(extract.Parse))
//	}
func IsWorker() bool { return os.Getenv(EnvWorker) != "" }

// WorkerMain is the body of `xxgk worker`: it applies the limits the pool
// passed in EnvWorker, then parses the files requested on stdin with parse
// and answers on stdout until stdin closes. It returns the exit code.
func WorkerMain(parse ParseFunc) int {
	var cfg config
	if err := json.Unmarshal([]byte(os.Getenv(EnvWorker)), &cfg); err != nil {
		fmt.Fprintf(os.Stderr, "xxgk worker: started without a pool (%s: %v)\n", EnvWorker, err)
		return 2
	}
	out, err := protocolOut()
	if err != nil {
		fmt.Fprintf(os.Stderr, "xxgk worker: %v\n", err)
		return 2
	}
	if err := limitMemory(cfg.MemoryLimit); err != nil {
		fmt.Fprintf(os.Stderr, "xxgk worker: %v\n", err)
		return 2
	}
	// An extractor that watches its context stops by itself a little
	// before the pool would kill the worker, and the worker lives on.
	if cfg.Timeout > 0 {
		inner := parse
		parse = func(ctx context.Context, name string, data []byte) *schema.Report {
			ctx, cancel := context.WithTimeout(ctx, cfg.Timeout*9/10)
			defer cancel()
			return inner(ctx, name, data)
		}
	}
	if err := Serve(context.Background(), os.Stdin, out, parse, cfg.MaxFileSize); err != nil {
		fmt.Fprintf(os.Stderr, "xxgk worker: %v\n", err)
		return 2
	}
	return 0
}

// protocolOut moves the protocol off file descriptor 1: a library that
// prints to stdout would otherwise break the stream of reports. It returns
// the original stdout and points descriptor 1 at stderr.
func protocolOut() (*os.File, error) {
	fd, err := syscall.Dup(1)
	if err != nil {
		return nil, fmt.Errorf("cannot keep stdout: %w", err)
	}
	syscall.CloseOnExec(fd)
	if err := syscall.Dup3(2, 1, 0); err != nil {
		return nil, fmt.Errorf("cannot point stdout at stderr: %w", err)
	}
	return os.NewFile(uintptr(fd), "protocol"), nil
}

// limitMemory caps the worker's address space at what it has reserved now
// plus limit, so that an allocation past it fails ("fatal error: out of
// memory") instead of swapping the machine; tells the garbage collector to
// work harder as the heap nears the limit; and bounds goroutine stacks, so
// that deep recursion fails early and cheaply.
func limitMemory(limit int64) error {
	if limit <= 0 {
		return nil
	}
	base, err := addressSpace()
	if err != nil {
		return err
	}
	as := uint64(base + limit)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as}); err != nil {
		return fmt.Errorf("cannot limit memory: %w", err)
	}
	debug.SetMemoryLimit(limit)
	debug.SetMaxStack(int(min(limit/8, 128<<20)))
	return nil
}

// addressSpace returns the bytes of address space this process has mapped
// (VmSize): the Go runtime reserves a large share of it at start.
func addressSpace() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("cannot measure memory: %w", err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("cannot measure memory: %w", err)
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("cannot measure memory: no VmSize in /proc/self/status")
}

// Serve answers requests read from in with reports written to out, one JSON
// line each, until in ends. Files larger than maxSize bytes get too_large
// unread (0: no limit). It returns nil when in ends cleanly.
func Serve(ctx context.Context, in io.Reader, out io.Writer, parse ParseFunc, maxSize int64) error {
	br := bufio.NewReaderSize(in, 64<<10)
	bw := bufio.NewWriterSize(out, 64<<10)
	for {
		req, err := readRequest(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		line, err := json.Marshal(response{ID: req.ID, Report: Handle(ctx, Job{Name: req.Name, Path: req.Path, Data: req.Data}, parse, maxSize)})
		if err != nil {
			// A NaN or an infinity in a report cannot be written as JSON.
			r := Failed(Job{Name: req.Name, Data: req.Data}, &schema.Error{Code: schema.ErrInternal,
				Err: fmt.Errorf("the report cannot be written: %w", err)})
			if line, err = json.Marshal(response{ID: req.ID, Report: r}); err != nil {
				return err
			}
		}
		bw.Write(line)
		bw.WriteByte('\n')
		if err := bw.Flush(); err != nil {
			return err
		}
	}
}

// Handle parses one job in this process: it reads the file at j.Path when
// j.Data is nil (at most maxSize bytes; 0: no limit) and turns a panic that
// escaped parse into an internal error. Panics in goroutines that parse
// started are not caught: in a worker they kill it, and the pool reports
// that. It never returns nil.
func Handle(ctx context.Context, j Job, parse ParseFunc, maxSize int64) (r *schema.Report) {
	defer func() {
		if p := recover(); p != nil {
			r = Failed(j, &schema.Error{Code: schema.ErrInternal, Err: fmt.Errorf("internal error: %v", p)})
		}
	}()
	if j.Data == nil {
		data, err := readFile(j.Path, maxSize)
		if err != nil {
			return Failed(j, err)
		}
		j.Data = data
	}
	return parse(ctx, j.name(), j.Data)
}

// readFile reads at most maxSize bytes of path: a pipe or a device has no
// size to check before.
func readFile(path string, maxSize int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("cannot open the file: %w", err)}
	}
	defer f.Close()
	if maxSize <= 0 {
		maxSize = math.MaxInt64 - 1
	}
	return bounded.ReadAll(f, maxSize, 0, "the file")
}

// Failed makes the report of a file that could not be parsed (an archive
// entry with an error, say), with as much as is known without parsing it:
// its hash and its format. err's code is kept (internal when it has none),
// and its message is prefixed with the job's name.
func Failed(j Job, err error) *schema.Report {
	name := j.name()
	r := &schema.Report{File: name, Version: extract.Version}
	r.SHA256, r.Format = identify(j)
	var e *schema.Error
	if errors.As(err, &e) {
		c := *e
		c.File = name
		err = &c
	} else {
		err = &schema.Error{Code: schema.ErrInternal, File: name, Err: err}
	}
	r.Fail(err)
	return r
}

// identify hashes a job's content and sniffs its format from the first
// bytes; either is empty when the file cannot be read.
func identify(j Job) (sum, format string) {
	h := sha256.New()
	head := j.Data
	if j.Data != nil {
		h.Write(j.Data)
	} else {
		f, err := os.Open(j.Path)
		if err != nil {
			return "", ""
		}
		defer f.Close()
		head = make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		head = head[:n]
		h.Write(head)
		if _, err := io.Copy(h, f); err != nil {
			return "", ""
		}
	}
	if f, err := extract.Sniff(head); err == nil {
		format = string(f)
	}
	return hex.EncodeToString(h.Sum(nil)), format
}
