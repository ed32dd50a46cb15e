package batch

import (
	"archive/zip"
	"bytes"
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
	"xxgk/schema"
)

// Input is one file to read: a file on disk or an entry of a zip archive.
type Input struct {
	// Path is the file's name in the outputs: the argument it was found
	// under joined with its path below it; a zip entry is written
	// archive.zip!/dir/name.
	Path string
	// Rel is the path below the argument, slash-separated: what --shard
	// hashes, so a shard holds the same files wherever the archive sits.
	Rel  string
	open func() ([]byte, error)
}

// Read returns the file's content. Its errors are *schema.Error with the
// code a report row needs (unreadable, too_large).
func (in Input) Read() ([]byte, error) { return in.open() }

// Inputs is the sorted list of files found, holding open the zip archives
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

// Collect lists the files under paths: folders recursively, zip archives
// (also inside folders and inside other archives) entry by entry, plain
// files as they are. It leaves out hidden files and folders, the folder
// skip (the batch's own output), and the data, notes and scripts that
// travel with reports (.json, .jsonl, .csv, .md, .go, .py, .sh). Files
// larger than maxSize are listed but fail to read with too_large. The list
// is sorted by Path, each path once.
//
// A file that cannot be opened is still listed, so that it gets its row
// with the reason; only a path argument that does not exist is an error.
func Collect(paths []string, skip string, maxSize int64) (*Inputs, error) {
	s := &Inputs{}
	skipAbs, _ := filepath.Abs(skip)
	for _, root := range paths {
		root = filepath.Clean(root)
		info, err := os.Stat(root)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("batch input: %w", err)
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
				return err
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
			if notAReport(d.Name()) {
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

func (s *Inputs) addFile(p, rel string, maxSize int64) {
	if !isZipName(p) {
		s.Files = append(s.Files, Input{Path: p, Rel: rel, open: func() ([]byte, error) { return readFile(p, maxSize) }})
		return
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		s.addFailed(p, rel, schema.ErrUnreadable, fmt.Errorf("a damaged zip archive: %w", err))
		return
	}
	s.closers = append(s.closers, zr)
	s.addZip(&zr.Reader, p, rel, maxSize)
}

// addZip lists the entries of an archive. A nested archive is read into
// memory (up to maxSize) and listed in turn.
func (s *Inputs) addZip(zr *zip.Reader, zpath, zrel string, maxSize int64) {
	for _, f := range zr.File {
		name := archive.Name(f) // GBK names of Chinese Windows tools decoded
		if f.FileInfo().IsDir() || notAReport(path.Base(name)) || hiddenPath(name) {
			continue
		}
		p, rel := zpath+"!/"+name, zrel+"!/"+name
		open := func() ([]byte, error) { return readEntry(f, p, maxSize) }
		if !isZipName(name) {
			s.Files = append(s.Files, Input{Path: p, Rel: rel, open: open})
			continue
		}
		data, err := open()
		if err != nil {
			s.addFailed(p, rel, schema.CodeOf(err), err)
			continue
		}
		inner, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			s.addFailed(p, rel, schema.ErrUnreadable, fmt.Errorf("a damaged zip archive: %w", err))
			continue
		}
		s.addZip(inner, p, rel, maxSize)
	}
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
	return readLimited(f, p, maxSize)
}

func readEntry(f *zip.File, p string, maxSize int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(maxSize) {
		return nil, &schema.Error{Code: schema.ErrTooLarge, File: p,
			Err: fmt.Errorf("%d bytes unpacked, more than the limit of %d", f.UncompressedSize64, maxSize)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: p, Err: err}
	}
	defer rc.Close()
	return readLimited(rc, p, maxSize)
}

// readLimited reads at most maxSize bytes: sizes in headers can lie.
func readLimited(r io.Reader, p string, maxSize int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, &schema.Error{Code: schema.ErrUnreadable, File: p, Err: err}
	}
	if int64(len(data)) > maxSize {
		return nil, &schema.Error{Code: schema.ErrTooLarge, File: p,
			Err: fmt.Errorf("larger than the limit of %d bytes", maxSize)}
	}
	return data, nil
}

func isZipName(p string) bool { return strings.EqualFold(path.Ext(filepath.ToSlash(p)), ".zip") }

func hidden(name string) bool { return strings.HasPrefix(name, ".") }

func hiddenPath(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if hidden(part) || part == "__MACOSX" {
			return true
		}
	}
	return false
}

func notAReport(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".jsonl", ".csv", ".md", ".go", ".py", ".sh":
		return true
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
