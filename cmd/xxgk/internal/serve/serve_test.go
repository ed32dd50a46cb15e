package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xxgk/cmd/xxgk/internal/batch"
	"xxgk/extract"
	"xxgk/extract/runner"
	"xxgk/fixtures"
)

// TestMain serves the worker side when the pool starts this test binary as
// a worker.
func TestMain(m *testing.M) {
	if runner.IsWorker() {
		os.Exit(runner.WorkerMain(extract.Parse))
	}
	os.Exit(m.Run())
}

// newServer starts a server with a worker pool of this test binary and
// returns its URL and the server.
func newServer(t testing.TB, opts Options) (string, *Server) {
	t.Helper()
	pool, err := runner.New(runner.Options{Workers: 2, Command: []string{os.Args[0]}, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	opts.Parser = batch.Isolated{Pool: pool}
	opts.TempDir = t.TempDir()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		hs.Close()
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		pool.Close()
		if _, err := os.Stat(s.root); !os.IsNotExist(err) {
			t.Errorf("server folder %s left after Close (%v)", s.root, err)
		}
	})
	return hs.URL, s
}

// form builds a multipart upload: each file with its path field.
func form(t testing.TB, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for name, data := range files {
		w.WriteField("path", name)
		fw, err := w.CreateFormFile("file", filepath.Base(name))
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

func post(t testing.TB, url string, files map[string][]byte) (*http.Response, map[string]string) {
	t.Helper()
	body, ctype := form(t, files)
	resp, err := http.Post(url+"/api/upload", ctype, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

// wait polls a batch until it has finished.
func wait(t testing.TB, url, id string) run {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url + "/api/batches/" + id)
		if err != nil {
			t.Fatal(err)
		}
		var b run
		json.NewDecoder(resp.Body).Decode(&b)
		resp.Body.Close()
		if b.State == "done" || b.State == "failed" {
			return b
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("batch %s did not finish", id)
	return run{}
}

func fixture(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures.Dir(), rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// An upload over the limit is refused with 413 and a message that says the
// limit, and leaves nothing behind.
func TestUploadTooLarge(t *testing.T) {
	url, s := newServer(t, Options{MaxUpload: 1 << 20})
	resp, out := post(t, url, map[string][]byte{"big.pdf": bytes.Repeat([]byte("x"), 2<<20)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", resp.StatusCode)
	}
	if want := "上传被拒绝：超过大小限制 1 MiB"; !strings.HasPrefix(out["error"], want) {
		t.Errorf("message %q, want it to start with %q", out["error"], want)
	}
	entries, _ := os.ReadDir(s.root)
	if len(entries) != 0 {
		t.Errorf("%d entries left in the server folder after a refused upload", len(entries))
	}
}

// Hostile files among the upload fail on their own rows; the good report
// is read; the server answers afterwards; the uploaded files are gone; a
// path that tries to climb out of the folder stays inside it.
func TestUploadHostile(t *testing.T) {
	url, s := newServer(t, Options{})
	hostile := filepath.Join(fixtures.Root(), "cmd", "xxgk", "testdata", "hostile")
	files := map[string][]byte{"reports/official_09.pdf": fixture(t, "pdf/official_09.pdf"), "../../escape.txt": []byte("%PDF-1.4 会议纪要")} // fails on its row (a text that is no report would be skipped, without one)
	for _, name := range []string{"bomb.zip", "random.bin", "truncated.pdf", "encrypted.pdf"} {
		data, err := os.ReadFile(filepath.Join(hostile, name))
		if err != nil {
			t.Fatal(err)
		}
		files["hostile/"+name] = data
	}
	resp, out := post(t, url, files)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d %v", resp.StatusCode, out)
	}
	b := wait(t, url, out["id"])
	if b.State != "done" {
		t.Fatalf("batch %s: %s", b.State, b.Error)
	}
	if b.Summary.Statuses["ok"] != 1 || b.Summary.Files != 6 {
		t.Errorf("statuses %v of %d files, want 1 ok of 6", b.Summary.Statuses, b.Summary.Files)
	}
	// The total comes from batch's progress lines only: the page's bar
	// depends on reading them.
	if b.Total != 6 || b.Done != 6 {
		t.Errorf("progress %d/%d, want 6/6: batch's progress lines (\"[n/m] file status\") no longer read", b.Done, b.Total)
	}
	if _, err := os.Stat(filepath.Join(s.root, b.ID, "in")); !os.IsNotExist(err) {
		t.Errorf("uploads still on disk after the batch (%v)", err)
	}
	data := get(t, url+"/batches/"+b.ID+"/download/reports.csv")
	for _, name := range []string{"\nreports/official_09.pdf,", "\nescape.txt,", "\nhostile/bomb.zip!/bomb.txt,"} {
		if !strings.Contains(data, name) {
			t.Errorf("reports.csv has no row starting %q:\n%s", name, data)
		}
	}
	if page := get(t, url+"/"); !strings.Contains(page, "把年度报告拖到这里") || !strings.Contains(page, "一次最多上传") {
		t.Error("the server stopped answering after the hostile upload")
	}
	// Only the outputs are served, nothing else of the folder.
	for _, p := range []string{"/batches/" + b.ID + "/download/done.jsonl", "/batches/" + b.ID + "/download/..%2F..%2Fetc%2Fpasswd", "/batches/99/audit.html"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
}

func get(t testing.TB, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

func TestCleanPath(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.pdf":              "a/b.pdf",
		"../../etc/passwd":     "etc/passwd",
		"/abs/x.docx":          "abs/x.docx",
		`C:\Users\报告\2023.pdf`: "Users/报告/2023.pdf",
		"..":                   "",
		"a/./b\x00c/d.txt":     "a/d.txt",
	} {
		if got := cleanPath(in); got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		DefaultAddr: true, "localhost:80": true, "[::1]:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.5:8080": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

// The workbook hook: its file is offered with the CSV files.
func TestWorkbookHook(t *testing.T) {
	url, _ := newServer(t, Options{Workbook: func(dir string) (string, error) {
		return "xxgk.xlsx", os.WriteFile(filepath.Join(dir, "xxgk.xlsx"), []byte("PK"), 0o600)
	}})
	_, out := post(t, url, map[string][]byte{"a.txt": fixture(t, "continuity/jishan_2023.txt")})
	b := wait(t, url, out["id"])
	if got := strings.Join(b.Outputs, " "); got != "reports.csv cells.csv findings.csv reports.jsonl summary.json xxgk.xlsx" {
		t.Errorf("outputs = %s", got)
	}
	if got := get(t, url+"/batches/"+b.ID+"/download/xxgk.xlsx"); got != "PK" {
		t.Errorf("workbook = %q", got)
	}
}

// The refusal in English, and a chunked upload (no length given) over the
// limit is refused too, while it is read.
func TestUploadTooLargeEnglishChunked(t *testing.T) {
	url, _ := newServer(t, Options{MaxUpload: 1 << 20})
	body, ctype := form(t, map[string][]byte{"big.pdf": bytes.Repeat([]byte("x"), 2<<20)})
	req, err := http.NewRequest("POST", url+"/api/upload?lang=en", io.MultiReader(body)) // no length: chunked
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.HasPrefix(out["error"], "Upload refused: over the limit of 1 MiB") {
		t.Errorf("%d %q", resp.StatusCode, out["error"])
	}
}
