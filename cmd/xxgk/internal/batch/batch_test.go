package batch

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/schema"
)

// fakeParser reads files of the form "agency year carried_over
// carried_forward" into ok reports, anything else into failed ones, and
// counts what it parses.
type fakeParser struct {
	mu     sync.Mutex
	parsed []string
	// cancelAt, when set, cancels the run as the nth file is parsed.
	cancelAt int
	cancel   context.CancelFunc
}

func (p *fakeParser) Parse(ctx context.Context, name string, data []byte) *schema.Report {
	p.mu.Lock()
	p.parsed = append(p.parsed, name)
	if p.cancel != nil && len(p.parsed) == p.cancelAt {
		p.cancel()
	}
	p.mu.Unlock()
	r := &schema.Report{File: name, SHA256: sha(data), Format: "text"}
	f := strings.Fields(string(data))
	if len(f) != 4 {
		r.Fail(&schema.Error{Code: schema.ErrNotAReport, File: name, Err: errors.New("no tables")})
		return r
	}
	r.Status, r.Template, r.Agency = schema.StatusOK, schema.Template2021, f[0]
	r.Year, _ = strconv.Atoi(f[1])
	over, _ := strconv.ParseFloat(f[2], 64)
	forward, _ := strconv.ParseFloat(f[3], 64)
	for _, c := range schema.RequestColumns {
		r.Cells = append(r.Cells,
			schema.Cell{Key: "requests.carried_over." + c.Name, Kind: schema.KindNumber, Value: over, Raw: f[2]},
			schema.Cell{Key: "requests.carried_forward." + c.Name, Kind: schema.KindNumber, Value: forward, Raw: f[3]})
	}
	return r
}

func sha(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// tree writes files (path → content) under dir; a nil content makes a
// broken symbolic link.
func tree(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if content == nil {
			err = os.Symlink(filepath.Join(dir, "nowhere"), p)
		} else {
			err = os.WriteFile(p, content, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

type entry struct {
	name    string
	content []byte
	gbk     bool // write the name in GBK without the UTF-8 flag, as Chinese Windows does
}

func zipOf(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		name := e.name
		if e.gbk {
			name, _ = simplifiedchinese.GBK.NewEncoder().String(name)
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, NonUTF8: e.gbk})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(e.content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// archiveTree is an archive as met in the wild: reports of two agencies
// over two years in folders and zips, a copy, broken and oversized files,
// and files that are not reports at all.
func archiveTree(t *testing.T) string {
	dir := t.TempDir()
	tree(t, dir, map[string][]byte{
		"a/甲县_2022.txt":   []byte("甲县人民政府 2022 0 3"),
		"a/甲县_2023.txt":   []byte("甲县人民政府 2023 5 0"), // carries over 5, not 3
		"b/乙县_2022.txt":   []byte("乙县人民政府 2022 1 2"),
		"b/copy.txt":      []byte("甲县人民政府 2022 0 3"), // same content as a/甲县_2022.txt
		"empty.txt":       {},
		"notes.md":        []byte("not a report"),
		"a/甲县_2022.json":  []byte("{}"),
		".hidden.txt":     []byte("x"),
		".git/config":     []byte("x"),
		"broken-link.pdf": nil,
		"damaged.zip":     []byte("PK\x03\x04 and then nothing"),
		"reports.zip": zipOf(t,
			entry{name: "乙县/乙县_2023.txt", content: []byte("乙县人民政府 2023 2 0"), gbk: true},
			entry{name: "nested.zip", content: zipOf(t, entry{name: "deep.txt", content: []byte("丙县人民政府 2023 0 0")})},
			entry{name: "__MACOSX/._x.txt", content: []byte("x")},
			entry{name: "big.txt", content: bytes.Repeat([]byte("x"), 4096)},
		),
	})
	return dir
}

// row is what the tests check of a line of reports.jsonl.
type row struct {
	File        string           `json:"file"`
	Status      schema.Status    `json:"status"`
	ErrorCode   schema.ErrorCode `json:"error_code"`
	Agency      string           `json:"agency"`
	Year        int              `json:"year"`
	DuplicateOf string           `json:"duplicate_of"`
}

func readRows(t *testing.T, out, prefix string) []row {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, ReportsJSONL))
	if err != nil {
		t.Fatal(err)
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		r.File = strings.TrimPrefix(r.File, prefix)
		r.DuplicateOf = strings.TrimPrefix(r.DuplicateOf, prefix)
		rows = append(rows, r)
	}
	return rows
}

// allOutputs returns the content of every file of an output folder.
func allOutputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := readOutputs(t, dir)
	b, err := os.ReadFile(filepath.Join(dir, SummaryJSON))
	if err != nil {
		t.Fatal(err)
	}
	out[SummaryJSON] = string(b)
	return out
}

func TestBatchArchive(t *testing.T) {
	in := archiveTree(t)
	out := filepath.Join(in, "out") // inside the input: must not read itself
	p := &fakeParser{}
	opt := Options{Paths: []string{in}, Out: out, Jobs: 3, MaxSize: 1024, Parser: p}
	res, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	prefix := in + "/"
	want := []row{
		{"a/甲县_2022.txt", schema.StatusOK, "", "甲县人民政府", 2022, ""},
		{"a/甲县_2023.txt", schema.StatusOK, "", "甲县人民政府", 2023, ""},
		{"b/copy.txt", schema.StatusDuplicate, "", "甲县人民政府", 2022, "a/甲县_2022.txt"},
		{"b/乙县_2022.txt", schema.StatusOK, "", "乙县人民政府", 2022, ""},
		{"broken-link.pdf", schema.StatusFailed, schema.ErrUnreadable, "", 0, ""},
		{"damaged.zip", schema.StatusFailed, schema.ErrUnreadable, "", 0, ""},
		{"empty.txt", schema.StatusFailed, schema.ErrNotAReport, "", 0, ""},
		{"reports.zip!/big.txt", schema.StatusFailed, schema.ErrTooLarge, "", 0, ""},
		{"reports.zip!/nested.zip!/deep.txt", schema.StatusOK, "", "丙县人民政府", 2023, ""},
		{"reports.zip!/乙县/乙县_2023.txt", schema.StatusOK, "", "乙县人民政府", 2023, ""},
	}
	if got := readRows(t, out, prefix); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n%v\nwant\n%v", got, want)
	}
	// notes.md is parsed and found no report; a/甲县_2022.json is JSON,
	// skipped unparsed.
	if len(p.parsed) != 7 || res.Parsed != 9 || res.Duplicates != 1 || res.NotReports != 2 {
		t.Errorf("parsed %d files (%d rows, %d duplicates, %d not reports), want 7 (9, 1, 2): %v", len(p.parsed), res.Parsed, res.Duplicates, res.NotReports, p.parsed)
	}
	var cross []finding
	for _, f := range res.Continuity {
		f.File, f.OtherFile = strings.TrimPrefix(f.File, prefix), strings.TrimPrefix(f.OtherFile, prefix)
		cross = append(cross, brief([]schema.Finding{f})...)
	}
	if len(cross) != 7 || cross[0] != (finding{"a/甲县_2023.txt", "a/甲县_2022.txt", RuleCarry, schema.SeverityError,
		"requests.carried_over.natural_person", 3, 5}) {
		t.Errorf("continuity findings: %v", cross)
	}
	s := res.Summary
	if s.Files != 10 || s.Statuses[schema.StatusOK] != 5 || s.Statuses[schema.StatusFailed] != 4 || s.Statuses[StatusSkipped] != 2 ||
		s.Rules[string(RuleCarry)] != (RuleCount{Errors: 7}) || s.ExitCode != 2 {
		t.Errorf("summary: %+v", s)
	}
	if got := s.Presence.Agencies[0]; got.Agency != "丙县人民政府" || !reflect.DeepEqual(got.Gaps, []int{2022}) {
		t.Errorf("presence: %+v", s.Presence)
	}
	findings, _ := os.ReadFile(filepath.Join(out, FindingsCSV))
	if n := strings.Count(string(findings), "continuity.carry"); n != 7 {
		t.Errorf("findings.csv has %d continuity.carry rows, want 7:\n%s", n, findings)
	}

	// A second run finds everything done and changes nothing.
	first := allOutputs(t, out)
	p2 := &fakeParser{}
	opt.Parser = p2
	res, err = Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.parsed) != 0 || res.Parsed != 0 || res.Skipped != 12 {
		t.Errorf("re-run parsed %v, skipped %d", p2.parsed, res.Skipped)
	}
	if got := allOutputs(t, out); !reflect.DeepEqual(got, first) {
		t.Errorf("re-run changed the outputs")
	}
}

// A run stopped midway and run again ends with the same outputs, byte for
// byte, as a run that was never stopped.
func TestBatchResumes(t *testing.T) {
	in := archiveTree(t)
	whole := t.TempDir()
	if _, err := Run(context.Background(), Options{Paths: []string{in}, Out: whole, Jobs: 2, MaxSize: 1024, Parser: &fakeParser{}}); err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{1, 3, 5} {
		t.Run(strconv.Itoa(at), func(t *testing.T) {
			out := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opt := Options{Paths: []string{in}, Out: out, Jobs: 2, MaxSize: 1024, Parser: &fakeParser{cancelAt: at, cancel: cancel}}
			if _, err := Run(ctx, opt); !errors.Is(err, context.Canceled) {
				t.Fatalf("stopped run: %v", err)
			}
			opt.Parser = &fakeParser{}
			res, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if n := res.Skipped + res.Parsed + res.Duplicates + res.NotReports; n != 12 {
				t.Errorf("resumed run: %d skipped + %d parsed + %d duplicates + %d not reports, want 12 files", res.Skipped, res.Parsed, res.Duplicates, res.NotReports)
			}
			if got, want := allOutputs(t, out), allOutputs(t, whole); !reflect.DeepEqual(got, want) {
				t.Errorf("resumed outputs differ:\n%v\nwant\n%v", got, want)
			}
		})
	}
}

// Shards cover every file once, and their outputs concatenate to the rows
// of one whole run.
func TestBatchShards(t *testing.T) {
	in := t.TempDir()
	files := map[string][]byte{}
	for i := 0; i < 30; i++ {
		files["r"+strconv.Itoa(i)+".txt"] = []byte("某局 " + strconv.Itoa(2000+i) + " 0 0")
	}
	tree(t, in, files)
	whole := t.TempDir()
	if _, err := Run(context.Background(), Options{Paths: []string{in}, Out: whole, Parser: &fakeParser{}}); err != nil {
		t.Fatal(err)
	}
	var joined []string
	for i := 1; i <= 3; i++ {
		out := t.TempDir()
		res, err := Run(context.Background(), Options{Paths: []string{in}, Out: out, Shard: Shard{i, 3}, Parser: &fakeParser{}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Parsed == 0 || res.Parsed == 30 {
			t.Errorf("shard %d/3 holds %d of 30 files", i, res.Parsed)
		}
		joined = append(joined, lines(t, filepath.Join(out, ReportsJSONL))...)
	}
	sort.Strings(joined)
	if want := lines(t, filepath.Join(whole, ReportsJSONL)); !reflect.DeepEqual(joined, want) {
		t.Errorf("shards joined: %d rows, want %d", len(joined), len(want))
	}
}

func lines(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

// BenchmarkRunOverhead is the batch's own cost per file (listing, reading,
// hashing, verifying, encoding, appending, the done log), with a parser
// that does next to nothing: 500 files a run.
func BenchmarkRunOverhead(b *testing.B) {
	in := b.TempDir()
	for i := 0; i < 500; i++ {
		data := []byte(fmt.Sprintf("某县人民政府 %d %d %d", 2000+i%20, i%3, i%5))
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("r%03d.txt", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		out := filepath.Join(b.TempDir(), strconv.Itoa(n))
		if _, err := Run(context.Background(), Options{Paths: []string{in}, Out: out, Jobs: 2, Parser: &fakeParser{}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(500*b.N), "ns/file")
}

// With BOM each CSV starts with a byte-order mark, once, also when resumed.
func TestBatchBOM(t *testing.T) {
	in := t.TempDir()
	tree(t, in, map[string][]byte{"a.txt": []byte("甲 2022 0 0"), "b.txt": []byte("甲 2023 0 0")})
	out := t.TempDir()
	for i := 0; i < 2; i++ {
		if _, err := Run(context.Background(), Options{Paths: []string{in}, Out: out, BOM: true, Parser: &fakeParser{}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{ReportsCSV, CellsCSV, FindingsCSV} {
		data, _ := os.ReadFile(filepath.Join(out, name))
		if !bytes.HasPrefix(data, []byte("\uFEFFfile,")) || bytes.Count(data, []byte("\uFEFF")) != 1 {
			t.Errorf("%s starts %q", name, data[:min(len(data), 12)])
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, ReportsJSONL)); bytes.Contains(data, []byte("\uFEFF")) {
		t.Error("reports.jsonl has a byte-order mark")
	}
}
