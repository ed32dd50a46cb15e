package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// The files a batch writes into its output folder.
const (
	ReportsJSONL = "reports.jsonl"
	ReportsCSV   = "reports.csv"
	CellsCSV     = "cells.csv"
	FindingsCSV  = "findings.csv"
	SummaryJSON  = "summary.json"
	// AgenciesCSV maps every agency name to its agency_id.
	AgenciesCSV = "agencies.csv"
	// DoneLog lists the files whose rows are written, one JSON line each,
	// written after the rows: the batch's memory between runs.
	DoneLog = "done.jsonl"
)

// The appended outputs, in the order of doneEntry.Sizes.
var outputNames = [4]string{ReportsJSONL, ReportsCSV, CellsCSV, FindingsCSV}

// rows are what one file adds to each appended output.
type rows struct {
	json     []byte // one line of reports.jsonl, newline included
	wide     []string
	cells    [][]string
	findings [][]string
}

// doneEntry is a line of done.jsonl: a file's record and the sizes of the
// four outputs once its rows were written. The closing line of a finished
// run (Final) records the sizes after the cross-report findings.
type doneEntry struct {
	*Record
	Final bool     `json:"final,omitempty"`
	Sizes [4]int64 `json:"sizes"`
}

// store is a batch's output folder. Each file's rows are appended to the
// outputs and only then its line to done.jsonl, so on opening, the last
// complete done line whose sizes the outputs reach says what is written for
// sure; anything after it (rows of a file killed midway, the cross-report
// findings of the last run) is cut off. Nothing is written twice and nothing
// done is lost, whatever moment the process was killed.
type store struct {
	outs     [4]*os.File
	sizes    [4]int64
	done     *os.File
	records  []Record // of the files done, in order
	lastSync time.Time
}

// syncEvery bounds what a power cut can take back; a killed process loses
// nothing either way, since written data sits in the page cache.
const syncEvery = time.Second

// openStore opens or creates the outputs in dir, recovers what earlier runs
// wrote completely and cuts off the rest. headers are the first rows of the
// three CSV files.
func openStore(dir string, headers [3][]string) (*store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("batch output: %w", err)
	}
	s := &store{lastSync: time.Now()}
	var err error
	for i, name := range outputNames {
		if s.outs[i], err = os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644); err != nil {
			s.close()
			return nil, fmt.Errorf("batch output: %w", err)
		}
	}
	if s.done, err = os.OpenFile(filepath.Join(dir, DoneLog), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644); err != nil {
		s.close()
		return nil, fmt.Errorf("batch output: %w", err)
	}
	// Two runs appending into one folder would interleave their rows. The
	// lock goes with the process, however it ends.
	if err := syscall.Flock(int(s.done.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		s.close()
		return nil, fmt.Errorf("batch output %s: another batch is writing into it: %w", dir, err)
	}
	if err := s.recover(headers); err != nil {
		s.close()
		return nil, fmt.Errorf("batch output %s: %w", dir, err)
	}
	return s, nil
}

func (s *store) recover(headers [3][]string) error {
	var actual [4]int64
	for i, f := range s.outs {
		st, err := f.Stat()
		if err != nil {
			return err
		}
		actual[i] = st.Size()
	}
	data, err := io.ReadAll(s.done)
	if err != nil {
		return err
	}
	var (
		keep   int64 // bytes of done.jsonl to keep
		sizes  [4]int64
		offset int64
	)
	for len(data) > 0 {
		line, rest, complete := bytes.Cut(data, []byte("\n"))
		if !complete {
			break
		}
		var e doneEntry
		if json.Unmarshal(line, &e) != nil || !within(sizes, e.Sizes, actual) {
			break
		}
		offset += int64(len(line)) + 1
		data = rest
		if e.Final {
			continue
		}
		if e.Record == nil {
			break
		}
		s.records = append(s.records, *e.Record)
		keep, sizes = offset, e.Sizes
	}
	if len(s.records) == 0 {
		return s.reset(headers)
	}
	s.sizes = sizes
	if err := s.done.Truncate(keep); err != nil {
		return err
	}
	for i, f := range s.outs {
		if err := f.Truncate(sizes[i]); err != nil {
			return err
		}
	}
	return nil
}

// within tells whether the sizes of a done line are believable: no smaller
// than those before it and no larger than the files are (a power cut can
// save the done line but not the rows).
func within(before, sizes, actual [4]int64) bool {
	for i := range sizes {
		if sizes[i] < before[i] || sizes[i] > actual[i] {
			return false
		}
	}
	return true
}

// reset starts the outputs afresh with their headers.
func (s *store) reset(headers [3][]string) error {
	if err := s.done.Truncate(0); err != nil {
		return err
	}
	for i, f := range s.outs {
		if err := f.Truncate(0); err != nil {
			return err
		}
		s.sizes[i] = 0
		if i == 0 {
			continue
		}
		if err := s.write(i, csvBytes([][]string{headers[i-1]})); err != nil {
			return err
		}
	}
	return nil
}

// append writes one file's rows, then its done line.
func (s *store) append(r rows, rec Record) error {
	parts := [4][]byte{r.json, csvBytes([][]string{r.wide}), csvBytes(r.cells), csvBytes(r.findings)}
	if r.wide == nil {
		parts[1] = nil // a skipped file has no rows
	}
	for i, p := range parts {
		if err := s.write(i, p); err != nil {
			return err
		}
	}
	if err := s.writeDone(doneEntry{Record: &rec, Sizes: s.sizes}); err != nil {
		return err
	}
	s.records = append(s.records, rec)
	if time.Since(s.lastSync) > syncEvery {
		return s.sync()
	}
	return nil
}

// finish appends the cross-report findings and the closing done line. The
// next run cuts them off and writes them anew over all its files.
func (s *store) finish(findings [][]string) error {
	if err := s.write(3, csvBytes(findings)); err != nil {
		return err
	}
	if err := s.writeDone(doneEntry{Final: true, Sizes: s.sizes}); err != nil {
		return err
	}
	return s.sync()
}

func (s *store) write(i int, p []byte) error {
	if len(p) == 0 {
		return nil
	}
	n, err := s.outs[i].Write(p)
	s.sizes[i] += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", outputNames[i], err)
	}
	return nil
}

func (s *store) writeDone(e doneEntry) error {
	line, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := s.done.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", DoneLog, err)
	}
	return nil
}

// sync makes what is written durable. Its order does not matter: on
// opening, a done line is believed only if the outputs reach its sizes.
func (s *store) sync() error {
	s.lastSync = time.Now()
	var errs []error
	for _, f := range s.outs {
		errs = append(errs, f.Sync())
	}
	errs = append(errs, s.done.Sync())
	return errors.Join(errs...)
}

func (s *store) close() error {
	var errs []error
	for _, f := range append(s.outs[:], s.done) {
		if f != nil {
			errs = append(errs, f.Sync(), f.Close())
		}
	}
	return errors.Join(errs...)
}

func csvBytes(records [][]string) []byte {
	var b bytes.Buffer
	csv.NewWriter(&b).WriteAll(records) // writes to memory cannot fail
	return b.Bytes()
}
