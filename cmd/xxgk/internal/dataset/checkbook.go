package dataset

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"xxgk/cmd/xxgk/internal/audit"
	"xxgk/schema"
)

// CheckBook is the workbook of `xxgk check --format xlsx`: one sheet per
// report, its three tables redrawn in the official layout (the audit page's
// layouts), each cell a finding points at filled red (an error) or yellow
// (a warning), with a comment giving the rule, expected and found.
type CheckBook struct {
	f      *excelize.File
	sheets map[string]bool
	styles map[string]int
}

// Excel's limit on sheet names, in characters.
const maxSheetName = 31

// NewCheckBook starts an empty workbook.
func NewCheckBook() (*CheckBook, error) {
	b := &CheckBook{f: excelize.NewFile(), sheets: map[string]bool{}, styles: map[string]int{}}
	b.f.SetZipWriter(newSortedZip)
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	center := &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}
	for name, st := range map[string]*excelize.Style{
		"title": {Font: &excelize.Font{Bold: true, Size: 13}},
		"head":  {Font: &excelize.Font{Bold: true}, Border: border, Alignment: center, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}},
		"label": {Border: border, Alignment: wrap},
		"value": {Border: border, Alignment: center},
		"error": {Border: border, Alignment: center, Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}},
		"warn":  {Border: border, Alignment: center, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}},
	} {
		id, err := b.f.NewStyle(st)
		if err != nil {
			return nil, fmt.Errorf("check workbook: %w", err)
		}
		b.styles[name] = id
	}
	return b, nil
}

// Add draws one report and its findings on a sheet of its own, named by
// its position and file name.
func (b *CheckBook) Add(r *schema.Report, findings []schema.Finding) error {
	sheet := b.sheetName(r.File)
	if len(b.sheets) == 0 {
		if err := b.f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
	} else if _, err := b.f.NewSheet(sheet); err != nil {
		return err
	}
	b.sheets[sheet] = true
	d := drawer{b: b, sheet: sheet, row: 1}
	errs, warns := schema.CountFindings(findings)
	d.line(r.File, "title")
	d.line(fmt.Sprintf("%s · %s · %s · 模板 %s · 错误 %d · 警告 %d", statusText(r.Status), orDash(r.Agency), yearText(r.Year), orDash(string(r.Template)), errs, warns), "")
	if r.ErrorMessage != "" {
		d.line("说明："+r.ErrorMessage, "")
	}
	if r.Status == schema.StatusFailed || r.Status == schema.StatusLegacy {
		return d.err
	}
	marks := marksOf(findings)
	cells := r.CellMap()
	for _, t := range audit.Tables(r) {
		d.row++
		d.line(t.Title, "title")
		d.table(t, cells, marks)
	}
	// Every finding once more in words, for those whose cell is on no
	// table (narrative.*, check.empty_tables).
	if len(findings) > 0 {
		d.row++
		d.line("发现", "title")
	}
	for _, f := range findings {
		text := severityName[f.Severity] + " · " + RuleName(f.Rule) + "（" + string(f.Rule) + "）"
		if w := place(r, f); w != "" {
			text += " · " + w
		}
		d.line(text+"："+f.Message, "")
	}
	// Table 3's three label columns, the last with the longest labels;
	// then the value columns.
	for _, w := range []struct {
		from, to string
		width    float64
	}{{"A", "B", 14}, {"C", "C", 44}, {"D", "P", 11}} {
		if d.err == nil {
			d.err = b.f.SetColWidth(sheet, w.from, w.to, w.width)
		}
	}
	return d.err
}

// Write writes the workbook.
func (b *CheckBook) Write(w io.Writer) error {
	defer b.f.Close()
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("check workbook: %w", err)
	}
	return nil
}

// sheetName is "N name": the sheet's number and the file's base name, cut
// to Excel's limit and without the characters Excel forbids in it.
func (b *CheckBook) sheetName(file string) string {
	base := path.Base(strings.ReplaceAll(file, `\`, "/"))
	base = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '_'
		}
		return r
	}, base)
	name := strconv.Itoa(len(b.sheets)+1) + " " + base
	for utf8.RuneCountInString(name) > maxSheetName {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// mark is what a cell shows of the findings that point at it.
type mark struct {
	err      bool // some error finding, else warnings only
	comments []string
}

// marksOf collects, per key, the findings whose checked side is that cell.
func marksOf(findings []schema.Finding) map[string]*mark {
	out := map[string]*mark{}
	for _, f := range findings {
		text := RuleName(f.Rule) + "（" + string(f.Rule) + "）" + severityName[f.Severity]
		if f.Expected != nil || f.Found != nil {
			text += "：应为 " + numText(f.Expected) + "，实为 " + numText(f.Found)
		}
		if f.Message != "" {
			text += "\n" + f.Message
		}
		for _, k := range audit.CheckedKeys(f) {
			m := out[k]
			if m == nil {
				m = &mark{}
				out[k] = m
			}
			m.err = m.err || f.Severity == schema.SeverityError
			m.comments = append(m.comments, text)
		}
	}
	return out
}

// drawer writes one sheet top to bottom, keeping the first error.
type drawer struct {
	b     *CheckBook
	sheet string
	row   int
	err   error
}

func (d *drawer) line(text, style string) {
	cell, _ := excelize.CoordinatesToCellName(1, d.row)
	d.set(cell, text, style)
	d.row++
}

func (d *drawer) set(cell string, v any, style string) {
	if d.err != nil {
		return
	}
	if d.err = d.b.f.SetCellValue(d.sheet, cell, v); d.err != nil {
		return
	}
	if style != "" {
		d.err = d.b.f.SetCellStyle(d.sheet, cell, cell, d.b.styles[style])
	}
}

// table places the cells of t as an HTML table would: each cell at the
// first column its row has free, spans marking the columns below taken.
func (d *drawer) table(t audit.Table, cells map[string]schema.Cell, marks map[string]*mark) {
	taken := map[[2]int]bool{}
	top := d.row
	for i, row := range t.Rows {
		r := top + i
		c := 1
		for _, tc := range row {
			for taken[[2]int{r, c}] {
				c++
			}
			for dr := 0; dr < tc.RowSpan; dr++ {
				for dc := 0; dc < tc.ColSpan; dc++ {
					taken[[2]int{r + dr, c + dc}] = true
				}
			}
			first, _ := excelize.CoordinatesToCellName(c, r)
			last, _ := excelize.CoordinatesToCellName(c+tc.ColSpan-1, r+tc.RowSpan-1)
			d.cell(first, last, tc, cells, marks)
			c += tc.ColSpan
		}
	}
	d.row = top + len(t.Rows)
}

func (d *drawer) cell(first, last string, tc audit.TableCell, cells map[string]schema.Cell, marks map[string]*mark) {
	style := "label"
	var v any = tc.Text
	switch {
	case tc.Head:
		style = "head"
	case tc.Key != "":
		style = "value"
		v = cellShown(cells[tc.Key])
		if m := marks[tc.Key]; m != nil {
			style = "warn"
			if m.err {
				style = "error"
			}
			if d.err == nil {
				d.err = d.b.f.AddComment(d.sheet, excelize.Comment{Cell: first, Author: "xxgk",
					Text: strings.Join(m.comments, "\n\n"), Width: 320, Height: 120})
			}
		}
	}
	if v != nil {
		d.set(first, v, "")
	}
	if first != last && d.err == nil {
		d.err = d.b.f.MergeCell(d.sheet, first, last)
	}
	if d.err == nil {
		d.err = d.b.f.SetCellStyle(d.sheet, first, last, d.b.styles[style])
	}
}

func numText(v *float64) string {
	if v == nil {
		return "—"
	}
	return schema.FormatNumber(*v)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func yearText(y int) string {
	if y == 0 {
		return "年度不明"
	}
	return strconv.Itoa(y) + "年"
}
