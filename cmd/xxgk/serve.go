package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"xxgk/cmd/xxgk/internal/batch"
	"xxgk/cmd/xxgk/internal/serve"
	"xxgk/extract/runner"
)

const serveUsage = `usage: xxgk serve [--addr 127.0.0.1:8080] [--max-upload MIB] [-j N] [--timeout D]

The auditor's desk in the browser: open the address it prints, drop files, a
folder or a zip archive on the page, watch them being read, see each
report's audit view and download the CSV files. Files are parsed in the same
isolated workers as xxgk batch; uploads are removed once read. It listens on
this machine only unless --addr says otherwise. Stop it with Ctrl-C.

  --addr HOST:PORT   where to listen (default 127.0.0.1:8080)
  --max-upload MIB   largest upload, all files together (default 256)
  -j N               files parsed at once (default one per core)
  --timeout D        time one file may take (default 1m0s)

Examples:
  xxgk serve
  xxgk serve --addr 127.0.0.1:9000 --max-upload 1024

Exit codes: 0 stopped; 2 could not listen.
`

// runServe is the serve subcommand: it listens until ctx ends (Ctrl-C).
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage) }
	addr := fs.String("addr", serve.DefaultAddr, "where to listen")
	maxUpload := fs.Int64("max-upload", serve.DefaultMaxUpload>>20, "largest upload in MiB")
	jobs := fs.Int("j", 0, "files parsed at once")
	timeout := fs.Duration("timeout", runner.DefaultTimeout, "time one file may take")
	rest, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	if len(rest) > 0 || *maxUpload <= 0 {
		fs.Usage()
		return exitFailed
	}
	pool, err := runner.New(runner.Options{Workers: *jobs, Timeout: *timeout})
	if err != nil {
		fmt.Fprintln(stderr, "xxgk serve:", err)
		return exitFailed
	}
	defer pool.Close()
	srv, err := serve.New(serve.Options{Parser: batch.Isolated{Pool: pool}, MaxUpload: *maxUpload << 20})
	if err != nil {
		fmt.Fprintln(stderr, "xxgk serve:", err)
		return exitFailed
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "xxgk serve:", err)
		return exitFailed
	}
	if !serve.IsLoopback(*addr) {
		fmt.Fprintf(stderr, "xxgk serve: 注意：%s 不只本机可访问，任何能连到它的人都能上传文件、查看结果\n", *addr)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "xxgk serve：在浏览器中打开 http://%s/ （按 Ctrl-C 停止）\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err = <-done:
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = hs.Shutdown(shut)
		cancel()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "xxgk serve:", err)
		return exitFailed
	}
	return exitOK
}
