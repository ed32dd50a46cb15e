package audit

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"xxgk/schema"
)

// pageData writes the page for a batch and decodes the data it embeds.
func pageData(t *testing.T, reports []*schema.Report, findings []schema.Finding) (string, data) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, reports, findings); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	const open = `<script type="application/json" id="audit-data">`
	_, rest, ok := strings.Cut(html, open)
	if !ok {
		t.Fatal("no data element")
	}
	raw, _, ok := strings.Cut(rest, "</script>")
	if !ok {
		t.Fatal("data element not closed")
	}
	var d data
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		t.Fatalf("data: %v", err)
	}
	return html, d
}

func TestWriteEmbedsBatch(t *testing.T) {
	reports, findings := testBatch(t)
	html, d := pageData(t, reports, findings)

	if len(d.Reports) != len(reports) || len(d.Findings) != len(findings) {
		t.Fatalf("embedded %d reports, %d findings; want %d, %d", len(d.Reports), len(d.Findings), len(reports), len(findings))
	}
	if len(d.Keys) != len(schema.Keys) || d.Keys[0] != schema.Keys[0].Name {
		t.Fatalf("keys: %d, first %q", len(d.Keys), d.Keys[0])
	}
	find := func(file, rule string) finding {
		t.Helper()
		for _, f := range d.Findings {
			if f.File == file && f.Rule == rule {
				return f
			}
		}
		t.Fatalf("no %s finding for %s", rule, file)
		return finding{}
	}
	// The cross-year finding points at both reports by index.
	carry := find(fileBroken, "continuity.carry")
	if carry.Report != 0 || carry.Other != 1 || *carry.Expected != "5" || *carry.Found != "0" {
		t.Errorf("carry finding: report %d, other %d, expected %s, found %s; want 0, 1, 5, 0",
			carry.Report, carry.Other, *carry.Expected, *carry.Found)
	}
	if bal := find(fileBroken, "requests.balance"); !slices.Equal(bal.Checked, []string{"requests.results_total.total", brokenKey}) ||
		*bal.Expected != "95" || *bal.Found != "97" || bal.Other != -1 {
		t.Errorf("balance finding: checked %v, expected %s, found %s, other %d", bal.Checked, *bal.Expected, *bal.Found, bal.Other)
	}
	if w := find(fileBlanks, "requests.results_sum"); w.Severity != "warning" || w.Report != 2 || len(w.Blank) == 0 {
		t.Errorf("results_sum finding: severity %s, report %d, blanks %v", w.Severity, w.Report, w.Blank)
	}
	// The broken cell carries its new value and its place in the source.
	var cells [][]any
	if err := json.Unmarshal([]byte(d.Reports[0].Cells), &cells); err != nil {
		t.Fatal(err)
	}
	var got []any
	for _, c := range cells {
		if d.Keys[int(c[0].(float64))] == brokenKey {
			got = c
		}
	}
	want := []any{float64(schema.KeyOrder(brokenKey)), float64(0), "2", "第3页"}
	if !equalJSON(got, want) {
		t.Errorf("cell %s = %v, want %v", brokenKey, got, want)
	}
	if g := d.Reports[0].Grids; g != [3]string{gridActive2021, gridRequests1, gridAppeals} {
		t.Errorf("hongze grids = %v", g)
	}
	if g := d.Reports[2].Grids; g != [3]string{gridActive2019, gridRequests1, gridAppeals} {
		t.Errorf("shanghai grids = %v", g)
	}
	for _, s := range []string{"<link", "src=\"http", "href=\"http", "@import", "fetch("} {
		if strings.Contains(html, s) {
			t.Errorf("page refers to the network: %q", s)
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// A value that looks like markup must not end the data element early.
func TestWriteEscapesScriptEnd(t *testing.T) {
	raw := "</script>\"\\\t\x01 \u2028\xff元"
	r := &schema.Report{File: `a</script><script>alert(1)</script>.pdf`, Status: schema.StatusPartial,
		ErrorMessage: "</SCRIPT>&<!--",
		Cells:        []schema.Cell{{Key: "active.procurement.amount", Kind: schema.KindText, Raw: raw}}}
	html, d := pageData(t, []*schema.Report{r}, nil)
	var cells [][]any
	if err := json.Unmarshal([]byte(d.Reports[0].Cells), &cells); err != nil {
		t.Fatal(err)
	}
	want := strings.ToValidUTF8(raw, "\uFFFD")
	if len(cells) != 1 || cells[0][2] != want || len(cells[0]) != 4 {
		t.Errorf("cells = %q, want one with shown text %q", cells, want)
	}
	if strings.Count(strings.ToLower(html), "</script>") != 2 {
		t.Errorf("page has %d </script>, want 2 (data and code)", strings.Count(strings.ToLower(html), "</script>"))
	}
	if d.Reports[0].File != r.File || d.Reports[0].ErrorMsg != r.ErrorMessage {
		t.Errorf("round trip: %q %q", d.Reports[0].File, d.Reports[0].ErrorMsg)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	reports, findings := testBatch(t)
	if err := WriteFile(dir, reports, findings); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Fatalf("dir holds %v, want only %s", entries, FileName)
	}
	if err := WriteFile(filepath.Join(dir, "missing"), reports, findings); err == nil {
		t.Error("WriteFile into a missing folder: no error")
	}
}

func TestWhere(t *testing.T) {
	box := [4]float64{72.4, 540.5, 120, 552}
	tests := []struct {
		loc  schema.Location
		want string
	}{
		{schema.Location{}, ""},
		{schema.Location{Page: 3, Box: &box}, "第3页"},
		{schema.Location{Table: 2, Row: 5, Col: 3}, "文档中第2个表格"},
		{schema.Location{Line: 41}, "文本第41行"},
	}
	for _, tt := range tests {
		if got := where(tt.loc); got != tt.want {
			t.Errorf("where(%+v) = %q, want %q", tt.loc, got, tt.want)
		}
		if got := schema.SourcePlace(tt.loc, schema.LangZH); got != tt.want {
			t.Errorf("schema.SourcePlace(%+v) = %q, want %q: the page and the text output say it alike", tt.loc, got, tt.want)
		}
	}
}

func TestCheckedKeys(t *testing.T) {
	tests := []struct {
		name string
		f    schema.Finding
		want []string
	}{
		{"balance: both cells of the right side",
			schema.Finding{Rule: schema.RuleBalance, Keys: []string{"requests.new_received.research", "requests.carried_over.research", "requests.results_total.research", "requests.carried_forward.research"}},
			[]string{"requests.results_total.research", "requests.carried_forward.research"}},
		{"balance of a report without 结转下年度",
			schema.Finding{Rule: schema.RuleBalance, Keys: []string{"requests.new_received.total", "requests.carried_over.total", "requests.results_total.total"}},
			[]string{"requests.results_total.total"}},
		{"row total", schema.Finding{Rule: schema.RuleRowTotal, Keys: rowKeys("requests.granted")[1:]}, []string{}},
		{"row total with its total", schema.Finding{Rule: schema.RuleRowTotal, Keys: append(rowKeys("requests.granted")[1:], "requests.granted.total")},
			[]string{"requests.granted.total"}},
		{"appeals", schema.Finding{Rule: schema.RuleGroupTotal, Keys: []string{"review.upheld", "review.total"}}, []string{"review.total"}},
		{"values.valid", schema.Finding{Rule: schema.RuleValid, Keys: []string{"review.upheld"}}, []string{"review.upheld"}},
		{"continuity: the first key", schema.Finding{Rule: "continuity.in_force", Keys: []string{"active.rules.in_force", "active.rules.issued", "active.rules.repealed"}},
			[]string{"active.rules.in_force"}},
		{"no keys", schema.Finding{Rule: "narrative.requests"}, []string{}},
	}
	for _, tt := range tests {
		if got := checkedKeys(tt.f); !slices.Equal(got, tt.want) {
			t.Errorf("%s: checkedKeys = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestShown(t *testing.T) {
	tests := []struct {
		cell schema.Cell
		want string
	}{
		{schema.Cell{Kind: schema.KindNumber, Value: 1808595.0, Raw: "1,808,595"}, "1808595"},
		{schema.Cell{Kind: schema.KindNumber, Value: 12.35, Raw: "12.35"}, "12.35"},
		{schema.Cell{Kind: schema.KindNumber, Value: -8.0, Raw: "-8"}, "-8"},
		{schema.Cell{Kind: schema.KindBlank, Raw: ""}, ""},
		{schema.Cell{Kind: schema.KindMarker, Raw: " / "}, "/"},
		{schema.Cell{Kind: schema.KindText, Value: "万元", Raw: "万元"}, "万元"},
		{schema.Cell{Kind: schema.KindText, Raw: "251000元"}, "251000元"},
	}
	for _, tt := range tests {
		if got := shown(tt.cell); got != tt.want {
			t.Errorf("shown(%+v) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestWriteReportsWriteError(t *testing.T) {
	reports, findings := testBatch(t)
	if err := Write(failWriter{}, reports, findings); err == nil {
		t.Error("no error from a failing writer")
	}
}

func BenchmarkWrite1000(b *testing.B) {
	reports, findings := syntheticBatch(1000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, reports, findings); err != nil {
			b.Fatal(err)
		}
	}
}

// Reports streamed into a Page one at a time, each with its own findings,
// give the same page as the batch written at once.
func TestAddMatchesWrite(t *testing.T) {
	reports, findings := testBatch(t)
	var p Page
	var cross []schema.Finding
	for _, r := range reports {
		var own []schema.Finding
		for _, f := range findings {
			switch {
			case f.OtherFile != "" && f.File == r.File:
				cross = append(cross, f)
			case f.OtherFile == "" && f.File == r.File:
				own = append(own, f)
			}
		}
		p.Add(r, own...)
	}
	p.AddFindings(cross...)
	var streamed, whole bytes.Buffer
	if err := p.Write(&streamed); err != nil {
		t.Fatal(err)
	}
	if err := Write(&whole, reports, findings); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(streamed.Bytes(), whole.Bytes()) {
		t.Error("streamed page differs from the page written at once")
	}
}

func TestEmptyPage(t *testing.T) {
	_, d := pageData(t, nil, nil)
	if d.Reports == nil || len(d.Reports) != 0 || len(d.Findings) != 0 || len(d.Grids) != 5 {
		t.Errorf("empty page data: %d reports, %d findings, %d grids", len(d.Reports), len(d.Findings), len(d.Grids))
	}
}
