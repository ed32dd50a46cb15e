package audit

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/schema"
)

// truthReport builds the report a perfect extractor would return for a
// corpus file, with PDF-style locations (the page of the table, a box per
// cell) so that the page has somewhere to point.
func truthReport(t testing.TB, id string) *schema.Report {
	fixtures.NeedCorpus(t)
	t.Helper()
	truth, err := fixtures.Load(filepath.Join(fixtures.CorpusDir(), id+".truth.json"))
	if err != nil {
		t.Fatalf("corpus truth: %v", err)
	}
	r := &schema.Report{
		File: truth.Source, Format: "pdf", Pages: 6, Status: schema.StatusOK,
		Agency: truth.Agency, Year: truth.Year, Template: schema.Template(truth.Template), OtherRows: 3,
	}
	for _, k := range schema.Keys {
		v, printed := truth.Cells[k.Name]
		if !printed {
			continue
		}
		if strings.HasPrefix(k.Name, "requests.other.all.") {
			r.OtherRows = 1
		}
		r.Cells = append(r.Cells, cellAt(k, v))
	}
	if truth.AmountUnit != "" {
		k, _ := schema.LookupKey("active.procurement.amount_unit")
		c := cellAt(k, nil)
		c.Kind, c.Value, c.Raw = schema.KindText, truth.AmountUnit, truth.AmountUnit
		r.Cells = append(r.Cells, c)
	}
	return r
}

// cellAt makes the cell of key k holding v (nil: blank), placed on the page
// of its table in a box derived from the key's position.
func cellAt(k schema.Key, v *float64) schema.Cell {
	n := float64(schema.KeyOrder(k.Name) % 20)
	box := [4]float64{90 + 40*n, 100 + 12*n, 120 + 40*n, 110 + 12*n}
	c := schema.Cell{Key: k.Name, Kind: schema.KindBlank, Loc: schema.Location{Page: k.Table, Box: &box}}
	if v != nil {
		c.Kind, c.Value, c.Raw = schema.KindNumber, *v, formatNumber(*v)
	}
	return c
}

// setNumber changes the printed number of key in r.
func setNumber(t testing.TB, r *schema.Report, key string, v float64) {
	t.Helper()
	for i, c := range r.Cells {
		if c.Key == key {
			r.Cells[i].Kind, r.Cells[i].Value, r.Cells[i].Raw = schema.KindNumber, v, formatNumber(v)
			return
		}
	}
	t.Fatalf("%s has no cell %s", r.File, key)
}

func valueOf(t testing.TB, r *schema.Report, key string) float64 {
	t.Helper()
	c, ok := r.Cell(key)
	v, isNum := c.Number()
	if !ok || !isNum {
		t.Fatalf("%s: %s holds no number", r.File, key)
	}
	return v
}

func ptr(v float64) *float64 { return &v }

// Names of the files in the test batch.
const (
	fileBroken  = "jiangsu/hongzequ_2024.pdf" // a balance error
	filePrior   = "jiangsu/hongzequ_2023.pdf" // last year: carry-over disagrees
	fileBlanks  = "shanghai/bangongting_2019.html"
	fileFailed  = "broken/scan.pdf"
	fileLegacy  = "old/2015.txt"
	fileText    = "shanxi/jishan_2023.txt" // read by the text extractor, balance error on line 74
	brokenKey   = "requests.carried_forward.total"
	carryColumn = "requests.carried_over.natural_person"
)

// testBatch is a small batch with known findings: the 2024 Hongze report
// with 结转下年度继续办理 总计 raised by 2 (so requests.balance fails on the
// 总计 column and requests.row_total on that row), its 2023 report, which
// balances but carried forward 5 more natural persons than 2024 carried over
// (continuity.carry, made here as the batch makes it), the Shanghai 2019
// report with its blank 总计 column (warnings), a failed file and a legacy
// one, and the Jishan 2023 text report read by the extractor with
// 结转下年度继续办理 总计 changed from 0 to 3. The single-report findings are
// the verifier's.
func testBatch(t testing.TB) ([]*schema.Report, []schema.Finding) {
	fixtures.NeedCorpus(t)
	broken := truthReport(t, "jiangsu_huaian_hongzequ_2024")
	broken.File = fileBroken
	setNumber(t, broken, brokenKey, valueOf(t, broken, brokenKey)+2)

	prior := truthReport(t, "jiangsu_huaian_hongzequ_2024")
	prior.File, prior.Year = filePrior, 2023
	for _, k := range []string{"requests.carried_forward.natural_person", "requests.carried_forward.total",
		"requests.new_received.natural_person", "requests.new_received.total"} {
		setNumber(t, prior, k, valueOf(t, prior, k)+5)
	}

	blanks := truthReport(t, "shanghai_shizhengfubangongting_2019")
	blanks.File = fileBlanks

	failed := &schema.Report{File: fileFailed, Format: "pdf", Status: schema.StatusFailed,
		ErrorCode: schema.ErrNoTextLayer, ErrorMessage: fileFailed + ": 没有文字层（扫描件）"}
	legacy := &schema.Report{File: fileLegacy, Format: "text", Status: schema.StatusLegacy, Agency: "某县人民政府", Year: 2015}

	// Jishan's plain-text report through the real extractor, with 3 written
	// into the 总计 of 四、结转下年度继续办理 (published: 0).
	text, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), "shanxi_jishan_county_2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const printed = "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n"
	if !bytes.Contains(text, []byte(printed)) {
		t.Fatalf("Jishan report: no line %q", printed)
	}
	text = bytes.Replace(text, []byte(printed), []byte(strings.Replace(printed, "0\n", "3\n", 1)), 1)
	jishan := extract.Parse(context.Background(), fileText, text)

	reports := []*schema.Report{broken, prior, blanks, failed, legacy, jishan}
	var findings []schema.Finding
	for _, r := range reports {
		findings = append(findings, extract.Check(r)...)
	}
	findings = append(findings, schema.Finding{
		File: fileBroken, OtherFile: filePrior, Rule: "continuity.carry", Severity: schema.SeverityError,
		Keys:     []string{carryColumn, "requests.carried_forward.natural_person"},
		Expected: ptr(valueOf(t, prior, "requests.carried_forward.natural_person")), Found: ptr(valueOf(t, broken, carryColumn)),
		Message: "2024年报告“上年结转政府信息公开申请数量”（自然人）为0，与2023年报告“结转下年度继续办理”的5不一致"})
	return reports, findings
}

// rowKeys lists the keys of a table-3 row, total first (the checked cell).
func rowKeys(row string) []string {
	keys := []string{row + ".total"}
	for _, c := range schema.RequestColumns[:len(schema.RequestColumns)-1] {
		keys = append(keys, row+"."+c.Name)
	}
	return keys
}

// syntheticBatch makes n distinct 2021-template reports of n/5 agencies over
// five years, every cell filled, one in four with a balance error and a
// warning, and continuity findings between consecutive years.
func syntheticBatch(n int) ([]*schema.Report, []schema.Finding) {
	var reports []*schema.Report
	var findings []schema.Finding
	statuses := []schema.Status{schema.StatusOK, schema.StatusOK, schema.StatusOK, schema.StatusPartial, schema.StatusOK,
		schema.StatusOK, schema.StatusLegacy, schema.StatusOK, schema.StatusFailed, schema.StatusOK}
	for i := range n {
		agency := fmt.Sprintf("第%d市人民政府办公室", i/5)
		year := 2020 + i%5
		r := &schema.Report{File: fmt.Sprintf("batch/%04d/%d.pdf", i/5, year), Format: "pdf", Pages: 8,
			Status: statuses[i%len(statuses)], Agency: agency, Year: year, Template: schema.Template2021, OtherRows: 3}
		if r.Status == schema.StatusFailed {
			r.ErrorCode, r.ErrorMessage = schema.ErrNoTextLayer, r.File+": no text layer"
		}
		if r.Status == schema.StatusOK || r.Status == schema.StatusPartial {
			for j, k := range schema.Keys {
				if !printedBy(schema.RowSpec{Templates: k.Templates}, schema.Template2021) || k.Row == otherAllRow {
					continue
				}
				r.Cells = append(r.Cells, cellAt(k, ptr(float64((i*7+j*13)%97))))
			}
		}
		reports = append(reports, r)
		if i%4 == 0 && len(r.Cells) > 0 {
			findings = append(findings,
				schema.Finding{File: r.File, Rule: "requests.balance", Severity: schema.SeverityError,
					Keys: []string{"requests.carried_forward.total", "requests.new_received.total"}, Expected: ptr(1), Found: ptr(2), Message: "不平衡"},
				schema.Finding{File: r.File, Rule: "requests.row_total", Severity: schema.SeverityWarning,
					Keys: rowKeys("requests.granted"), BlankKeys: []string{"requests.granted.total"}, Expected: ptr(3), Message: "总计空白"})
		}
		if year > 2020 && i%3 == 0 {
			findings = append(findings, schema.Finding{File: r.File, OtherFile: reports[i-1].File, Rule: "continuity.carry", Severity: schema.SeverityError,
				Keys: []string{carryColumn, "requests.carried_forward.natural_person"}, Expected: ptr(4), Found: ptr(5), Message: "跨年度不一致"})
		}
	}
	return reports, findings
}
