package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Status is the outcome of reading one file.
type Status string

// The statuses of output-format.md.
const (
	StatusOK        Status = "ok"
	StatusPartial   Status = "partial"
	StatusLegacy    Status = "legacy"
	StatusFailed    Status = "failed"
	StatusDuplicate Status = "duplicate" // batch only: same content as an earlier file
	StatusSkipped   Status = "skipped"   // batch only: readable, but no report (a manifest, a CSV table, notes)
)

// ErrorCode is the machine-readable reason a file failed or is partial.
type ErrorCode string

// The error codes of output-format.md.
const (
	ErrUnreadable        ErrorCode = "unreadable"
	ErrEncrypted         ErrorCode = "encrypted"
	ErrUnsupportedFormat ErrorCode = "unsupported_format"
	ErrNotAReport        ErrorCode = "not_a_report"
	ErrNoTextLayer       ErrorCode = "no_text_layer"
	ErrUndecodableText   ErrorCode = "undecodable_text"
	ErrTooLarge          ErrorCode = "too_large"
	ErrTimeout           ErrorCode = "timeout"
	ErrAmbiguous         ErrorCode = "ambiguous"
	ErrInternal          ErrorCode = "internal"
	// ErrOCRUnavailable: the file needs OCR and tesseract (with chi_sim) is
	// not installed; the message says what to install.
	ErrOCRUnavailable ErrorCode = "ocr_unavailable"
)

// Error is a failure to read a file, or part of one. It carries the file and,
// where known, where in it the problem sits, like csv.ParseError does for a
// line and column. Page, Table, Row and Col are 1-based; 0 means unknown.
type Error struct {
	Code  ErrorCode
	File  string
	Page  int
	Table int
	Row   int
	Col   int
	Err   error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	var at []string
	if e.Page > 0 {
		at = append(at, fmt.Sprintf("page %d", e.Page))
	}
	if e.Table > 0 {
		at = append(at, fmt.Sprintf("table %d", e.Table))
	}
	if e.Row > 0 {
		at = append(at, fmt.Sprintf("row %d", e.Row))
	}
	if e.Col > 0 {
		at = append(at, fmt.Sprintf("column %d", e.Col))
	}
	if len(at) > 0 {
		b.WriteString(strings.Join(at, ", "))
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString(string(e.Code))
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error with a formatted reason.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the error code carried by err, or ErrInternal when err
// carries none.
func CodeOf(err error) ErrorCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ErrInternal
}

// Location says where a value sits in its source. PDF: Page and Box, in
// points from the top-left corner of the page as displayed. DOCX and HTML:
// Table, Row, Col (1-based, in the source's own grid). Text: Line.
type Location struct {
	Page  int         `json:"page,omitempty"`
	Box   *[4]float64 `json:"box,omitempty"`
	Table int         `json:"table,omitempty"`
	Row   int         `json:"row,omitempty"`
	Col   int         `json:"col,omitempty"`
	Line  int         `json:"line,omitempty"`
}

// IsZero reports whether the location says nothing.
func (l Location) IsZero() bool {
	return l.Page == 0 && l.Box == nil && l.Table == 0 && l.Row == 0 && l.Col == 0 && l.Line == 0
}

// CellKind classifies what a table cell holds.
type CellKind string

// Cell kinds. Blank is not zero.
const (
	KindNumber CellKind = "number" // a value
	KindBlank  CellKind = "blank"  // nothing printed
	KindMarker CellKind = "marker" // /, —, -, 无: printed "not applicable"
	KindText   CellKind = "text"   // anything else
)

// Cell is one value of a report under its canonical key.
type Cell struct {
	Key   string   `json:"key"`
	Kind  CellKind `json:"kind"`
	Value any      `json:"value"` // float64 for numbers, string for text keys, nil otherwise
	Raw   string   `json:"raw"`
	Loc   Location `json:"location"`
	// Inferred marks a value that was not printed as a cell of its own: it
	// was recovered by splitting digits that ran together (flattened page
	// text), the only split that satisfies every rule it touches.
	Inferred bool `json:"inferred,omitempty"`
	// OCR is set when the value was read from an image.
	OCR *OCRReading `json:"ocr,omitempty"`
}

// OCRReading says how a cell was read from an image.
type OCRReading struct {
	Page       int        `json:"page"`       // 1-based page (or image) number
	Box        [4]float64 `json:"box"`        // pixels, top-left origin: x0, y0, x1, y1
	Confidence float64    `json:"confidence"` // 0–100, as tesseract reports it
	// Corrected is true when the printed reading was replaced by an
	// alternative because only the alternative satisfies the rules.
	Corrected bool `json:"corrected,omitempty"`
	// Low is true when the confidence is below the threshold the OCR stage
	// trusts for an error finding.
	Low bool `json:"low,omitempty"`
}

// Uncertain reports whether a failing rule on this cell may come from our
// reading rather than from the printed table: an inferred value, or an OCR
// reading that was corrected or has low confidence. The verifier never
// raises an error on such a cell.
func (c Cell) Uncertain() bool {
	return c.Inferred || c.OCR != nil && (c.OCR.Corrected || c.OCR.Low)
}

// Number returns the cell's numeric value and whether it has one.
func (c Cell) Number() (float64, bool) {
	v, ok := c.Value.(float64)
	return v, ok && c.Kind == KindNumber
}

// Note is something a reader should know about how a file was read, that is
// neither a failure nor a finding: the PDF was repaired, the pages were
// OCRed, values were inferred.
type Note struct {
	Code    string `json:"code"`    // stable: "repaired", "ocr", "inferred", …
	Message string `json:"message"` // for people
}

// Section is one of the six sections of a report.
type Section struct {
	Number  int    `json:"number"` // 1–6
	Heading string `json:"heading"`
	Text    string `json:"text"`
}

// Report is everything read from one file.
type Report struct {
	File         string    `json:"file"`
	SHA256       string    `json:"sha256"`
	Format       string    `json:"format"`
	Pages        int       `json:"pages"`
	Status       Status    `json:"status"`
	ErrorCode    ErrorCode `json:"error_code"`
	ErrorMessage string    `json:"error_message"`
	// DuplicateOf, in a batch, names the earlier file with the same content
	// (status duplicate).
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	Agency      string    `json:"agency"`
	Year        int       `json:"year"`
	Template    Template  `json:"template"`
	OtherRows   int       `json:"other_rows"`
	Sections    []Section `json:"sections"`
	Cells       []Cell    `json:"cells"`
	// UnreadKeys lists the keys of the report's template whose cells were
	// not read (row lost, cell undecodable): not blank, not checkable.
	UnreadKeys []string `json:"unread_keys,omitempty"`
	// Notes say how the file was read where that matters (repaired, OCR).
	Notes   []Note `json:"notes,omitempty"`
	Version string `json:"xxgk_version"`
}

// Cell returns the cell stored under key.
func (r *Report) Cell(key string) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Key == key {
			return c, true
		}
	}
	return Cell{}, false
}

// CellMap indexes the report's cells by key.
func (r *Report) CellMap() map[string]Cell {
	m := make(map[string]Cell, len(r.Cells))
	for _, c := range r.Cells {
		m[c.Key] = c
	}
	return m
}

// Fail marks the report failed with err's code and message.
func (r *Report) Fail(err error) {
	r.Status = StatusFailed
	r.ErrorCode = CodeOf(err)
	r.ErrorMessage = err.Error()
}

// MarshalJSON writes sections and cells as empty lists, never null, so that
// consumers of failed reports need no special case.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report // without this method
	if r.Sections == nil {
		r.Sections = []Section{}
	}
	if r.Cells == nil {
		r.Cells = []Cell{}
	}
	return json.Marshal(plain(r))
}
