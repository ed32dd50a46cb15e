// Package serve is `xxgk serve`: the auditor's desk as a local web app.
// A person drops files, a folder or a zip archive on the page; the server
// saves them in a temporary folder, runs a batch over them (package batch,
// parsing in the same isolated worker pool as `xxgk batch`), shows the
// progress, then the batch's audit page (package audit) and the downloads of
// its CSV files (and the workbook, when a writer is given).
//
// Everything the page needs is embedded; nothing is fetched from the
// internet. The uploaded files are removed as soon as their batch has run;
// the outputs stay, for the downloads, until the server stops (the oldest
// are removed beyond Options.KeepBatches).
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"xxgk/cmd/xxgk/internal/audit"
	"xxgk/cmd/xxgk/internal/batch"
	"xxgk/schema"
)

// Defaults of Options.
const (
	DefaultAddr        = "127.0.0.1:8080"
	DefaultMaxUpload   = 256 << 20 // 256 MiB in one upload
	DefaultMaxFiles    = 5000      // files in one upload
	DefaultKeepBatches = 20        // batches whose outputs are kept for download
)

// Options configure a Server. The zero value needs only Parser.
type Options struct {
	// Parser parses each file; serve passes batch.Isolated with the worker
	// pool, so that a hostile upload costs only its own row.
	Parser batch.Parser
	// MaxUpload bounds the bytes of one upload (all its files together); a
	// larger one is refused with 413 and a message saying the limit. 0 means
	// DefaultMaxUpload.
	MaxUpload int64
	// MaxFiles bounds the number of files in one upload; 0 means
	// DefaultMaxFiles.
	MaxFiles int
	// KeepBatches is how many batches' outputs are kept; 0 means
	// DefaultKeepBatches.
	KeepBatches int
	// TempDir is where uploads and outputs go, each batch in a folder of
	// its own; empty means os.TempDir().
	TempDir string
	// Workbook, when set, writes the batch's workbook into the output
	// folder dir after the batch and returns its file name; the page then
	// offers it for download with the CSV files.
	Workbook func(dir string) (string, error)
}

// Downloads are the batch outputs the page offers, in this order.
var Downloads = []string{batch.ReportsCSV, batch.CellsCSV, batch.FindingsCSV, batch.ReportsJSONL, batch.SummaryJSON}

//go:embed index.html
var indexHTML []byte

// Server is the web app. It is an http.Handler; Close removes its files.
type Server struct {
	opts Options
	page []byte // index.html with the upload limit filled in
	root string // the server's temporary folder
	mux  *http.ServeMux

	mu      sync.Mutex
	batches map[string]*run
	order   []string // batch ids, oldest first
	next    int
	// queue lets one batch run at a time: each already uses every worker.
	queue chan struct{}
	wg    sync.WaitGroup
	ctx   context.Context
	stop  context.CancelFunc
}

// run is one upload's batch.
type run struct {
	ID      string         `json:"id"`
	Files   int            `json:"files"`   // files uploaded
	State   string         `json:"state"`   // queued, reading, done, failed
	Done    int            `json:"done"`    // files read so far
	Total   int            `json:"total"`   // files to read, once known
	Error   string         `json:"error"`   // why the batch failed
	Summary *batch.Summary `json:"summary"` // when done
	// StatusNames name the summary's statuses for people.
	StatusNames map[schema.Status]string `json:"status_names,omitempty"`
	// Outputs are the files to download, when done.
	Outputs []string  `json:"outputs"`
	Started time.Time `json:"started"`
	dir     string
}

// New makes a server with its temporary folder.
func New(opts Options) (*Server, error) {
	if opts.Parser == nil {
		return nil, errors.New("serve: no parser")
	}
	if opts.MaxUpload <= 0 {
		opts.MaxUpload = DefaultMaxUpload
	}
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = DefaultMaxFiles
	}
	if opts.KeepBatches <= 0 {
		opts.KeepBatches = DefaultKeepBatches
	}
	root, err := os.MkdirTemp(opts.TempDir, "xxgk-serve-")
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	s := &Server{opts: opts, root: root, batches: map[string]*run{}, queue: make(chan struct{}, 1),
		page: bytes.Replace(indexHTML, []byte("/*MAX-UPLOAD-MIB*/"), []byte(strconv.FormatInt(opts.MaxUpload>>20, 10)), 1)}
	s.ctx, s.stop = context.WithCancel(context.Background())
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("POST /api/upload", s.upload)
	s.mux.HandleFunc("GET /api/batches", s.list)
	s.mux.HandleFunc("GET /api/batches/{id}", s.status)
	s.mux.HandleFunc("GET /batches/{id}/audit.html", s.auditPage)
	s.mux.HandleFunc("GET /batches/{id}/download/{name}", s.download)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The pages are the server's own: no framing by other sites, no
	// sniffing of the downloads as pages.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'")
	s.mux.ServeHTTP(w, r)
}

// Close stops the batches still running, waits for them and removes every
// upload and output.
func (s *Server) Close() error {
	s.stop()
	s.wg.Wait()
	return os.RemoveAll(s.root)
}

// IsLoopback reports whether addr (host:port) listens on this machine only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(s.page)
}

// fail answers with a status and a message for people, as JSON.
func fail(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// upload saves the files of a multipart upload into a new batch's folder
// and starts the batch. Each file part ("file") may follow a "path" field
// with its path below the folder dropped (the browser sends base names
// only); a path is cleaned so nothing lands outside the batch's folder.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	// Messages are Chinese, or English for ?lang=en.
	l, _ := schema.ParseLang(r.URL.Query().Get("lang"))
	say := func(zh, en string) string { return schema.Bilingual{ZH: zh, EN: en}.In(l) }
	limit := s.opts.MaxUpload
	if r.ContentLength > limit {
		fail(w, http.StatusRequestEntityTooLarge, tooLarge(limit, l))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(w, http.StatusBadRequest, say("上传的不是文件表单（multipart/form-data）：", "not a file upload (multipart/form-data): ")+err.Error())
		return
	}
	b, err := s.newRun()
	if err != nil {
		fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	in := filepath.Join(b.dir, "in")
	n, err := saveParts(mr, in, s.opts.MaxFiles, l)
	if err != nil {
		s.forget(b.ID)
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			fail(w, http.StatusRequestEntityTooLarge, tooLarge(limit, l))
		default:
			fail(w, http.StatusBadRequest, err.Error())
		}
		return
	}
	if n == 0 {
		s.forget(b.ID)
		fail(w, http.StatusBadRequest, say("没有收到文件", "no file received"))
		return
	}
	s.mu.Lock()
	b.Files = n
	s.mu.Unlock()
	s.wg.Add(1)
	go s.runBatch(b, in)
	writeJSON(w, map[string]string{"id": b.ID})
}

func tooLarge(limit int64, l schema.Lang) string {
	if l == schema.LangEN {
		return fmt.Sprintf("Upload refused: over the limit of %d MiB (all files of one upload together). Upload in parts, or use xxgk batch.", limit>>20)
	}
	return fmt.Sprintf("上传被拒绝：超过大小限制 %d MiB（一次上传的所有文件合计）。请分批上传，或用命令行 xxgk batch。", limit>>20)
}

// saveParts writes every file part under dir and returns how many.
func saveParts(mr *multipart.Reader, dir string, maxFiles int, l schema.Lang) (int, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, err
	}
	n, rel := 0, ""
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		switch p.FormName() {
		case "path":
			b, err := io.ReadAll(io.LimitReader(p, 4096))
			if err != nil {
				return n, err
			}
			rel = string(b)
		case "file":
			if n++; n > maxFiles {
				return n, errors.New(schema.Bilingual{
					ZH: fmt.Sprintf("上传被拒绝：文件超过 %d 个", maxFiles),
					EN: fmt.Sprintf("Upload refused: more than %d files", maxFiles)}.In(l))
			}
			name := rel
			if name == "" {
				name = p.FileName()
			}
			rel = ""
			if err := saveFile(p, dir, name, n); err != nil {
				return n, err
			}
		}
		p.Close()
	}
}

// saveFile writes one upload as dir/clean(name), or as file-N when nothing
// is left of the name; an existing name gets -N before its extension.
func saveFile(r io.Reader, dir, name string, n int) error {
	rel := cleanPath(name)
	if rel == "" {
		rel = "file-" + strconv.Itoa(n)
	}
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		ext := path.Ext(rel)
		dst = filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(rel, ext)+"-"+strconv.Itoa(n)+ext))
		f, err = os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	}
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// cleanPath keeps the parts of a slash- or backslash-separated path that
// name something below the folder: no root, no "..", no empty or hidden
// parts, no control characters.
func cleanPath(name string) string {
	var parts []string
	for _, p := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' }) {
		if p == "." || p == ".." || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ':' }) {
			continue
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "/")
}

// newRun makes a batch and its folder, and forgets the oldest finished
// batches beyond KeepBatches.
func (s *Server) newRun() (*run, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	id := strconv.Itoa(s.next)
	dir := filepath.Join(s.root, id)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	b := &run{ID: id, State: "queued", Started: time.Now(), dir: dir, Outputs: []string{}}
	s.batches[id] = b
	s.order = append(s.order, id)
	for len(s.order) > s.opts.KeepBatches {
		old := s.batches[s.order[0]]
		if old.State != "done" && old.State != "failed" {
			break
		}
		os.RemoveAll(old.dir)
		delete(s.batches, old.ID)
		s.order = s.order[1:]
	}
	return b, nil
}

// forget drops a batch whose upload failed, with its files.
func (s *Server) forget(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.batches[id]; ok {
		os.RemoveAll(b.dir)
		delete(s.batches, id)
		s.order = slices.DeleteFunc(s.order, func(x string) bool { return x == id })
	}
}

// runBatch runs the batch over the uploaded folder in, then removes it.
func (s *Server) runBatch(b *run, in string) {
	defer s.wg.Done()
	defer os.RemoveAll(in)
	select {
	case s.queue <- struct{}{}:
		defer func() { <-s.queue }()
	case <-s.ctx.Done():
		s.finish(b, nil, s.ctx.Err())
		return
	}
	s.set(b, func() { b.State = "reading" })
	out := filepath.Join(b.dir, "out")
	res, err := func() (res *batch.Result, err error) {
		// Parsing happens in the workers; this guards the server against
		// a bug in walking an archive or writing the outputs.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("内部错误：%v", p)
			}
		}()
		if err := os.Mkdir(out, 0o700); err != nil {
			return nil, err
		}
		return batch.Run(s.ctx, batch.Options{
			Paths: []string{in}, Out: out, Parser: s.opts.Parser,
			Progress: &progress{s: s, b: b},
			// Files are named by their path below the folder dropped.
			Name: func(p string) string {
				if rel, err := filepath.Rel(in, p); err == nil {
					return filepath.ToSlash(rel)
				}
				return p
			},
		})
	}()
	if err == nil && s.opts.Workbook != nil {
		var name string
		if name, err = s.opts.Workbook(out); err == nil {
			s.set(b, func() { b.Outputs = append(b.Outputs, name) })
		}
	}
	s.finish(b, res, err)
}

func (s *Server) finish(b *run, res *batch.Result, err error) {
	s.set(b, func() {
		if err != nil {
			b.State, b.Error = "failed", err.Error()
			return
		}
		b.State = "done"
		b.Summary = &res.Summary
		b.StatusNames = map[schema.Status]string{}
		for st := range res.Summary.Statuses {
			b.StatusNames[st] = st.Name(schema.LangZH)
		}
		b.Done = b.Total
		var have []string
		for _, name := range Downloads {
			if _, err := os.Stat(filepath.Join(b.dir, "out", name)); err == nil {
				have = append(have, name)
			}
		}
		b.Outputs = append(have, b.Outputs...)
	})
}

func (s *Server) set(b *run, f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// progress reads the batch's progress lines ("[3/10] file status") for the
// page's bar.
type progress struct {
	s    *Server
	b    *run
	rest []byte
}

func (p *progress) Write(data []byte) (int, error) {
	p.rest = append(p.rest, data...)
	for {
		i := slices.Index(p.rest, '\n')
		if i < 0 {
			break
		}
		line := string(p.rest[:i])
		p.rest = p.rest[i+1:]
		var done, total int
		if _, err := fmt.Sscanf(line, "[%d/%d]", &done, &total); err == nil {
			p.s.set(p.b, func() { p.b.Done, p.b.Total = done, total })
		}
	}
	return len(data), nil
}

// snapshot copies a batch's state under the lock.
func (s *Server) snapshot(id string) (run, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.batches[id]
	if !ok {
		return run{}, false
	}
	c := *b
	c.Outputs = slices.Clone(b.Outputs)
	return c, true
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ids := slices.Clone(s.order)
	s.mu.Unlock()
	out := []run{}
	for i := len(ids) - 1; i >= 0; i-- { // newest first
		if b, ok := s.snapshot(ids[i]); ok {
			out = append(out, b)
		}
	}
	writeJSON(w, out)
}

func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	b, ok := s.snapshot(r.PathValue("id"))
	if !ok {
		fail(w, http.StatusNotFound, "没有这一批")
		return
	}
	writeJSON(w, b)
}

// done returns a finished batch's output folder, or answers why not.
func (s *Server) done(w http.ResponseWriter, id string) (run, bool) {
	b, ok := s.snapshot(id)
	switch {
	case !ok:
		fail(w, http.StatusNotFound, "没有这一批")
	case b.State != "done":
		fail(w, http.StatusConflict, "这一批还没有读完")
	default:
		return b, true
	}
	return run{}, false
}

// auditPage serves the batch's audit page, written by package audit.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.done(w, r.PathValue("id"))
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeFile(w, r, filepath.Join(b.dir, "out", audit.FileName))
}

// download serves one of the batch's outputs as an attachment.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	b, ok := s.done(w, r.PathValue("id"))
	if !ok {
		return
	}
	name := r.PathValue("name")
	if !slices.Contains(b.Outputs, name) {
		fail(w, http.StatusNotFound, "没有这个文件")
		return
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "xxgk-" + b.ID + "-" + name}))
	switch path.Ext(name) {
	case ".csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	case ".json", ".jsonl":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	http.ServeFile(w, r, filepath.Join(b.dir, "out", name))
}
