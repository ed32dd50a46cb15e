package dataset

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"xxgk/schema"
)

// place1 is where the row_total finding of testBatch points, as the rule
// registry's places say it.
const place1 = "第2页 · 表三（收到和处理政府信息公开申请情况）· 第1行「一、本年新收政府信息公开申请数量」· 总计列"

// testBatch is a small batch with known contents: a 2021 report with each
// kind of cell, its duplicate, a failed file, and a cross-report finding.
func testBatch() ([]*schema.Report, [][]schema.Finding, []schema.Finding) {
	box := [4]float64{90, 300, 130, 312}
	num := func(key string, v float64, raw string) schema.Cell {
		return schema.Cell{Key: key, Kind: schema.KindNumber, Value: v, Raw: raw, Loc: schema.Location{Page: 2, Box: &box}}
	}
	ok := &schema.Report{File: "a/hz2023.pdf", SHA256: "aa", Format: "pdf", Pages: 3, Status: schema.StatusOK,
		Agency: "洪泽区人民政府", Year: 2023, Template: schema.Template2021, OtherRows: 3, Version: "test",
		Cells: []schema.Cell{
			num("requests.new_received.total", 12, "12"),
			num("requests.carried_over.total", 2.5, "2.5"), // a count that is no whole number
			num("active.fees.amount_10k_yuan", 3.5, "3.50"),
			{Key: "requests.granted.total", Kind: schema.KindBlank},
			{Key: "requests.granted.research", Kind: schema.KindMarker, Raw: "/", Loc: schema.Location{Table: 2, Row: 5, Col: 4}},
			{Key: "requests.carried_forward.natural_person", Kind: schema.KindText, Raw: "三", Inferred: true},
		}}
	expected, found := 14.0, 12.0
	own := []schema.Finding{{File: ok.File, Rule: schema.RuleRowTotal, Severity: schema.SeverityError,
		Keys: []string{"requests.new_received.natural_person", "requests.new_received.total"}, BlankKeys: []string{},
		Expected: &expected, Found: &found, Message: "“一、本年新收”行：各类申请人之和为14，总计为12",
		Location: map[string]schema.Location{"requests.new_received.total": {Page: 2, Box: &box}}}}
	dup := &schema.Report{File: "b/copy.pdf", SHA256: "aa", Format: "pdf", Status: schema.StatusDuplicate,
		DuplicateOf: ok.File, Agency: ok.Agency, Year: 2023, Template: schema.Template2021, Version: "test",
		ErrorMessage: "b/copy.pdf: same content as a/hz2023.pdf"}
	failed := &schema.Report{File: "c/empty.pdf", Status: schema.StatusFailed, ErrorCode: schema.ErrUnreadable,
		ErrorMessage: "c/empty.pdf: empty file", Version: "test"}
	e2, f2 := 1.0, 2.0
	cross := []schema.Finding{{File: ok.File, OtherFile: "z/hz2022.pdf", Rule: schema.RuleContinuityCarry, Severity: schema.SeverityError,
		Keys: []string{"requests.carried_over.total", "requests.carried_forward.total"}, BlankKeys: []string{},
		Expected: &e2, Found: &f2, Message: "上年结转不一致"}}
	return []*schema.Report{ok, dup, failed}, [][]schema.Finding{own, nil, nil}, cross
}

func writeTestBatch(t *testing.T) string {
	dir := t.TempDir()
	reports, findings, cross := testBatch()
	w, err := Create(dir, map[string]string{"洪泽区人民政府": "淮安市洪泽区人民政府"})
	require.NoError(t, err)
	for i, r := range reports {
		require.NoError(t, w.Add(r, findings[i]))
	}
	require.NoError(t, w.AddFindings(cross))
	require.NoError(t, w.Close())
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	assert.Empty(t, left, "temporary files left")
	return dir
}

// Our own reader: the rows as written.
func TestParquetRows(t *testing.T) {
	dir := writeTestBatch(t)
	cells, err := parquet.ReadFile[cellRow](filepath.Join(dir, CellsParquet))
	require.NoError(t, err)
	states := map[string]string{}
	for _, c := range cells {
		assert.Equal(t, "a/hz2023.pdf", c.File, "only the report has cells")
		states[c.Key] = c.State
	}
	assert.Len(t, cells, len(schema.Keys))
	assert.Equal(t, map[string]string{
		"requests.new_received.total": "value", "requests.granted.total": "blank", "requests.granted.research": "dash",
		"requests.carried_forward.natural_person": "text", "requests.carried_over.natural_person": "unread",
		"active.rules.new_made": "not_in_template",
	}, pick(states, "requests.new_received.total", "requests.granted.total", "requests.granted.research",
		"requests.carried_forward.natural_person", "requests.carried_over.natural_person", "active.rules.new_made"))

	findings, err := parquet.ReadFile[findingRow](filepath.Join(dir, FindingsParquet))
	require.NoError(t, err)
	require.Len(t, findings, 2)
	f := findings[0]
	assert.Equal(t, "requests.row_total", f.Rule)
	assert.Equal(t, RuleName(schema.RuleRowTotal), f.RuleName)
	assert.Equal(t, "requests.new_received.total", *f.LocationKey)
	assert.Equal(t, int32(2), *f.Page)
	assert.Equal(t, 130.0, *f.X1)
	assert.Equal(t, place1, *f.Where)
	assert.Equal(t, "z/hz2022.pdf", *findings[1].OtherFile)
	assert.Nil(t, findings[1].LocationKey)
}

func pick(m map[string]string, keys ...string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

// duckdb runs SQL in DuckDB's node package and returns each statement's
// rows; it skips the test when node or the package is missing.
func duckdb(t *testing.T, sql ...string) [][]map[string]any {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; .ci/run installs it (Debian nodejs)")
	}
	modules, _ := filepath.Abs(filepath.Join("..", "..", "..", "..", ".ci", "duckdb", "node_modules"))
	if _, err := os.Stat(filepath.Join(modules, "@duckdb", "node-api")); err != nil {
		t.Skip("@duckdb/node-api is not installed; run: npm ci --prefix .ci/duckdb (as .ci/run does)")
	}
	cmd := exec.Command(node, append([]string{filepath.Join("testdata", "duckdb.cjs")}, sql...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	var res [][]map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var rows []map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rows), line)
		res = append(res, rows)
	}
	require.Len(t, res, len(sql))
	return res
}

// DuckDB reads the files with the types docs/datasets.md promises.
func TestParquetInDuckDB(t *testing.T) {
	dir := writeTestBatch(t)
	at := func(name string) string { return "'" + filepath.Join(dir, name) + "'" }
	types := func(file string) string {
		return "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + at(file) + ")"
	}
	res := duckdb(t,
		types(ReportsParquet), types(CellsParquet), types(FindingsParquet),
		`SELECT file, status, year, template, errors, warnings, duplicate_of, agency_id,
			"requests.new_received.total" AS new_total, "requests.carried_over.total" AS over_total,
			"active.fees.amount_10k_yuan" AS fees, "requests.granted.total" AS granted
		 FROM `+at(ReportsParquet)+` ORDER BY file`,
		`SELECT state, count(*) AS n FROM `+at(CellsParquet)+` GROUP BY state ORDER BY state`,
		`SELECT value, raw, page, box_x0, inferred FROM `+at(CellsParquet)+` WHERE key = 'requests.carried_over.total'`,
		`SELECT rule, keys, expected, found, page, "where" FROM `+at(FindingsParquet)+` ORDER BY rule`,
	)
	typeOf := func(rows []map[string]any) map[string]string {
		m := map[string]string{}
		for _, r := range rows {
			m[r["column_name"].(string)] = r["column_type"].(string)
		}
		return m
	}
	rt := typeOf(res[0])
	for col, want := range map[string]string{
		"file": "VARCHAR", "year": "INTEGER", "template": "INTEGER", "pages": "INTEGER", "errors": "INTEGER",
		"agency_id": "VARCHAR", "requests.new_received.total": "BIGINT", "active.licensing.change": "BIGINT",
		"active.fees.amount_10k_yuan": "DOUBLE", "active.procurement.amount_unit": "VARCHAR",
	} {
		assert.Equal(t, want, rt[col], "reports.parquet %s", col)
	}
	assert.Len(t, rt, 16+len(schema.Keys))
	ct := typeOf(res[1])
	for col, want := range map[string]string{"state": "VARCHAR", "value": "DOUBLE", "page": "INTEGER", "box_x0": "DOUBLE", "inferred": "BOOLEAN"} {
		assert.Equal(t, want, ct[col], "cells.parquet %s", col)
	}
	ft := typeOf(res[2])
	for col, want := range map[string]string{"keys": "VARCHAR[]", "expected": "DOUBLE", "page": "INTEGER", "where": "VARCHAR"} {
		assert.Equal(t, want, ft[col], "findings.parquet %s", col)
	}

	// BIGINT comes back as a JSON string from the node package.
	assert.Equal(t, []map[string]any{
		{"file": "a/hz2023.pdf", "status": "ok", "year": 2023.0, "template": 2021.0, "errors": 1.0, "warnings": 0.0,
			"duplicate_of": nil, "agency_id": "淮安市洪泽区人民政府", "new_total": "12", "over_total": nil, "fees": 3.5, "granted": nil},
		{"file": "b/copy.pdf", "status": "duplicate", "year": 2023.0, "template": 2021.0, "errors": nil, "warnings": nil,
			"duplicate_of": "a/hz2023.pdf", "agency_id": "淮安市洪泽区人民政府", "new_total": nil, "over_total": nil, "fees": nil, "granted": nil},
		{"file": "c/empty.pdf", "status": "failed", "year": nil, "template": nil, "errors": 0.0, "warnings": 0.0,
			"duplicate_of": nil, "agency_id": nil, "new_total": nil, "over_total": nil, "fees": nil, "granted": nil},
	}, res[3])
	states := map[string]any{}
	for _, r := range res[4] {
		states[r["state"].(string)] = r["n"]
	}
	assert.Equal(t, "3", states["value"]) // two numbers and a fee amount
	assert.Equal(t, "1", states["blank"])
	assert.Equal(t, "1", states["dash"])
	assert.Equal(t, "1", states["text"])
	assert.Equal(t, []map[string]any{{"value": 2.5, "raw": "2.5", "page": 2.0, "box_x0": 90.0, "inferred": false}}, res[5])
	assert.Equal(t, []map[string]any{
		{"rule": "continuity.carry", "keys": []any{"requests.carried_over.total", "requests.carried_forward.total"},
			"expected": 1.0, "found": 2.0, "page": nil, "where": nil},
		{"rule": "requests.row_total", "keys": []any{"requests.new_received.natural_person", "requests.new_received.total"},
			"expected": 14.0, "found": 12.0, "page": 2.0, "where": place1},
	}, res[6])
}

func TestWorkbook(t *testing.T) {
	dir := writeTestBatch(t)
	f, err := excelize.OpenFile(filepath.Join(dir, Workbook))
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"报告", "发现", "数据"}, f.GetSheetList())

	rows, err := f.GetRows("报告")
	require.NoError(t, err)
	require.Len(t, rows, 4)
	assert.Equal(t, reportsHead, rows[0])
	assert.Equal(t, []string{"a/hz2023.pdf", "正常（ok）", "1", "0", "洪泽区人民政府", "淮安市洪泽区人民政府", "2023", "2021", "pdf"}, rows[1])
	assert.Equal(t, []string{"b/copy.pdf", "重复（duplicate）", "", "", "洪泽区人民政府", "淮安市洪泽区人民政府", "2023", "2021", "pdf",
		"a/hz2023.pdf", "b/copy.pdf: same content as a/hz2023.pdf"}, rows[2])

	rows, err = f.GetRows("发现")
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, []string{"a/hz2023.pdf", "requests.row_total", RuleName(schema.RuleRowTotal), "错误", place1,
		"14", "12", "“一、本年新收”行：各类申请人之和为14，总计为12", "requests.new_received.natural_person requests.new_received.total"}, rows[1])
	assert.Equal(t, "z/hz2022.pdf", rows[2][9])

	rows, err = f.GetRows("数据")
	require.NoError(t, err)
	require.Len(t, rows, 3, "two header rows and the one report (no duplicate, no failed file)")
	col := 6 + schema.KeyOrder("requests.new_received.total")
	assert.Equal(t, "一、本年新收政府信息公开申请数量／总计", rows[0][col])
	assert.Equal(t, "requests.new_received.total", rows[1][col])
	assert.Equal(t, "12", rows[2][col])
	assert.Equal(t, "/", rows[2][6+schema.KeyOrder("requests.granted.research")])
}

// A batch of no file still makes files every reader opens.
func TestDatasetsOfNothing(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, nil)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	cells, err := parquet.ReadFile[cellRow](filepath.Join(dir, CellsParquet))
	require.NoError(t, err)
	assert.Empty(t, cells)
	f, err := excelize.OpenFile(filepath.Join(dir, Workbook))
	require.NoError(t, err)
	rows, err := f.GetRows(sheetData)
	require.NoError(t, err)
	assert.Len(t, rows, 2, "the two header rows")
	f.Close()
}

// The same batch makes the same bytes: a merged batch must equal a single
// run's (excelize alone writes streamed sheets in map order).
func TestDatasetsDeterministic(t *testing.T) {
	a, b := writeTestBatch(t), writeTestBatch(t)
	for _, name := range targets {
		x, err := os.ReadFile(filepath.Join(a, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), "%s differs between two writes", name)
	}
}

func TestCheckBook(t *testing.T) {
	reports, findings, _ := testBatch()
	b, err := NewCheckBook()
	require.NoError(t, err)
	require.NoError(t, b.Add(reports[0], findings[0]))
	require.NoError(t, b.Add(reports[2], nil))
	var buf bytes.Buffer
	require.NoError(t, b.Write(&buf))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	assert.Equal(t, []string{"1 hz2023.pdf", "2 empty.pdf"}, f.GetSheetList())

	// Find the cell of requests.new_received.total: the row labelled 一、
	// and the 总计 column, as the official layout draws them.
	sheet := "1 hz2023.pdf"
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	var cell string
	for i, row := range rows {
		if len(row) > 0 && row[0] == "一、本年新收政府信息公开申请数量" {
			cell, _ = excelize.CoordinatesToCellName(4+len(schema.RequestColumns)-1, i+1)
			break
		}
	}
	require.NotEmpty(t, cell, "table 3 not drawn")
	v, _ := f.GetCellValue(sheet, cell)
	assert.Equal(t, "12", v)
	style, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	assert.Equal(t, b.styles["error"], style)
	comments, err := f.GetComments(sheet)
	require.NoError(t, err)
	require.Len(t, comments, 1)
	assert.Equal(t, cell, comments[0].Cell)
	text := comments[0].Text
	for _, p := range comments[0].Paragraph {
		text += p.Text
	}
	assert.Contains(t, text, "应为 14，实为 12")
	assert.Contains(t, text, RuleName(schema.RuleRowTotal))

	rows, err = f.GetRows("2 empty.pdf")
	require.NoError(t, err)
	assert.Equal(t, "说明：c/empty.pdf: empty file", rows[2][0])
}
