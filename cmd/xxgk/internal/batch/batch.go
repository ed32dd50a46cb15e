package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"xxgk/cmd/xxgk/internal/audit"
	"xxgk/cmd/xxgk/internal/dataset"
	"xxgk/extract"
	"xxgk/extract/runner"
	"xxgk/schema"
)

// Parser reads one file into a report. It never returns nil: a file it
// cannot read comes back failed, with its error code and message.
type Parser interface {
	Parse(ctx context.Context, name string, data []byte) *schema.Report
}

// InProcess parses in the batch's own process with extract.Parse: for
// tests, and for files that are trusted.
type InProcess struct{}

// Parse implements Parser.
func (InProcess) Parse(ctx context.Context, name string, data []byte) *schema.Report {
	return extract.Parse(ctx, name, data)
}

// Isolated parses in the worker processes of a runner pool, so that a
// hostile file that crashes, stalls or bloats its parser costs only its own
// row.
type Isolated struct{ Pool *runner.Pool }

// Parse implements Parser.
func (p Isolated) Parse(ctx context.Context, name string, data []byte) *schema.Report {
	return p.Pool.Do(ctx, runner.Job{Name: name, Data: data})
}

// DefaultMaxSize is the largest file a batch reads, the runner's limit:
// real reports stay far below it, and a zip bomb cannot exhaust memory.
const DefaultMaxSize = runner.DefaultMaxFileSize

// Options say what a batch reads and where it writes.
type Options struct {
	Paths   []string // folders, zip archives and files
	Out     string   // output folder
	Jobs    int      // files parsed at once; 0 means one per core
	Shard   Shard    // the part of the inputs to process; zero for all
	MaxSize int64    // larger files fail with too_large; 0 means DefaultMaxSize
	Parser  Parser   // nil means InProcess
	BOM     bool     // start the CSV files with a byte-order mark, for Excel
	// Progress receives a progress bar (Terminal) or one log line per file;
	// nil for silence.
	Progress io.Writer
	Terminal bool
	// Pause, after each file's rows are written, lets tests kill a run
	// midway at leisure.
	Pause time.Duration
	// Name, when set, gives each file its name in the outputs from the
	// path it was found under (serve names uploads by their path below the
	// upload folder). It must keep the paths' order and tell them apart.
	Name func(path string) string
}

// Result tells what a run did and what the output folder now holds.
type Result struct {
	Parsed     int // files parsed by this run
	Duplicates int // files of this run with the content of an earlier file
	// NotReports counts the files of this run read but holding no report
	// (status skipped: manifests, CSV and TSV tables, notes).
	NotReports int
	Skipped    int // files done by an earlier run into the same folder
	// Continuity holds the cross-report findings over every file in the
	// output folder.
	Continuity []schema.Finding
	Summary    Summary // of every file in the output folder
}

// Run audits the inputs into opt.Out. Files an earlier run into the same
// folder wrote are skipped; each other file is read, and parsed unless an
// earlier file has the same content, and its rows are appended in path order
// as soon as it and every file before it are done. Then the cross-report
// findings and summary.json are written over all files in the folder.
//
// When ctx is cancelled, Run stops at once and returns ctx's error: what it
// wrote stays, and the next run goes on from there.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	if opt.MaxSize <= 0 {
		opt.MaxSize = DefaultMaxSize
	}
	if opt.Parser == nil {
		opt.Parser = InProcess{}
	}
	inputs, err := Collect(opt.Paths, opt.Out, opt.MaxSize)
	if err != nil {
		return nil, err
	}
	defer inputs.Close()
	if opt.Name != nil {
		for i := range inputs.Files {
			inputs.Files[i].Path = opt.Name(inputs.Files[i].Path)
		}
	}

	headers := [3][]string{schema.WideHeader(), schema.CellHeader(), schema.FindingHeader()}
	if opt.BOM {
		for _, h := range headers {
			h[0] = "\uFEFF" + h[0]
		}
	}
	st, err := openStore(opt.Out, headers)
	if err != nil {
		return nil, err
	}
	defer st.close()

	res := &Result{}
	done := map[string]bool{}
	for _, r := range st.records {
		done[r.File] = true
	}
	var todo []Input
	for _, in := range inputs.Files {
		switch {
		case !opt.Shard.Holds(in.Rel):
		case done[in.Path]:
			res.Skipped++
		default:
			todo = append(todo, in)
		}
	}

	prog := newProgress(opt.Progress, opt.Terminal, len(todo), res.Skipped)
	runErr := process(ctx, opt, st, todo, res, prog)
	prog.finish()
	if runErr != nil {
		return res, runErr
	}

	res.Continuity, res.Summary, err = conclude(opt.Out, st)
	return res, err
}

// conclude writes what a run writes over every file of the folder once the
// rows are in: the cross-report findings (appended to findings.csv),
// summary.json, agencies.csv, audit.html and the datasets (package
// dataset).
func conclude(dir string, st *store) ([]schema.Finding, Summary, error) {
	cross := Continuity(st.records)
	var rows [][]string
	for _, f := range cross {
		rows = append(rows, schema.FindingRow(f))
	}
	if err := st.finish(rows); err != nil {
		return cross, Summary{}, err
	}
	sum := Summarize(st.records, cross)
	if err := writeJSON(filepath.Join(dir, SummaryJSON), sum); err != nil {
		return cross, sum, err
	}
	ids := AgencyIDs(st.records)
	if err := writeAgencies(filepath.Join(dir, AgenciesCSV), ids); err != nil {
		return cross, sum, err
	}
	return cross, sum, writeViews(dir, cross, ids)
}

// writeViews writes the audit page and the datasets over every report in
// the folder, streaming reports.jsonl. Each file's findings are computed
// again rather than read back from findings.csv: the verifier is pure and
// cheap.
func writeViews(dir string, cross []schema.Finding, ids map[string]string) error {
	f, err := os.Open(filepath.Join(dir, ReportsJSONL))
	if err != nil {
		return err
	}
	defer f.Close()
	ds, err := dataset.Create(dir, ids)
	if err != nil {
		return err
	}
	var page audit.Page
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var line schema.Report
		if err := dec.Decode(&line); err == io.EOF {
			break
		} else if err != nil {
			ds.Abort()
			return fmt.Errorf("%s: %w", ReportsJSONL, err)
		}
		var findings []schema.Finding
		if line.DuplicateOf == "" {
			findings = extract.Check(&line)
		}
		page.Add(&line, findings...)
		if err := ds.Add(&line, findings); err != nil {
			ds.Abort()
			return err
		}
	}
	page.AddFindings(cross...)
	if err := ds.AddFindings(cross); err != nil {
		ds.Abort()
		return err
	}
	if err := ds.Close(); err != nil {
		return err
	}
	return page.WriteFile(dir)
}

// writeAgencies replaces path with agencies.csv: every agency name of the
// folder and its agency_id, sorted by name, so that the CSV outputs (which
// are written file by file, before the ids are known) join to the id.
func writeAgencies(path string, ids map[string]string) error {
	names := make([]string, 0, len(ids))
	for n := range ids {
		names = append(names, n)
	}
	sort.Strings(names)
	rows := [][]string{{"agency", "agency_id"}}
	for _, n := range names {
		rows = append(rows, []string{n, ids[n]})
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, csvBytes(rows), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// job is a file on its way through the parser: read, or with its report
// already made (unreadable, or a duplicate).
type job struct {
	index       int
	in          Input
	data        []byte
	report      *schema.Report // set: nothing to parse
	duplicateOf string
}

type result struct {
	index       int
	report      *schema.Report
	duplicateOf string
}

// process reads todo in order, parses distinct contents on opt.Jobs
// workers (runner.Ordered, the project's one ordered parallel map), and
// writes the reports in order.
func process(ctx context.Context, opt Options, st *store, todo []Input, res *Result, prog *progress) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	firstBySHA := map[string]string{}
	recordBySHA := map[string]Record{}
	for _, r := range st.records {
		if r.SHA256 != "" && r.DuplicateOf == "" {
			if _, ok := firstBySHA[r.SHA256]; !ok {
				firstBySHA[r.SHA256], recordBySHA[r.SHA256] = r.File, r
			}
		}
	}

	jobs := make(chan job)
	go func() { // reader: one file at a time, in order
		defer close(jobs)
		for i, in := range todo {
			if ctx.Err() != nil {
				return
			}
			j := job{index: i, in: in}
			data, err := in.Read()
			switch {
			case err != nil:
				j.report = &schema.Report{File: in.Path, Version: extract.Version}
				j.report.Fail(err)
			default:
				sum := sha256.Sum256(data)
				sha := hex.EncodeToString(sum[:])
				if first, ok := firstBySHA[sha]; ok {
					j.duplicateOf, j.report = first, &schema.Report{
						File: in.Path, SHA256: sha, Version: extract.Version, Status: schema.StatusDuplicate,
						ErrorMessage: fmt.Sprintf("%s: same content as %s", in.Path, first)}
				} else {
					firstBySHA[sha], j.data = in.Path, data
				}
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	// window bounds the files read but not yet written, so that one slow
	// file holds back a bounded number of finished ones.
	results := runner.Ordered(jobs, opt.Jobs, 4*opt.Jobs+8, func(j job) result {
		if j.report != nil || ctx.Err() != nil {
			return result{index: j.index, report: j.report, duplicateOf: j.duplicateOf}
		}
		if dataOrCode(j.data) {
			sum := sha256.Sum256(j.data)
			return result{index: j.index, report: &schema.Report{File: j.in.Path, SHA256: hex.EncodeToString(sum[:]),
				Version: extract.Version, Status: StatusSkipped, ErrorMessage: j.in.Path + ": data or program code, not a report"}}
		}
		r := opt.Parser.Parse(ctx, j.in.Path, j.data)
		if notAReport(r, j.data) {
			r.Status = StatusSkipped
		}
		return result{index: j.index, report: r}
	})
	// No parse outlives the run: after a cancel, the results still on
	// their way are waited for and dropped.
	defer func() {
		cancel()
		for range results {
		}
	}()

	for next := 0; next < len(todo); next++ {
		var r result
		select {
		case r = <-results:
		case <-ctx.Done():
			return ctx.Err()
		}
		if ctx.Err() != nil || r.report == nil {
			// A parse cut short is no result: leave the file to the
			// next run.
			return ctx.Err()
		}
		rec, err := commit(st, r, recordBySHA)
		if err != nil {
			return err
		}
		switch {
		case r.duplicateOf != "":
			res.Duplicates++
		case rec.Status == StatusSkipped:
			res.NotReports++
		default:
			res.Parsed++
		}
		prog.file(rec)
		if opt.Pause > 0 {
			time.Sleep(opt.Pause)
		}
	}
	return nil
}

// commit completes a report (agency and year, duplicates' copy of the
// first file's identity), verifies it and writes its rows.
func commit(st *store, res result, recordBySHA map[string]Record) (Record, error) {
	r := res.report
	var findings []schema.Finding
	r.DuplicateOf = res.duplicateOf
	if r.Status == StatusSkipped {
		// No report: no rows, only the record that counts it and lets a
		// resumed run pass it by.
		rec := NewRecord(r, nil, "")
		return rec, st.append(rows{}, rec)
	}
	if res.duplicateOf != "" {
		first := recordBySHA[r.SHA256]
		r.Format, r.Agency, r.Year, r.Template = first.Format, first.Agency, first.Year, first.Template
	} else {
		fillIdentity(r)
		findings = extract.Check(r)
	}
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(false) // as parse --format jsonl writes it
	if err := enc.Encode(r); err != nil {
		return Record{}, fmt.Errorf("%s: %w", r.File, err)
	}
	rw := rows{json: line.Bytes(), wide: schema.WideRow(r, findings), cells: schema.CellRows(r)}
	for _, f := range findings {
		rw.findings = append(rw.findings, schema.FindingRow(f))
	}
	rec := NewRecord(r, findings, res.duplicateOf)
	if err := st.append(rw, rec); err != nil {
		return Record{}, err
	}
	if res.duplicateOf == "" && r.SHA256 != "" {
		if _, ok := recordBySHA[r.SHA256]; !ok {
			recordBySHA[r.SHA256] = rec
		}
	}
	return rec, nil
}

// fillIdentity sets agency and year where the matcher could not.
func fillIdentity(r *schema.Report) {
	if r.Agency != "" && r.Year != 0 {
		return
	}
	var body strings.Builder
	for _, s := range r.Sections {
		body.WriteString(s.Heading + "\n" + s.Text + "\n")
	}
	id := Identify(Evidence{Body: body.String(), Name: r.File})
	if r.Agency == "" {
		r.Agency = id.Agency
	}
	if r.Year == 0 {
		r.Year = id.Year
	}
}

// writeJSON replaces path with v as indented JSON, whole or not at all.
func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
