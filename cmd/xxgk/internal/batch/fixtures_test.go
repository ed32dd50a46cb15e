package batch

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"xxgk/cmd/xxgk/internal/audit"
	"xxgk/fixtures"
	"xxgk/schema"
)

// The continuity fixtures, parsed for real: each file exactly as its truth
// says, and the cross-report findings exactly those of the pair that
// disagrees (fixtures/continuity/README.md).
func TestContinuityFixtures(t *testing.T) {
	in := filepath.Join(fixtures.Dir(), "continuity")
	out := t.TempDir()
	res, err := Run(context.Background(), Options{Paths: []string{in}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parsed != 4 {
		t.Fatalf("parsed %d files, want 4", res.Parsed)
	}
	for _, r := range readReports(t, out) {
		truth, err := fixtures.Load(strings.TrimSuffix(r.File, ".txt") + ".truth.json")
		if err != nil {
			t.Fatal(err)
		}
		if d := fixtures.Diff(truth, r); len(d) > 0 {
			t.Errorf("%s: %v", r.File, d)
		}
		if r.Agency != truth.Agency || r.Year != truth.Year || r.Status != schema.StatusOK {
			t.Errorf("%s: %s %d %s, want %s %d ok", r.File, r.Agency, r.Year, r.Status, truth.Agency, truth.Year)
		}
	}
	var got []finding
	for _, f := range res.Continuity {
		f.File, f.OtherFile = filepath.Base(f.File), filepath.Base(f.OtherFile)
		got = append(got, brief([]schema.Finding{f})...)
	}
	want := []finding{
		{"shili_2023.txt", "shili_2022.txt", RuleCarry, schema.SeverityError, "requests.carried_over.natural_person", 2, 0},
		{"shili_2023.txt", "shili_2022.txt", RuleCarry, schema.SeverityError, "requests.carried_over.total", 2, 0},
		{"shili_2023.txt", "shili_2022.txt", RuleInForce, schema.SeverityWarning, "active.normative_documents.in_force", 24, 19},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("continuity findings:\n%v\nwant\n%v", got, want)
	}
	page, err := os.ReadFile(filepath.Join(out, audit.FileName))
	if err != nil || !strings.Contains(string(page), "shili_2023.txt") || !strings.Contains(string(page), string(RuleCarry)) {
		t.Errorf("audit page: %d bytes, %v", len(page), err)
	}
	if res.Summary.ExitCode != 1 {
		t.Errorf("exit code %d, want 1 (continuity.carry is an error)", res.Summary.ExitCode)
	}
}

func readReports(t *testing.T, out string) []*schema.Report {
	t.Helper()
	var reports []*schema.Report
	for _, line := range lines(t, filepath.Join(out, ReportsJSONL)) {
		var r schema.Report
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, &r)
	}
	if len(reports) == 0 {
		t.Fatalf("no reports in %s", out)
	}
	return reports
}

var update = flag.Bool("update", false, "rewrite the golden files")

// The whole outputs of a batch over the continuity fixtures: findings.csv
// and summary.json, against golden files (go test -update rewrites them).
// Paths are relative, as a user would type them, so the files are the same
// on every machine.
func TestContinuityFixturesGolden(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	in, err := filepath.Rel(wd, filepath.Join(fixtures.Dir(), "continuity"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Run(context.Background(), Options{Paths: []string{in}, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{FindingsCSV, SummaryJSON} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		fixtures.Golden(t, filepath.Join("testdata", "continuity", name), got, *update)
	}
}

// The generated series (fixtures/docx/series_*: one agency 2021–2024,
// carry-over broken on purpose in 2024 by 2 natural-person requests) gives
// exactly the two findings of that break: none on the pairs that agree.
func TestContinuitySeriesFixtures(t *testing.T) {
	series, _ := filepath.Glob(filepath.Join(fixtures.Dir(), "docx", "series_*.docx"))
	if len(series) != 4 {
		t.Fatalf("%d series fixtures, want 4", len(series))
	}
	res, err := Run(context.Background(), Options{Paths: series, Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var got []finding
	for _, f := range res.Continuity {
		f.File, f.OtherFile = filepath.Base(f.File), filepath.Base(f.OtherFile)
		got = append(got, brief([]schema.Finding{f})...)
	}
	truth := func(id, key string) float64 {
		tr, err := fixtures.Load(filepath.Join(fixtures.Dir(), "truth", id+".truth.json"))
		if err != nil || tr.Cells[key] == nil {
			t.Fatalf("%s %s: %v", id, key, err)
		}
		return *tr.Cells[key]
	}
	var want []finding
	for _, col := range []string{"natural_person", "total"} {
		want = append(want, finding{"series_04.docx", "series_03.docx", RuleCarry, schema.SeverityError,
			"requests.carried_over." + col, truth("series_03", "requests.carried_forward."+col), truth("series_04", "requests.carried_over."+col)})
	}
	if want[0].Found != want[0].Expected+2 {
		t.Fatalf("series_04 should carry over 2 more than series_03 carried forward: %+v", want[0])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("continuity findings:\n%v\nwant\n%v", got, want)
	}
}

// The shili pair under other names, parsed for real: its 2022 report
// carries forward 2 requests that its 2023 report does not carry over, so
// every pair continuity makes of them shows as continuity.carry findings.
// Names of one agency pair up across years; names of two agencies do not.
func TestContinuityAcrossNameVariants(t *testing.T) {
	src := filepath.Join(fixtures.Dir(), "continuity")
	as := func(name, agency string) []byte {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		return []byte(strings.ReplaceAll(string(b), "样例县人民政府", agency))
	}
	in := t.TempDir()
	tree(t, in, map[string][]byte{
		// A district that adds its city to its name in the later year.
		"hz/2022.txt": as("shili_2022.txt", "洪泽区人民政府"),
		"hz/2023.txt": as("shili_2023.txt", "淮安市洪泽区人民政府"),
		// The city is not the district.
		"ha/2023.txt": as("shili_2023.txt", "淮安市人民政府"),
		// A committee that names itself by its area in the later year.
		"kf/2022.txt": as("shili_2022.txt", "淮安经济技术开发区管理委员会"),
		"kf/2023.txt": as("shili_2023.txt", "淮安经济技术开发区"),
		// An office that publishes beside its government is an agency of
		// its own: its 2023 report pairs with its own 2022 one only.
		"gov/2022.txt":    as("shili_2022.txt", "清江县人民政府办公室"),
		"gov/2023.txt":    as("shili_2023.txt", "清江县人民政府办公室"),
		"gov/2023gov.txt": as("shili_2023.txt", "清江县人民政府"),
	})
	out := t.TempDir()
	res, err := Run(context.Background(), Options{Paths: []string{in}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range readReports(t, out) {
		if r.Status != schema.StatusOK || r.Agency == "" || r.Year == 0 {
			t.Errorf("%s: %s, agency %q, year %d", r.File, r.Status, r.Agency, r.Year)
		}
	}
	pairs := map[string]int{}
	for _, f := range res.Continuity {
		if f.Rule == RuleCarry {
			rel := func(p string) string { r, _ := filepath.Rel(in, p); return filepath.ToSlash(r) }
			pairs[rel(f.OtherFile)+" → "+rel(f.File)]++
		}
	}
	want := map[string]int{"hz/2022.txt → hz/2023.txt": 2, "kf/2022.txt → kf/2023.txt": 2, "gov/2022.txt → gov/2023.txt": 2}
	if !reflect.DeepEqual(pairs, want) {
		t.Errorf("continuity.carry pairs %v, want %v", pairs, want)
	}
	var ids []string
	for _, a := range res.Summary.Presence.Agencies {
		ids = append(ids, a.AgencyID)
	}
	wantIDs := []string{"淮安市人民政府", "淮安市洪泽区人民政府", "淮安经济技术开发区", "清江县人民政府", "清江县人民政府办公室"}
	if !reflect.DeepEqual(sorted(ids), wantIDs) {
		t.Errorf("agency ids %v, want %v", ids, wantIDs)
	}
	agencies := lines(t, filepath.Join(out, AgenciesCSV))
	if len(agencies) != 8 || agencies[0] != "agency,agency_id" {
		t.Errorf("agencies.csv: %q", agencies)
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
