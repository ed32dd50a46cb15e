// Package dataset writes a batch's datasets for analysts and auditors:
// reports.parquet, cells.parquet and findings.parquet (typed columns for
// DuckDB, pandas and Spark) and xxgk.xlsx (a workbook for people); and the
// workbook of `xxgk check --format xlsx`, each report drawn in the official
// layout. docs/datasets.md describes every column.
package dataset

import (
	"fmt"
	"os"
	"path/filepath"

	"xxgk/schema"
)

// Writer writes the datasets of one output folder from its reports, in
// the order added. Each file is written under a temporary name and renamed
// into place by Close, so an interrupted run leaves the previous files
// whole.
type Writer struct {
	dir   string
	ids   map[string]string
	files [4]*os.File // the three Parquet files and the workbook, in targets order
	pq    *parquetFiles
	book  *book
}

// targets are the files a Writer makes, in the order of Writer.files.
var targets = [4]string{ReportsParquet, CellsParquet, FindingsParquet, Workbook}

// Create starts the datasets in dir. agencyIDs maps agency names to their
// agency_id (package agency), resolved over the whole folder.
func Create(dir string, agencyIDs map[string]string) (*Writer, error) {
	w := &Writer{dir: dir, ids: agencyIDs}
	for i, name := range targets {
		f, err := os.CreateTemp(dir, "."+name+"-*")
		if err != nil {
			w.Abort()
			return nil, fmt.Errorf("dataset: %w", err)
		}
		w.files[i] = f
	}
	w.pq = newParquetFiles(w.files[0], w.files[1], w.files[2])
	var err error
	if w.book, err = newBook(); err != nil {
		w.Abort()
		return nil, fmt.Errorf("dataset: %s: %w", Workbook, err)
	}
	return w, nil
}

// Add writes one report and its own findings (none for a duplicate).
func (w *Writer) Add(r *schema.Report, findings []schema.Finding) error {
	id := w.ids[r.Agency]
	if err := w.pq.add(r, id, findings); err != nil {
		return err
	}
	return w.book.add(r, id, findings)
}

// AddFindings writes findings about several reports (continuity.*), after
// every report's own.
func (w *Writer) AddFindings(findings []schema.Finding) error {
	if err := w.pq.addFindings(nil, findings); err != nil {
		return err
	}
	return w.book.addFindings(nil, findings)
}

// Close finishes the files and renames them into place.
func (w *Writer) Close() error {
	err := w.pq.close()
	if err == nil {
		err = w.book.write(w.files[3])
	}
	for i, f := range w.files {
		if err == nil {
			// CreateTemp makes the file private; the datasets are for
			// whoever reads the folder.
			err = f.Chmod(0o644)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(f.Name(), filepath.Join(w.dir, targets[i]))
		}
	}
	if err != nil {
		w.Abort()
		return fmt.Errorf("dataset: %w", err)
	}
	return nil
}

// Abort removes what was written; the files in place stay as they were.
func (w *Writer) Abort() {
	for _, f := range w.files {
		if f != nil {
			f.Close()
			os.Remove(f.Name()) // fails for a file already renamed: nothing to undo
		}
	}
}
