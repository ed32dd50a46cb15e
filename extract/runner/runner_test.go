package runner_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"xxgk/extract"
	"xxgk/extract/runner"
	"xxgk/fixtures"
	"xxgk/schema"
)

// The test binary is its own worker: the pool re-executes it with
// runner.EnvWorker set.
func TestMain(m *testing.M) {
	if runner.IsWorker() {
		os.Exit(runner.WorkerMain(misbehave))
	}
	os.Exit(m.Run())
}

// misbehave is extract.Parse, except for files whose names ask the worker
// to fail in one of the ways a library can fail on a hostile file.
func misbehave(ctx context.Context, name string, data []byte) *schema.Report {
	switch filepath.Base(name) {
	case "hang":
		time.Sleep(time.Hour)
	case "hang-signal":
		// Tells the test the worker has the file before it hangs.
		os.WriteFile(name+".started", nil, 0o644)
		time.Sleep(time.Hour)
	case "oom":
		var keep [][]byte
		for {
			keep = append(keep, make([]byte, 16<<20))
		}
	case "stack":
		recurse(0)
	case "goroutine-panic":
		go func() { panic("boom in a goroutine") }()
		time.Sleep(time.Hour)
	case "panic":
		panic("boom")
	case "exit":
		os.Exit(3)
	case "stdout":
		fmt.Println("a library printing to stdout")
	case "slow":
		// An extractor that watches its context.
		<-ctx.Done()
		r := &schema.Report{File: name, Agency: strconv.Itoa(os.Getpid())}
		r.Fail(&schema.Error{Code: schema.ErrTimeout, File: name, Err: ctx.Err()})
		return r
	case "pid":
		return &schema.Report{File: name, Agency: strconv.Itoa(os.Getpid())}
	}
	return extract.Parse(ctx, name, data)
}

func recurse(n int) int {
	var pad [256]byte
	pad[n%256] = byte(n)
	return recurse(n+1) + int(pad[0])
}

func newPool(t *testing.T, opts runner.Options) *runner.Pool {
	t.Helper()
	opts.Command = []string{os.Args[0]}
	p, err := runner.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// corpusText is a real report that parses normally.
func corpusText(t testing.TB) string {
	fixtures.NeedCorpus(t)
	t.Helper()
	path := filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	return path
}

// inProcess is what extract.Parse makes of path without a worker.
func inProcess(t *testing.T, path string) *schema.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return roundTrip(t, extract.Parse(context.Background(), path, data))
}

// roundTrip passes r through JSON, as a worker's report does.
func roundTrip(t *testing.T, r *schema.Report) *schema.Report {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var out schema.Report
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func collect(c <-chan *schema.Report) []*schema.Report {
	var out []*schema.Report
	for r := range c {
		out = append(out, r)
	}
	return out
}

// TestMisbehavingWorkers runs every way a worker can fail, each followed by
// a real report that must come back exactly as parsed in process.
func TestMisbehavingWorkers(t *testing.T) {
	good := corpusText(t)
	want := inProcess(t, good)
	dir := t.TempDir()
	cases := []struct {
		name    string
		code    schema.ErrorCode
		message string // part of the error message after the file name
	}{
		{"hang", schema.ErrTimeout, "took longer than the limit of 2s"},
		{"oom", schema.ErrTooLarge, "more than the memory limit of 256.0 MiB"},
		{"stack", schema.ErrUnreadable, "nested too deeply"},
		{"goroutine-panic", schema.ErrUnreadable, "panic: boom in a goroutine"},
		{"panic", schema.ErrInternal, "internal error: boom"},
		{"exit", schema.ErrUnreadable, "the reader crashed on it: exit status 3"},
		{"stdout", want.ErrorCode, ""},
	}
	var paths []string
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte("content of "+c.name), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path, good)
	}
	p := newPool(t, runner.Options{Workers: 2, Timeout: 2 * time.Second, MemoryLimit: 256 << 20})
	got := collect(p.Parse(context.Background(), paths))
	if len(got) != len(paths) {
		t.Fatalf("got %d reports for %d files", len(got), len(paths))
	}
	for i, c := range cases {
		r := got[2*i]
		if r.File != paths[2*i] {
			t.Errorf("%s: report %d is for %s: out of order", c.name, 2*i, r.File)
		}
		if c.name == "stdout" {
			want := inProcess(t, paths[2*i])
			if !reflect.DeepEqual(r, want) {
				t.Errorf("stdout: got %+v, want %+v", r, want)
			}
		} else {
			if r.Status != schema.StatusFailed || r.ErrorCode != c.code {
				t.Errorf("%s: status %s, code %s; want failed, %s", c.name, r.Status, r.ErrorCode, c.code)
			}
			prefix := paths[2*i] + ": "
			if !strings.HasPrefix(r.ErrorMessage, prefix) || !strings.Contains(r.ErrorMessage, c.message) {
				t.Errorf("%s: message %q, want %q…%q", c.name, r.ErrorMessage, prefix, c.message)
			}
			if r.SHA256 == "" || r.Version != extract.Version {
				t.Errorf("%s: sha256 %q, version %q: want both set", c.name, r.SHA256, r.Version)
			}
		}
		if next := got[2*i+1]; !reflect.DeepEqual(next, want) {
			t.Errorf("the file after %s: got %+v, want %+v", c.name, next, want)
		}
	}
}

// TestWorkersAreReused checks that one worker parses file after file, is
// replaced after it dies, and is kept when its extractor stops in time.
func TestWorkersAreReused(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"pid", "exit", "slow"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pid, exit, slow := filepath.Join(dir, "pid"), filepath.Join(dir, "exit"), filepath.Join(dir, "slow")
	p := newPool(t, runner.Options{Workers: 1, Timeout: 3 * time.Second})
	got := collect(p.Parse(context.Background(), []string{pid, pid, exit, pid, slow, pid}))
	if got[0].Agency == "" || got[0].Agency != got[1].Agency {
		t.Errorf("workers %q and %q: want the same one twice", got[0].Agency, got[1].Agency)
	}
	if got[2].ErrorCode != schema.ErrUnreadable {
		t.Errorf("exit: code %s, want unreadable", got[2].ErrorCode)
	}
	if got[3].Agency == "" || got[3].Agency == got[0].Agency {
		t.Errorf("worker after the crash %q: want a new one, not %q", got[3].Agency, got[0].Agency)
	}
	// An extractor that stops at its context's deadline is not killed.
	if got[4].ErrorCode != schema.ErrTimeout || got[4].Agency != got[3].Agency || got[5].Agency != got[3].Agency {
		t.Errorf("slow: code %s in worker %q, then worker %q: want timeout, both in %q", got[4].ErrorCode, got[4].Agency, got[5].Agency, got[3].Agency)
	}
}

// TestOrder checks that reports come in input order whatever the workers'
// finishing order.
func TestOrder(t *testing.T) {
	dir := t.TempDir()
	var jobs []runner.Job
	for i := range 40 {
		// Odd files are large, so they finish later than their neighbours.
		text := strings.Repeat(fmt.Sprintf("line %d\n", i), 1+(i%2)*20000)
		jobs = append(jobs, runner.Job{Name: filepath.Join(dir, fmt.Sprintf("f%02d.txt", i)), Data: []byte(text)})
	}
	p := newPool(t, runner.Options{Workers: 3})
	got := collect(p.ParseJobs(context.Background(), jobs))
	if len(got) != len(jobs) {
		t.Fatalf("got %d reports for %d jobs", len(got), len(jobs))
	}
	for i, r := range got {
		if r.File != jobs[i].Name {
			t.Errorf("report %d is for %s, want %s", i, r.File, jobs[i].Name)
		}
	}
}

// TestUnparsed checks the files failed without a worker: too large, missing,
// a folder.
func TestUnparsed(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat("年", 1<<10)), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPool(t, runner.Options{Workers: 1, MaxFileSize: 1000})
	cases := []struct {
		job     runner.Job
		code    schema.ErrorCode
		message string
	}{
		{runner.Job{Path: big}, schema.ErrTooLarge, big + ": the file has 3072 bytes, more than the limit of 1000 bytes"},
		{runner.Job{Name: "entry.txt", Data: make([]byte, 1001)}, schema.ErrTooLarge, "entry.txt: the file has 1001 bytes, more than the limit of 1000 bytes"},
		{runner.Job{Path: filepath.Join(dir, "missing.pdf")}, schema.ErrUnreadable, filepath.Join(dir, "missing.pdf") + ": cannot open the file: "},
		{runner.Job{Path: dir}, schema.ErrUnreadable, dir + ": a folder, not a file"},
	}
	for _, c := range cases {
		r := p.Do(context.Background(), c.job)
		if r.Status != schema.StatusFailed || r.ErrorCode != c.code || !strings.HasPrefix(r.ErrorMessage, c.message) {
			t.Errorf("%s: got %s %s %q, want failed %s %q…", c.job.Name+c.job.Path, r.Status, r.ErrorCode, r.ErrorMessage, c.code, c.message)
		}
	}
	sum := sha256.Sum256([]byte(strings.Repeat("年", 1<<10)))
	if r := p.Do(context.Background(), runner.Job{Path: big}); r.SHA256 != hex.EncodeToString(sum[:]) || r.Format != "text" {
		t.Errorf("too large: sha256 %q, format %q: want %x, text", r.SHA256, r.Format, sum)
	}
}

// TestCanceled checks that files not parsed when the context ends still get
// their reports.
func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := newPool(t, runner.Options{Workers: 1})
	got := collect(p.ParseJobs(ctx, []runner.Job{{Name: "a.txt", Data: []byte("a")}, {Name: "b.txt", Data: []byte("b")}}))
	if len(got) != 2 {
		t.Fatalf("got %d reports, want 2", len(got))
	}
	for _, r := range got {
		if r.ErrorCode != schema.ErrInternal || !strings.Contains(r.ErrorMessage, "not parsed: context canceled") {
			t.Errorf("%s: got %s %q, want internal, not parsed", r.File, r.ErrorCode, r.ErrorMessage)
		}
	}
}

// TestCanceledMidFile checks that a file being parsed when the context ends
// gets its report at once, its worker is killed, and the pool goes on.
func TestCanceledMidFile(t *testing.T) {
	dir := t.TempDir()
	hang := filepath.Join(dir, "hang-signal")
	if err := os.WriteFile(hang, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newPool(t, runner.Options{Workers: 1, Timeout: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan *schema.Report)
	go func() { done <- p.Do(ctx, runner.Job{Path: hang}) }()
	for {
		if _, err := os.Stat(hang + ".started"); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	r := <-done
	if r.ErrorCode != schema.ErrInternal || r.ErrorMessage != hang+": not parsed: context canceled" {
		t.Errorf("got %s %q, want internal, not parsed", r.ErrorCode, r.ErrorMessage)
	}
	next := p.Do(context.Background(), runner.Job{Name: "next.txt", Data: []byte("next")})
	if want := roundTrip(t, extract.Parse(context.Background(), "next.txt", []byte("next"))); !reflect.DeepEqual(next, want) {
		t.Errorf("the file after: got %+v, want %+v", next, want)
	}
}

// TestNoPoolInWorker checks the guard against a worker that starts workers.
func TestNoPoolInWorker(t *testing.T) {
	t.Setenv(runner.EnvWorker, "{}")
	if p, err := runner.New(runner.Options{Command: []string{os.Args[0]}}); err == nil {
		p.Close()
		t.Fatal("a pool made inside a worker")
	}
}

// TestClosed checks that a closed pool fails files instead of hanging.
func TestClosed(t *testing.T) {
	p, err := runner.New(runner.Options{Workers: 1, Command: []string{os.Args[0]}})
	if err != nil {
		t.Fatal(err)
	}
	p.Do(context.Background(), runner.Job{Name: "a.txt", Data: []byte("a")})
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	r := p.Do(context.Background(), runner.Job{Name: "b.txt", Data: []byte("b")})
	if r.ErrorCode != schema.ErrInternal || r.ErrorMessage != "b.txt: not parsed: the pool is closed" {
		t.Errorf("got %s %q, want internal, the pool is closed", r.ErrorCode, r.ErrorMessage)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
