package dataset

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"xxgk/schema"
)

// Workbook is the file name of the batch's workbook for auditors.
const Workbook = "xxgk.xlsx"

// The sheets of the batch workbook.
const (
	sheetReports  = "报告"
	sheetFindings = "发现"
	sheetData     = "数据"
)

var (
	reportsHead  = []string{"文件", "状态", "错误", "警告", "机关", "机关标识", "年度", "模板", "格式", "重复于", "说明"}
	findingsHead = []string{"文件", "规则", "规则名称", "级别", "位置", "应为", "实为", "说明", "单元格", "另一文件"}
	dataFixed    = [2][]string{
		{"文件", "机关", "机关标识", "年度", "模板", "状态"},
		{"file", "agency", "agency_id", "year", "template", "status"},
	}
)

var severityName = map[schema.Severity]string{schema.SeverityError: "错误", schema.SeverityWarning: "警告"}

var statusName = map[schema.Status]string{
	schema.StatusOK: "正常", schema.StatusPartial: "部分读出", schema.StatusLegacy: "旧格式",
	schema.StatusFailed: "读取失败", schema.StatusDuplicate: "重复",
}

// book is the batch workbook, its three sheets written as streams so that
// a batch of any size is never held in memory.
type book struct {
	f                       *excelize.File
	reports, findings, data *excelize.StreamWriter
	nReports, nFind, nData  int
	head                    int // the header style
}

func newBook() (*book, error) {
	f := excelize.NewFile()
	f.SetZipWriter(newSortedZip)
	b := &book{f: f}
	if err := f.SetSheetName("Sheet1", sheetReports); err != nil {
		return nil, err
	}
	for _, s := range []string{sheetFindings, sheetData} {
		if _, err := f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	var err error
	if b.head, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return nil, err
	}
	if b.reports, err = f.NewStreamWriter(sheetReports); err != nil {
		return nil, err
	}
	if b.findings, err = f.NewStreamWriter(sheetFindings); err != nil {
		return nil, err
	}
	if b.data, err = f.NewStreamWriter(sheetData); err != nil {
		return nil, err
	}
	panes := func(sw *excelize.StreamWriter, rows int) error {
		cell, _ := excelize.CoordinatesToCellName(2, rows+1)
		return sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: rows, TopLeftCell: cell, ActivePane: "bottomRight"})
	}
	for _, step := range []func() error{
		func() error { return panes(b.reports, 1) },
		func() error { return panes(b.findings, 1) },
		func() error { return panes(b.data, 2) },
		func() error { return b.reports.SetColWidth(1, 1, 48) },
		func() error { return b.findings.SetColWidth(1, 1, 48) },
		func() error { return b.findings.SetColWidth(8, 8, 80) },
		func() error { return b.data.SetColWidth(1, 1, 48) },
		func() error { return b.reports.SetRow("A1", b.headRow(reportsHead)) },
		func() error { return b.findings.SetRow("A1", b.headRow(findingsHead)) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	labels, keys := b.headRow(dataFixed[0]), b.headRow(dataFixed[1])
	for _, k := range schema.Keys {
		labels = append(labels, excelize.Cell{StyleID: b.head, Value: k.RowLabel + "／" + k.ColLabel})
		keys = append(keys, excelize.Cell{StyleID: b.head, Value: k.Name})
	}
	if err := b.data.SetRow("A1", labels); err != nil {
		return nil, err
	}
	if err := b.data.SetRow("A2", keys); err != nil {
		return nil, err
	}
	b.nReports, b.nFind, b.nData = 1, 1, 2
	return b, nil
}

func (b *book) headRow(names []string) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: b.head, Value: n}
	}
	return row
}

func (b *book) add(r *schema.Report, agencyID string, findings []schema.Finding) error {
	var errs, warns any
	if r.Status != schema.StatusDuplicate {
		e, w := schema.CountFindings(findings)
		errs, warns = e, w
	}
	b.nReports++
	if err := b.reports.SetRow(cellName(b.nReports), []any{
		r.File, statusText(r.Status), errs, warns, r.Agency, agencyID, intOrNil(r.Year), string(r.Template),
		r.Format, r.DuplicateOf, r.ErrorMessage,
	}); err != nil {
		return fmt.Errorf("%s: %w", Workbook, err)
	}
	if err := b.addFindings(r, findings); err != nil {
		return err
	}
	if r.Status == schema.StatusDuplicate || r.Status == schema.StatusFailed {
		return nil
	}
	b.nData++
	row := []any{r.File, r.Agency, agencyID, intOrNil(r.Year), string(r.Template), statusText(r.Status)}
	cells := r.CellMap()
	for _, k := range schema.Keys {
		row = append(row, cellShown(cells[k.Name]))
	}
	if err := b.data.SetRow(cellName(b.nData), row); err != nil {
		return fmt.Errorf("%s: %w", Workbook, err)
	}
	return nil
}

// addFindings writes findings about r (nil for cross-report ones).
func (b *book) addFindings(r *schema.Report, findings []schema.Finding) error {
	for _, f := range findings {
		b.nFind++
		if err := b.findings.SetRow(cellName(b.nFind), []any{
			f.File, string(f.Rule), RuleName(f.Rule), severityName[f.Severity], place(r, f),
			floatOrNil(f.Expected), floatOrNil(f.Found), f.Message, strings.Join(f.Keys, " "), f.OtherFile,
		}); err != nil {
			return fmt.Errorf("%s: %w", Workbook, err)
		}
	}
	return nil
}

// write flushes the sheets and writes the workbook.
func (b *book) write(w io.Writer) error {
	defer b.f.Close()
	for _, sw := range []*excelize.StreamWriter{b.reports, b.findings, b.data} {
		if err := sw.Flush(); err != nil {
			return fmt.Errorf("%s: %w", Workbook, err)
		}
	}
	if _, err := b.f.WriteTo(w); err != nil {
		return fmt.Errorf("%s: %w", Workbook, err)
	}
	return nil
}

func cellName(row int) string {
	n, _ := excelize.CoordinatesToCellName(1, row)
	return n
}

// cellShown is what the workbook shows of a cell: the number (a number to
// Excel), the text of a text key, or the printed text of a marker or an
// unparsed cell; nothing for a blank or absent cell.
func cellShown(c schema.Cell) any {
	if v, ok := c.Number(); ok {
		return v
	}
	if s, ok := c.Value.(string); ok {
		return s
	}
	if c.Kind == schema.KindMarker || c.Kind == schema.KindText {
		return c.Raw
	}
	return nil
}

func statusText(s schema.Status) string {
	if n, ok := statusName[s]; ok {
		return n + "（" + string(s) + "）"
	}
	return string(s)
}

func intOrNil(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func floatOrNil(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
