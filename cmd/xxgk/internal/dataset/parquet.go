package dataset

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"xxgk/schema"
)

// The Parquet files of a batch output folder.
const (
	ReportsParquet  = "reports.parquet"
	CellsParquet    = "cells.parquet"
	FindingsParquet = "findings.parquet"
)

// Rows per row group: a row group is held in memory until it is written,
// so these bound the writers' memory (a reports row is some 300 values, a
// cells or findings row a few dozen).
const (
	reportsPerGroup  = 4096
	cellsPerGroup    = 128 << 10
	findingsPerGroup = 64 << 10
)

func writerOptions(rowsPerGroup int64) []parquet.WriterOption {
	return []parquet.WriterOption{parquet.Compression(&zstd.Codec{}), parquet.MaxRowsPerRowGroup(rowsPerGroup)}
}

// reportFixed are the columns of reports.parquet before the keys, as Go
// fields; reportType appends one field per key.
type reportFixed struct {
	File         string  `parquet:"file"`
	SHA256       *string `parquet:"sha256,optional"`
	Format       *string `parquet:"format,optional,dict"`
	Pages        *int32  `parquet:"pages,optional"`
	Status       string  `parquet:"status,dict"`
	ErrorCode    *string `parquet:"error_code,optional,dict"`
	ErrorMessage *string `parquet:"error_message,optional"`
	DuplicateOf  *string `parquet:"duplicate_of,optional"`
	Agency       *string `parquet:"agency,optional,dict"`
	AgencyID     *string `parquet:"agency_id,optional,dict"`
	Year         *int32  `parquet:"year,optional"`
	Template     *int32  `parquet:"template,optional"`
	OtherRows    *int32  `parquet:"other_rows,optional"`
	Errors       *int32  `parquet:"errors,optional"`
	Warnings     *int32  `parquet:"warnings,optional"`
	Version      string  `parquet:"xxgk_version,dict"`
}

// reportType is reportFixed followed by one optional column per key of
// both templates, named by the key: INT64 for counts, DOUBLE for amounts,
// a string for text keys.
var reportType = func() reflect.Type {
	fixed := reflect.TypeOf(reportFixed{})
	var fields []reflect.StructField
	for i := range fixed.NumField() {
		fields = append(fields, fixed.Field(i))
	}
	for i, k := range schema.Keys {
		var t reflect.Type
		switch k.Kind {
		case schema.Count, schema.SignedCount:
			t = reflect.TypeOf((*int64)(nil))
		case schema.Amount:
			t = reflect.TypeOf((*float64)(nil))
		default:
			t = reflect.TypeOf((*string)(nil))
		}
		fields = append(fields, reflect.StructField{
			Name: "K" + strconv.Itoa(i), Type: t,
			Tag: reflect.StructTag(`parquet:"` + k.Name + `,optional"`),
		})
	}
	return reflect.StructOf(fields)
}()

// cellRow is a row of cells.parquet: one entry of schema.LongCells.
type cellRow struct {
	File  string `parquet:"file,dict"`
	Key   string `parquet:"key,dict"`
	State string `parquet:"state,dict"`
	// Kind, Raw and the location are null where no cell was read.
	Kind  *string  `parquet:"kind,optional,dict"`
	Value *float64 `parquet:"value,optional"`
	Text  *string  `parquet:"text,optional"` // a text key's text
	Raw   *string  `parquet:"raw,optional"`
	location
	Inferred      bool     `parquet:"inferred"`
	OCRConfidence *float64 `parquet:"ocr_confidence,optional"`
	OCRCorrected  *bool    `parquet:"ocr_corrected,optional"`
	OCRLow        *bool    `parquet:"ocr_low,optional"`
}

// location is schema.Location as columns; box corners in points.
type location struct {
	Page  *int32   `parquet:"page,optional"`
	X0    *float64 `parquet:"box_x0,optional"`
	Y0    *float64 `parquet:"box_y0,optional"`
	X1    *float64 `parquet:"box_x1,optional"`
	Y1    *float64 `parquet:"box_y1,optional"`
	Table *int32   `parquet:"table,optional"`
	Row   *int32   `parquet:"row,optional"`
	Col   *int32   `parquet:"col,optional"`
	Line  *int32   `parquet:"line,optional"`
}

// findingRow is a row of findings.parquet.
type findingRow struct {
	File      string   `parquet:"file,dict"`
	OtherFile *string  `parquet:"other_file,optional"`
	Rule      string   `parquet:"rule,dict"`
	RuleName  string   `parquet:"rule_name,dict"` // Chinese
	Severity  string   `parquet:"severity,dict"`
	Keys      []string `parquet:"keys,list"`
	BlankKeys []string `parquet:"blank_keys,list"`
	Expected  *float64 `parquet:"expected,optional"`
	Found     *float64 `parquet:"found,optional"`
	Message   string   `parquet:"message"`
	Quote     *string  `parquet:"quote,optional"`
	// LocationKey is the key the location columns are of: the checked
	// cell (schema.CheckedLocation).
	LocationKey *string `parquet:"location_key,optional"`
	location
	Where *string `parquet:"where,optional"` // the place in Chinese
}

// parquetFiles writes the three Parquet files side by side.
type parquetFiles struct {
	reports  *parquet.Writer
	cells    *parquet.GenericWriter[cellRow]
	findings *parquet.GenericWriter[findingRow]
	cellBuf  []cellRow
}

func newParquetFiles(reports, cells, findings io.Writer) *parquetFiles {
	return &parquetFiles{
		reports:  parquet.NewWriter(reports, append(writerOptions(reportsPerGroup), parquet.SchemaOf(reflect.New(reportType).Interface()))...),
		cells:    parquet.NewGenericWriter[cellRow](cells, writerOptions(cellsPerGroup)...),
		findings: parquet.NewGenericWriter[findingRow](findings, writerOptions(findingsPerGroup)...),
	}
}

func (p *parquetFiles) add(r *schema.Report, agencyID string, findings []schema.Finding) error {
	if err := p.reports.Write(reportValue(r, agencyID, findings)); err != nil {
		return fmt.Errorf("%s: %w", ReportsParquet, err)
	}
	p.cellBuf = p.cellBuf[:0]
	for _, e := range schema.LongCells(r) {
		p.cellBuf = append(p.cellBuf, newCellRow(r.File, e))
	}
	if _, err := p.cells.Write(p.cellBuf); err != nil {
		return fmt.Errorf("%s: %w", CellsParquet, err)
	}
	return p.addFindings(r, findings)
}

// addFindings writes findings about r (nil for cross-report ones).
func (p *parquetFiles) addFindings(r *schema.Report, findings []schema.Finding) error {
	rows := make([]findingRow, len(findings))
	for i, f := range findings {
		rows[i] = newFindingRow(r, f)
	}
	if _, err := p.findings.Write(rows); err != nil {
		return fmt.Errorf("%s: %w", FindingsParquet, err)
	}
	return nil
}

func (p *parquetFiles) close() error {
	if err := p.reports.Close(); err != nil {
		return fmt.Errorf("%s: %w", ReportsParquet, err)
	}
	if err := p.cells.Close(); err != nil {
		return fmt.Errorf("%s: %w", CellsParquet, err)
	}
	if err := p.findings.Close(); err != nil {
		return fmt.Errorf("%s: %w", FindingsParquet, err)
	}
	return nil
}

// reportValue is r's row of reports.parquet, a pointer to a reportType.
// A count key whose value is not a whole number (values.valid flags it) is
// null here: the value read is in cells.parquet.
func reportValue(r *schema.Report, agencyID string, findings []schema.Finding) any {
	fixed := reportFixed{
		File: r.File, SHA256: str(r.SHA256), Format: str(r.Format), Pages: int32p(r.Pages),
		Status: string(r.Status), ErrorCode: str(string(r.ErrorCode)), ErrorMessage: str(r.ErrorMessage),
		DuplicateOf: str(r.DuplicateOf), Agency: str(r.Agency), AgencyID: str(agencyID),
		Year: int32p(r.Year), OtherRows: int32p(r.OtherRows), Version: r.Version,
	}
	if t, err := strconv.Atoi(string(r.Template)); err == nil {
		fixed.Template = int32p(t)
	}
	if r.Status != schema.StatusDuplicate {
		e, w := schema.CountFindings(findings)
		fixed.Errors, fixed.Warnings = ptr(int32(e)), ptr(int32(w))
	}
	v := reflect.New(reportType)
	row := v.Elem()
	fv := reflect.ValueOf(fixed)
	nFixed := fv.NumField()
	for i := range nFixed {
		row.Field(i).Set(fv.Field(i))
	}
	cells := r.CellMap()
	for i, k := range schema.Keys {
		c, ok := cells[k.Name]
		if !ok {
			continue
		}
		f := row.Field(nFixed + i)
		switch k.Kind {
		case schema.Count, schema.SignedCount:
			if n, ok := c.Number(); ok && n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				f.Set(reflect.ValueOf(ptr(int64(n))))
			}
		case schema.Amount:
			if n, ok := c.Number(); ok {
				f.Set(reflect.ValueOf(ptr(n)))
			}
		default:
			if s, ok := c.Value.(string); ok {
				f.Set(reflect.ValueOf(ptr(s)))
			}
		}
	}
	return v.Interface()
}

func newCellRow(file string, e schema.LongEntry) cellRow {
	row := cellRow{File: file, Key: e.Key, State: string(e.State)}
	if e.Cell.Kind == "" { // no cell was read: unread or not in the template
		return row
	}
	c := e.Cell
	row.Kind, row.Raw = ptr(string(c.Kind)), ptr(c.Raw)
	if n, ok := c.Number(); ok {
		row.Value = ptr(n)
	} else if s, ok := c.Value.(string); ok && e.State == schema.StateValue {
		row.Text = ptr(s)
	}
	row.location = newLocation(c.Loc)
	row.Inferred = c.Inferred
	if c.OCR != nil {
		row.OCRConfidence, row.OCRCorrected, row.OCRLow = ptr(c.OCR.Confidence), ptr(c.OCR.Corrected), ptr(c.OCR.Low)
	}
	return row
}

func newFindingRow(r *schema.Report, f schema.Finding) findingRow {
	row := findingRow{
		File: f.File, OtherFile: str(f.OtherFile), Rule: string(f.Rule), RuleName: RuleName(f.Rule),
		Severity: string(f.Severity), Keys: nonNil(f.Keys), BlankKeys: nonNil(f.BlankKeys),
		Expected: f.Expected, Found: f.Found, Message: f.Message, Quote: str(f.Quote),
	}
	if key, l := schema.CheckedLocation(f); key != "" {
		row.LocationKey, row.location, row.Where = &key, newLocation(l), str(place(r, f))
	}
	return row
}

func newLocation(l schema.Location) location {
	out := location{Page: int32p(l.Page), Table: int32p(l.Table), Row: int32p(l.Row), Col: int32p(l.Col), Line: int32p(l.Line)}
	if b := l.Box; b != nil {
		out.X0, out.Y0, out.X1, out.Y1 = ptr(b[0]), ptr(b[1]), ptr(b[2]), ptr(b[3])
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// str is nil for "": an unknown text is null, not empty.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// int32p is nil for 0: the outputs' numbers of this kind (year, page,
// table) start at 1, and 0 means unknown.
func int32p(n int) *int32 {
	if n == 0 || n > math.MaxInt32 || n < math.MinInt32 {
		return nil
	}
	v := int32(n)
	return &v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
