// Package audit writes audit.html, the page an auditor opens after a batch:
// every report listed by status with its findings, filters by agency, year,
// rule and severity, and each report's three tables redrawn in the official
// layout with the failing cells marked.
//
// The page is one self-contained file: styles, script and data inline, no
// network. The batch goes into it as JSON; the page's script draws a slice of
// the list and only the report opened, and parses a report's cells only
// then, so a page for thousands of reports opens in a second or two.
package audit

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"xxgk/schema"
)

// FileName is the name of the page in a batch output folder.
const FileName = "audit.html"

//go:embed page.html
var pageHTML string

// dataMarker is where the batch's JSON goes in page.html.
const dataMarker = "/*AUDIT-DATA*/"

// Page collects a batch for the audit page. Add keeps only what the page
// shows of a report (no section text), so a caller can stream thousands of
// reports from reports.jsonl through it. The zero Page is empty and ready.
type Page struct {
	// Lang is the language the page opens in (Chinese when empty); the
	// reader can switch to the other on the page, or with ?lang=en.
	Lang     schema.Lang
	reports  []report
	files    map[string]int // first report of each file name
	findings []schema.Finding
}

// Add adds one report and its findings. A finding may name a report added
// before or after it; a cross-report finding (continuity.*, with OtherFile)
// is added once and shown on both reports.
func (p *Page) Add(r *schema.Report, findings ...schema.Finding) {
	if p.files == nil {
		p.files = map[string]int{}
	}
	if _, dup := p.files[r.File]; !dup {
		p.files[r.File] = len(p.reports)
	}
	p.reports = append(p.reports, newReport(r))
	p.findings = append(p.findings, findings...)
}

// AddFindings adds findings about reports already or still to be added,
// such as the batch's cross-report ones. Findings whose file is not among
// the reports are counted on the page but have no report to open.
func (p *Page) AddFindings(findings ...schema.Finding) {
	p.findings = append(p.findings, findings...)
}

// Write writes the page. Reports are listed grouped by status, in the order
// added within a status and a count of findings.
func (p *Page) Write(w io.Writer) error {
	head, tail, ok := strings.Cut(pageHTML, dataMarker)
	if !ok {
		return fmt.Errorf("audit: page template has no data marker")
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(head)
	// json.Encoder escapes <, > and & so nothing in the data can close the
	// <script> element it sits in.
	if err := json.NewEncoder(bw).Encode(p.data()); err != nil {
		return fmt.Errorf("audit: encode data: %w", err)
	}
	bw.WriteString(tail)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("audit: write page: %w", err)
	}
	return nil
}

// WriteFile writes the page as DIR/audit.html. It writes a temporary file
// first and renames it, so an interrupted run leaves the previous page whole.
func (p *Page) WriteFile(dir string) (err error) {
	f, err := os.CreateTemp(dir, ".audit-*.html")
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = p.Write(f); err != nil {
		return err
	}
	// CreateTemp makes the file private; the page is for whoever reads DIR.
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if err = os.Rename(f.Name(), filepath.Join(dir, FileName)); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Write writes the audit page for a batch held in memory: its reports and
// every finding of the batch, cross-report ones included once.
func Write(w io.Writer, reports []*schema.Report, findings []schema.Finding) error {
	return newPage(reports, findings).Write(w)
}

// WriteFile writes the audit page for a batch held in memory as
// DIR/audit.html, replacing any page there in one step.
func WriteFile(dir string, reports []*schema.Report, findings []schema.Finding) error {
	return newPage(reports, findings).WriteFile(dir)
}

func newPage(reports []*schema.Report, findings []schema.Finding) *Page {
	p := &Page{}
	for _, r := range reports {
		p.Add(r)
	}
	p.AddFindings(findings...)
	return p
}

// data is everything the page shows, in a compact form: reports refer to
// keys by their index in Keys, findings to reports by their index.
type data struct {
	Keys   []string `json:"keys"`
	Labels []string `json:"labels"` // "row label / column label" of each key
	// Lang is the language the page opens in; a reader can switch.
	Lang schema.Lang `json:"lang"`
	// Words are the page's words from package schema in each language.
	Words    map[schema.Lang]*words `json:"words"`
	Grids    []grid                 `json:"grids"`
	Reports  []report               `json:"reports"`
	Findings []finding              `json:"findings"`
}

// words are what the page takes from package schema in one language: the
// rules, error codes, statuses and severities by name, and where each key
// sits in the template, in each of the layouts (a report's Layout indexes
// them).
type words struct {
	Rules    map[schema.RuleID]ruleText  `json:"rules"`
	Codes    map[schema.ErrorCode]string `json:"codes"`
	Statuses map[schema.Status]string    `json:"statuses"`
	Severity map[schema.Severity]string  `json:"sev"`
	Places   [len(layouts)][]string      `json:"places"`
	Titles   map[string]string           `json:"titles"` // by grid id
}

func wordsIn(l schema.Lang) *words {
	w := &words{Rules: map[schema.RuleID]ruleText{}, Codes: map[schema.ErrorCode]string{},
		Statuses: map[schema.Status]string{}, Severity: map[schema.Severity]string{}}
	for _, r := range schema.Rules {
		w.Rules[r.ID] = ruleText{r.Name.In(l), r.Check.In(l), r.Error.In(l), r.Warning.In(l)}
	}
	for _, c := range codes {
		w.Codes[c] = c.Name(l)
	}
	for _, st := range []schema.Status{schema.StatusOK, schema.StatusPartial, schema.StatusLegacy, schema.StatusFailed, schema.StatusDuplicate} {
		w.Statuses[st] = st.Name(l)
	}
	for _, sv := range []schema.Severity{schema.SeverityError, schema.SeverityWarning} {
		w.Severity[sv] = sv.Name(l)
	}
	w.Titles = map[string]string{}
	for _, g := range grids() {
		w.Titles[g.ID] = g.Title
		if l == schema.LangEN {
			w.Titles[g.ID] = "T" + strings.TrimPrefix(schema.TableName(gridTable[g.ID], l), "t")
		}
	}
	for _, k := range schema.Keys {
		for i, lay := range layouts {
			w.Places[i] = append(w.Places[i], lay.KeyPlace(k.Name, l))
		}
	}
	return w
}

// ruleText is what the page says of a rule: its name, the check in words,
// and what its error and warning findings mean.
type ruleText struct {
	Name    string `json:"n"`
	Check   string `json:"c"`
	Error   string `json:"e,omitempty"`
	Warning string `json:"w,omitempty"`
}

// layouts are the ways of numbering rows a report's places use: the 2021
// template, the 2019 one, and 2021 with （六）其他处理 as one row.
var layouts = [...]schema.Layout{
	{Template: schema.Template2021},
	{Template: schema.Template2019},
	{Template: schema.Template2021, OneOther: true},
}

// gridTable is the template table each grid draws.
var gridTable = map[string]int{
	gridActive2021: schema.TableActive, gridActive2019: schema.TableActive,
	gridRequests3: schema.TableRequests, gridRequests1: schema.TableRequests, gridAppeals: schema.TableAppeals,
}

// codes are the error codes the page names.
var codes = []schema.ErrorCode{
	schema.ErrUnreadable, schema.ErrEncrypted, schema.ErrUnsupportedFormat, schema.ErrNotAReport,
	schema.ErrNoTextLayer, schema.ErrUndecodableText, schema.ErrTooLarge, schema.ErrTimeout,
	schema.ErrAmbiguous, schema.ErrInternal, schema.ErrOCRUnavailable,
}

type report struct {
	File      string `json:"f"`
	Agency    string `json:"a,omitempty"`
	Year      int    `json:"y,omitempty"`
	Status    string `json:"s"`
	Template  string `json:"t,omitempty"`
	Layout    int    `json:"pl,omitempty"` // index in layouts
	Format    string `json:"fm,omitempty"`
	Pages     int    `json:"p,omitempty"`
	ErrorCode string `json:"ec,omitempty"`
	ErrorMsg  string `json:"em,omitempty"`
	// Notes say how the file was read (repaired, OCR), as the reader wrote
	// them.
	Notes []string  `json:"nt,omitempty"`
	Grids [3]string `json:"g"`
	// Cells is the JSON text of a list of [key index, kind, shown value,
	// location, raw], raw only when it differs from the shown value. The
	// page parses it when the report is opened, so a batch of thousands
	// loads without parsing every cell; and one string per report is far
	// less to keep than a thousand values while a batch is streamed in.
	Cells string `json:"c"`
}

type finding struct {
	Report    int               `json:"i"` // index of File in reports, -1 if absent
	Other     int               `json:"j"` // index of OtherFile, -1 if none or absent
	File      string            `json:"f"` // File, for findings with no report
	OtherFile string            `json:"of,omitempty"`
	Rule      string            `json:"r"`
	Severity  string            `json:"v"`
	Keys      []string          `json:"k"`
	Checked   []string          `json:"c"` // the keys whose printed sum is Found
	Blank     []string          `json:"b,omitempty"`
	Expected  *string           `json:"e"`
	Found     *string           `json:"n"`
	Message   string            `json:"m,omitempty"`
	Quote     string            `json:"q,omitempty"`
	Where     map[string]string `json:"l,omitempty"`
}

// equations indexes schema.Equations by rule.
var equations = func() map[schema.RuleID][]schema.Equation {
	m := map[schema.RuleID][]schema.Equation{}
	for _, eq := range schema.Equations {
		m[eq.Rule] = append(m[eq.Rule], eq)
	}
	return m
}()

// checkedKeys returns the keys of f whose printed sum is f.Found, the cells
// the page marks as failing (the others of the equation are its parts): the
// checked side of the balance rule's equation in schema.Equations, or, for a
// rule with no equation there (values.valid, continuity.*, narrative.*), the
// first key.
func checkedKeys(f schema.Finding) []string {
	for _, eq := range equations[f.Rule] {
		if !covers(eq, f.Keys) {
			continue
		}
		out := []string{}
		for _, k := range eq.Checked {
			if slices.Contains(f.Keys, k) {
				out = append(out, k)
			}
		}
		return out
	}
	if len(f.Keys) == 0 {
		return []string{}
	}
	return f.Keys[:1]
}

// covers reports whether every key sits in the equation.
func covers(eq schema.Equation, keys []string) bool {
	for _, k := range keys {
		if !slices.Contains(eq.Parts, k) && !slices.Contains(eq.Checked, k) {
			return false
		}
	}
	return len(keys) > 0
}

// Cell kinds as the page numbers them.
var kindCode = map[schema.CellKind]int{
	schema.KindNumber: 0, schema.KindBlank: 1, schema.KindMarker: 2, schema.KindText: 3,
}

// data resolves the findings' files to reports and returns what the page
// embeds.
func (p *Page) data() *data {
	d := &data{Grids: grids(), Reports: p.reports, Findings: make([]finding, 0, len(p.findings))}
	if d.Reports == nil {
		d.Reports = []report{}
	}
	for _, k := range schema.Keys {
		d.Keys = append(d.Keys, k.Name)
		d.Labels = append(d.Labels, k.RowLabel+" / "+k.ColLabel)
	}
	d.Lang = p.Lang
	if d.Lang != schema.LangEN {
		d.Lang = schema.LangZH
	}
	d.Words = map[schema.Lang]*words{schema.LangZH: wordsIn(schema.LangZH), schema.LangEN: wordsIn(schema.LangEN)}
	index := func(file string) int {
		if i, ok := p.files[file]; ok && file != "" {
			return i
		}
		return -1
	}
	for _, f := range p.findings {
		out := finding{
			Report: index(f.File), Other: index(f.OtherFile), File: f.File, OtherFile: f.OtherFile,
			Rule: string(f.Rule), Severity: string(f.Severity), Keys: f.Keys, Checked: checkedKeys(f), Blank: f.BlankKeys,
			Expected: number(f.Expected), Found: number(f.Found), Message: f.Message, Quote: f.Quote,
		}
		if out.Keys == nil {
			out.Keys = []string{}
		}
		for k, loc := range f.Location {
			if s := where(loc); s != "" {
				if out.Where == nil {
					out.Where = map[string]string{}
				}
				out.Where[k] = s
			}
		}
		d.Findings = append(d.Findings, out)
	}
	return d
}

func newReport(r *schema.Report) report {
	out := report{
		File: r.File, Agency: r.Agency, Year: r.Year, Status: string(r.Status),
		Template: string(r.Template), Format: r.Format, Pages: r.Pages,
		ErrorCode: string(r.ErrorCode), ErrorMsg: r.ErrorMessage,
		Layout: slices.Index(layouts[:], schema.LayoutOf(r)),
	}
	for _, n := range r.Notes {
		out.Notes = append(out.Notes, n.Message)
	}
	if out.Layout < 0 {
		out.Layout = 0 // legacy and failed reports: no table to number
	}
	b := []byte{'['}
	for _, c := range r.Cells {
		i := schema.KeyOrder(c.Key)
		if i < 0 {
			continue // not a key of either template: nowhere to draw it
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = appendCell(b, i, c)
	}
	out.Cells = string(append(b, ']'))
	out.Grids = gridsFor(r, func(prefix string) bool {
		for _, c := range r.Cells {
			if strings.HasPrefix(c.Key, prefix) {
				return true
			}
		}
		return false
	})
	return out
}

// appendCell appends cell c, whose key has index key, as the page reads it:
// [key index, kind, shown value, location(, raw text)].
func appendCell(b []byte, key int, c schema.Cell) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(key), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(kindCode[c.Kind]), 10)
	b = append(b, ',')
	s := shown(c)
	b = appendString(b, s)
	b = append(b, ',')
	b = append(b, '"')
	b = appendWhere(b, c.Loc) // no character in it needs escaping
	b = append(b, '"')
	if c.Raw != s {
		b = append(b, ',')
		b = appendString(b, c.Raw)
	}
	return append(b, ']')
}

// appendString appends s as a JSON string. The encoder that writes the page
// quotes the whole cell list again and escapes <, > and & in it, as in the
// rest of the data.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// shown is what the page prints in a cell: the number read, the text of a
// text key, or the raw text of a marker or an unparsed cell.
func shown(c schema.Cell) string {
	if v, ok := c.Number(); ok {
		return formatNumber(v)
	}
	if s, ok := c.Value.(string); ok && c.Kind == schema.KindText {
		return s
	}
	return strings.TrimSpace(c.Raw)
}

func number(p *float64) *string {
	if p == nil {
		return nil
	}
	s := formatNumber(*p)
	return &s
}

func formatNumber(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// where says in Chinese where a value sits in its file, as schema.SourcePlace
// does: the page of a PDF, the line of a text, the table of a document (its
// place in the template comes from the key). It is empty for an unknown
// location.
func where(l schema.Location) string {
	return string(appendWhere(nil, l))
}

// appendWhere appends where(l) to b: it runs for every cell of a batch, so it
// builds the text without fmt.
func appendWhere(b []byte, l schema.Location) []byte {
	part := func(prefix string, n int, suffix string) []byte {
		b = append(b, prefix...)
		b = strconv.AppendInt(b, int64(n), 10)
		return append(b, suffix...)
	}
	switch {
	case l.Page > 0:
		return part("第", l.Page, "页")
	case l.Line > 0:
		return part("文本第", l.Line, "行")
	case l.Table > 0:
		return part("文档中第", l.Table, "个表格")
	}
	return b
}
