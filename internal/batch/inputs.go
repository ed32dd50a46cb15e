package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"xxgk/extract/archive"
	"xxgk/extract/bounded"
	"xxgk/schema"
)

// Input is one file to read: a file on disk or an entry of an archive.
type Input struct {
	// Path is the file's name in the outputs: the argument it was found
	// under joined with its path below it; an archive entry is written
	// archive.zip!/dir/name (archive.tar.gz!/dir/name), one !/ per level.
	Path string
	// Rel is the path below the argument, slash-separated: what --shard
	// hashes, so a shard holds the same files wherever the archive sits.
	Rel  string
	open func() ([]byte, error)
}

// Read returns the file's content. Its errors are *schema.Error with the
// code a report row needs (unreadable, too_large).
func (in Input) Read() ([]byte, error) { return in.open() }

// Inputs is the sorted list of files found, holding open the archives
// whose entries it lists.
type Inputs struct {
	Files   []Input
	closers []io.Closer
}

// Close closes the archives.
func (s *Inputs) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// maxNesting bounds archives inside archives, the one on disk counted: a
// zip that contains itself would otherwise be listed without end.
const maxNesting = 3

// Collect lists the files under paths: folders recursively, archives
// (zip, tar, tar.gz/.tgz, told by their content, not their name; also
// inside folders and inside other archives) entry by entry with
// archive.List, every other file as it is. Which files are reports is
// decided when they are read (see Run): nothing is left out by its name.
// It leaves out hidden files and folders and the folder skip (the batch's
// own output). Files larger than maxSize are listed but fail to read with
// too_large. The list is sorted by Path, each path once.
//
// A path that does not exist or cannot be opened is still listed, so that
// it gets its row with the reason, and the others go on.
func Collect(paths []string, skip string, maxSize int64) (*Inputs, error) {
	s := &Inputs{}
	skipAbs, _ := filepath.Abs(skip)
	for _, root := range paths {
		root = filepath.Clean(root)
		info, err := os.Stat(root)
		if err != nil {
			s.addFailed(root, path.Base(filepath.ToSlash(root)), schema.ErrUnreadable, err)
			continue
		}
		if !info.IsDir() {
			s.addFile(root, path.Base(filepath.ToSlash(root)), maxSize)
			continue
		}
		// The slash makes WalkDir enter a root that is a link to a
		// folder, which it would otherwise list as one entry.
		walkRoot := root + string(filepath.Separator)
		err = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
			if p == walkRoot {
				if err != nil {
					s.addFailed(root, path.Base(filepath.ToSlash(root)), schema.ErrUnreadable, err)
				}
				return nil
			}
			if hidden(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); skip != "" && abs == skipAbs {
					return filepath.SkipDir
				}
				if err != nil {
					s.addFailed(p, relTo(root, p), schema.ErrUnreadable, err)
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Linked files are read; linked folders are not walked, so
				// a link loop cannot hang the batch.
				if st, err := os.Stat(p); err == nil && st.IsDir() {
					return nil
				}
			}
			s.addFile(p, relTo(root, p), maxSize)
			return nil
		})
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("batch input: %w", err)
		}
	}
	sort.SliceStable(s.Files, func(i, j int) bool { return s.Files[i].Path < s.Files[j].Path })
	out := s.Files[:0]
	for i, in := range s.Files {
		if i == 0 || in.Path != s.Files[i-1].Path {
			out = append(out, in)
		}
	}
	s.Files = out
	return s, nil
}

// addFile lists a file on disk: the entries of an archive, or the file.
func (s *Inputs) addFile(p, rel string, maxSize int64) {
	plain := Input{Path: p, Rel: rel, open: func() ([]byte, error) { return readFile(p, maxSize) }}
	f, err := os.Open(p)
	if err != nil {
		s.Files = append(s.Files, plain) // its read gives the row its reason
		return
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || archive.Detect(f, st.Size()) == "" {
		f.Close()
		s.Files = append(s.Files, plain)
		return
	}
	s.closers = append(s.closers, f)
	lim := archive.Limits{MaxDepth: maxNesting - 1, MaxEntry: maxSize}
	l, err := archive.List(context.Background(), p, f, st.Size(), lim)
	s.closers = append(s.closers, l)
	for _, it := range l.Items {
		ep, erel := p+"!/"+strings.Join(it.Levels, "!/"), rel+"!/"+strings.Join(it.Levels, "!/")
		if hiddenPath(it.Name) {
			continue
		}
		if it.Err != nil {
			s.addFailed(ep, erel, schema.CodeOf(it.Err), it.Err)
			continue
		}
		read := it.Read
		s.Files = append(s.Files, Input{Path: ep, Rel: erel, open: func() ([]byte, error) {
			data, err := read()
			if err != nil {
				return nil, named(err, ep)
			}
			return data, nil
		}})
	}
	if err != nil {
		// The archive itself is damaged or breaks a limit: one row says
		// so, after the entries listed before the stop.
		s.addFailed(p, rel, schema.CodeOf(err), err)
	}
}

// named returns err as a *schema.Error naming file.
func named(err error, file string) error {
	var se *schema.Error
	if errors.As(err, &se) {
		c := *se
		c.File = file
		return &c
	}
	return &schema.Error{Code: schema.ErrUnreadable, File: file, Err: err}
}

// addFailed lists a file that cannot be read, so that it still gets a row.
func (s *Inputs) addFailed(p, rel string, code schema.ErrorCode, err error) {
	e := &schema.Error{Code: code, File: p, Err: err}
	var se *schema.Error
	if errors.As(err, &se) {
		e.Err = se.Err
	}
	s.Files = append(s.Files, Input{Path: p, Rel: rel, open: func() ([]byte, error) { return nil, e }})
}

func readFile(p string, maxSize int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: p, Err: err}
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	data, err := bounded.ReadAll(f, maxSize, size, "the file")
	if err != nil {
		return nil, named(err, p)
	}
	return data, nil
}

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func hiddenPath(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if hidden(part) || part == "__MACOSX" {
			return true
		}
	}
	return false
}

func relTo(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// StatusSkipped is the status batch gives a file that is readable but no
// report: a manifest, a CSV or TSV table, notes, a script. It is counted
// in summary.json's statuses and kept in the folder's record of done
// files, and gets no rows in the outputs.
const StatusSkipped = schema.StatusSkipped

// notAReport tells whether a file read as text or Markdown holds no report
// (the matcher found no title, sections or tables): a non-report to skip.
// An empty file is a failed one (a download cut short), and so is a PDF or
// DOCX without a report: they claim to be documents.
func notAReport(r *schema.Report, data []byte) bool {
	return r.Status == schema.StatusFailed && r.ErrorCode == schema.ErrNotAReport &&
		(r.Format == "text" || r.Format == "markdown") && len(bytes.TrimSpace(data)) > 0
}

// dataOrCode tells, from its first bytes, a file that is data or a program
// rather than a document: JSON, or source code and scripts (which may well
// quote a report's headings). It is skipped unparsed.
func dataOrCode(data []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 512)], []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(head, []byte("{")) || bytes.HasPrefix(head, []byte("[")) {
		return json.Valid(data) // a JSON document, not text that opens with a bracket
	}
	for _, p := range []string{"package ", "#!", "// ", "import ", "#include", "<?php"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	return false
}
