package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"xxgk/schema"
)

// worker is the parent's handle on one worker process.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	dec    *json.Decoder
	stderr *headBuffer
	nextID uint64
}

// start starts a worker process with the pool's limits.
func (p *Pool) start() (*worker, error) {
	cfg, err := json.Marshal(config{MemoryLimit: p.opts.MemoryLimit, MaxFileSize: p.opts.MaxFileSize, Timeout: p.opts.Timeout})
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(p.opts.Command[0], p.opts.Command[1:]...)
	cmd.Env = append(os.Environ(), EnvWorker+"="+string(cfg))
	// Its own process group, so that a kill also reaches any program the
	// worker started; and killed with its parent, so none is left behind.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = time.Second
	stderr := &headBuffer{limit: 16 << 10}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot start a worker (%s): %w", p.opts.Command[0], err)
	}
	return &worker{cmd: cmd, stdin: stdin,
		dec: json.NewDecoder(bufio.NewReaderSize(stdout, 64<<10)), stderr: stderr}, nil
}

// run parses j on w, starting a worker when w is nil. It returns the report
// and the worker to keep: w, or nil when w was killed or died.
func (p *Pool) run(ctx context.Context, w *worker, j Job) (*schema.Report, *worker) {
	for attempt := 0; ; attempt++ {
		if w == nil {
			var err error
			if w, err = p.start(); err != nil {
				return Failed(j, &schema.Error{Code: schema.ErrInternal, Err: err}), nil
			}
		}
		r, err := p.exchange(ctx, w, j)
		if err == nil {
			return r, w
		}
		exit := w.kill()
		switch {
		case errors.Is(err, errNotSent) && attempt == 0:
			// A worker found dead before it read the request died of an
			// earlier file, not this one: try once more with a fresh one.
			w = nil
			continue
		case errors.Is(err, errNotSent), errors.Is(err, errDied):
			err = p.why(exit, w.stderr.String())
		}
		return Failed(j, err), nil
	}
}

// Reasons why exchange failed without a report, other than the limits.
var (
	errNotSent = errors.New("the worker is gone")
	errDied    = errors.New("the worker died")
)

// exchange sends j to w and waits for its report, the time limit or the end
// of ctx. On error w must be killed.
func (p *Pool) exchange(ctx context.Context, w *worker, j Job) (*schema.Report, error) {
	w.nextID++
	req := request{ID: w.nextID, Name: j.name(), Path: j.Path, Data: j.Data}
	w.stderr.reset()
	done := make(chan result, 1)
	go func() {
		if err := writeRequest(w.stdin, req); err != nil {
			done <- result{err: fmt.Errorf("%w: %w", errNotSent, err)}
			return
		}
		var resp response
		if err := w.dec.Decode(&resp); err != nil {
			done <- result{err: fmt.Errorf("%w: %w", errDied, err)}
			return
		}
		if resp.ID != req.ID || resp.Report == nil {
			done <- result{err: fmt.Errorf("%w: it answered request %d with %d", errDied, req.ID, resp.ID)}
			return
		}
		done <- result{r: resp.Report}
	}()
	timer := time.NewTimer(p.opts.Timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.r, res.err
	case <-timer.C:
		return nil, schema.Errorf(schema.ErrTimeout, "parsing took longer than the limit of %s: stopped", p.opts.Timeout)
	case <-ctx.Done():
		return nil, ContextError(ctx)
	}
}

// why tells from a dead worker's exit error and crash log why it died.
func (p *Pool) why(exit error, log string) error {
	var ee *exec.ExitError
	killed := errors.As(exit, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL
	switch {
	case strings.Contains(log, "out of memory") || strings.Contains(log, "cannot allocate memory"):
		return schema.Errorf(schema.ErrTooLarge, "reading it needs more than the memory limit of %s: stopped", mib(p.opts.MemoryLimit))
	case strings.Contains(log, "stack exceeds") || strings.Contains(log, "stack overflow"):
		return schema.Errorf(schema.ErrUnreadable, "nested too deeply to read: the reader ran out of stack")
	case killed:
		// Not by us: the kernel's OOM killer is the usual sender.
		return schema.Errorf(schema.ErrTooLarge, "the worker reading it was killed, most likely for lack of memory")
	}
	if line := firstLine(log); line != "" {
		return schema.Errorf(schema.ErrUnreadable, "the reader crashed on it: %s", line)
	}
	return schema.Errorf(schema.ErrUnreadable, "the reader crashed on it: %v", exit)
}

// kill stops the worker and every program it started, and returns how the
// worker ended. Killing the group before reaping the worker keeps its
// process group id from being reused in between.
func (w *worker) kill() error {
	_ = syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
	return w.cmd.Wait()
}

// stop ends an idle worker: it exits when its stdin closes.
func (w *worker) stop() error {
	w.stdin.Close()
	done := make(chan error, 1)
	go func() { done <- w.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-w.cmd.Process.Pid, syscall.SIGKILL)
		<-done
		return errors.New("runner: a worker did not stop in time and was killed")
	}
}

type result struct {
	r   *schema.Report
	err error
}

// firstLine returns the first line of a crash log that says what happened:
// "fatal error: …" or "panic: …" rather than noise printed before it.
func firstLine(log string) string {
	lines := strings.Split(log, "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") {
			return strings.TrimSpace(l)
		}
	}
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// headBuffer keeps the first bytes written to it since the last reset: the
// start of a crash log says why a worker died; the goroutine dump after it
// can run to megabytes.
type headBuffer struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	limit int
}

func (b *headBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.limit - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (b *headBuffer) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

func (b *headBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
