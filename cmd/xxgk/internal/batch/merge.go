package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"xxgk/extract"
	"xxgk/schema"
)

// Merge writes into out what one batch over the inputs of all the shard
// folders dirs would have written: the reports of every folder in path
// order, a content met again (same sha256, in the same or another shard)
// written as a duplicate of its first file, and the cross-report findings,
// summary, audit page and datasets over everything. Every shard must be a
// finished batch (its last done line final), and out must hold no batch.
//
// The shards of `batch --shard i/n` list the files in path order, so Merge
// reads them side by side, one report of each at a time: memory stays at
// a record per file, as for a batch.
func Merge(ctx context.Context, dirs []string, out string) (*Result, error) {
	if len(dirs) == 0 {
		return nil, errors.New("merge: no batch folders given")
	}
	var shards []*shardReader
	defer func() {
		for _, s := range shards {
			s.close()
		}
	}()
	outAbs, _ := filepath.Abs(out)
	bom := false
	for i, d := range dirs {
		if abs, _ := filepath.Abs(d); abs == outAbs {
			return nil, fmt.Errorf("merge: %s is the output folder", d)
		}
		s, err := openShard(d)
		if err != nil {
			return nil, err
		}
		shards = append(shards, s)
		if i == 0 {
			bom = s.bom
		} else if s.bom != bom {
			return nil, fmt.Errorf("merge: %s and %s differ in --bom", dirs[0], d)
		}
	}
	headers := [3][]string{schema.WideHeader(), schema.CellHeader(), schema.FindingHeader()}
	if bom {
		for _, h := range headers {
			h[0] = "\uFEFF" + h[0]
		}
	}
	st, err := openStore(out, headers)
	if err != nil {
		return nil, err
	}
	defer st.close()
	if len(st.records) > 0 {
		return nil, fmt.Errorf("merge: %s already holds a batch; merge into a new folder", out)
	}

	res := &Result{}
	firstBySHA := map[string]string{}
	recordBySHA := map[string]Record{}
	last := ""
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		next := -1
		for i, s := range shards {
			if s.more() && (next < 0 || s.peek() < shards[next].peek()) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		s := shards[next]
		r, err := s.pop()
		if err != nil {
			return res, err
		}
		if r.File == last {
			// The same file in two folders: one shard run twice, or
			// folders that overlap. Its rows are written once.
			continue
		}
		last = r.File
		in := result{report: r}
		if first, ok := firstBySHA[r.SHA256]; ok && r.SHA256 != "" {
			in = result{duplicateOf: first, report: &schema.Report{
				File: r.File, SHA256: r.SHA256, Version: r.Version, Status: schema.StatusDuplicate,
				ErrorMessage: fmt.Sprintf("%s: same content as %s", r.File, first)}}
		} else if r.DuplicateOf != "" {
			return res, fmt.Errorf("merge: %s: %s is a duplicate of %s, which comes before it in no folder", s.dir, r.File, r.DuplicateOf)
		} else if r.SHA256 != "" {
			firstBySHA[r.SHA256] = r.File
		}
		if _, err := commit(st, in, recordBySHA); err != nil {
			return res, err
		}
		if in.duplicateOf != "" {
			res.Duplicates++
		} else {
			res.Parsed++
		}
	}
	res.Continuity, res.Summary, err = conclude(out, st)
	return res, err
}

// shardReader reads the reports of one finished batch folder in order,
// with its skipped files (no reports, only done lines) in their places.
type shardReader struct {
	dir     string
	f       *os.File
	dec     *json.Decoder
	head    *schema.Report // the next report; nil at the end
	skipped []Record       // the skipped files not yet read, in path order
	bom     bool           // its CSV files start with a byte-order mark
}

// more reports whether a file is left to read.
func (s *shardReader) more() bool { return s.head != nil || len(s.skipped) > 0 }

// peek names the next file; more must be true.
func (s *shardReader) peek() string {
	if len(s.skipped) > 0 && (s.head == nil || s.skipped[0].File < s.head.File) {
		return s.skipped[0].File
	}
	return s.head.File
}

// pop returns the next file's report: a skipped file's made again from its
// done line, as batch made it.
func (s *shardReader) pop() (*schema.Report, error) {
	if len(s.skipped) > 0 && (s.head == nil || s.skipped[0].File < s.head.File) {
		rec := s.skipped[0]
		s.skipped = s.skipped[1:]
		return &schema.Report{File: rec.File, SHA256: rec.SHA256, Format: rec.Format, Version: extract.Version, Status: StatusSkipped}, nil
	}
	r := s.head
	return r, s.advance()
}

func openShard(dir string) (*shardReader, error) {
	done, err := os.ReadFile(filepath.Join(dir, DoneLog))
	if err != nil {
		return nil, fmt.Errorf("merge: %s is no batch folder: %w", dir, err)
	}
	lines := bytes.Split(bytes.TrimRight(done, "\n"), []byte("\n"))
	var final doneEntry
	if json.Unmarshal(lines[len(lines)-1], &final) != nil || !final.Final {
		return nil, fmt.Errorf("merge: %s: the batch did not finish; run it again into the folder first", dir)
	}
	f, err := os.Open(filepath.Join(dir, ReportsJSONL))
	if err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	var skipped []Record
	for _, line := range lines {
		var e doneEntry
		if json.Unmarshal(line, &e) == nil && e.Record != nil && e.Status == StatusSkipped {
			skipped = append(skipped, *e.Record)
		}
	}
	s := &shardReader{dir: dir, f: f, skipped: skipped,
		// The rows up to the final done line are the batch's; anything
		// after it is not.
		dec: json.NewDecoder(bufio.NewReader(io.LimitReader(f, final.Sizes[0])))}
	if csv, err := os.Open(filepath.Join(dir, ReportsCSV)); err == nil {
		var b [3]byte
		n, _ := io.ReadFull(csv, b[:])
		s.bom = n == 3 && string(b[:]) == "\uFEFF"
		csv.Close()
	}
	if err := s.advance(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// advance reads the next report into head.
func (s *shardReader) advance() error {
	var r schema.Report
	err := s.dec.Decode(&r)
	if err == io.EOF {
		s.head = nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("merge: %s: %w", filepath.Join(s.dir, ReportsJSONL), err)
	}
	if s.head != nil && r.File <= s.head.File {
		return fmt.Errorf("merge: %s: %s comes after %s: the reports are not in path order", filepath.Join(s.dir, ReportsJSONL), r.File, s.head.File)
	}
	s.head = &r
	return nil
}

func (s *shardReader) close() { s.f.Close() }
