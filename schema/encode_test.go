package schema

import (
	"slices"
	"testing"
)

func TestWideRowAddedColumns(t *testing.T) {
	h := WideHeader()
	at := func(name string) int { return slices.Index(h, name) }
	dup := &Report{File: "b.pdf", SHA256: "ab", Status: StatusDuplicate, DuplicateOf: "a.pdf", Year: 2023,
		Template: Template2021, ErrorMessage: "b.pdf: same content as a.pdf", Version: "v1"}
	row := WideRow(dup, nil)
	if len(row) != len(h) {
		t.Fatalf("row has %d columns, header %d", len(row), len(h))
	}
	want := map[string]string{"year": "2023", "template": "2021", "status": "duplicate", "errors": "", "warnings": "",
		"duplicate_of": "a.pdf", "error_message": "b.pdf: same content as a.pdf", "xxgk_version": "v1"}
	for col, v := range want {
		if got := row[at(col)]; got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
	if at("errors") != 9 || at("duplicate_of") != len(h)-3 {
		t.Errorf("columns moved: errors at %d, duplicate_of at %d of %d", at("errors"), at("duplicate_of"), len(h))
	}
	ok := &Report{File: "a.pdf", Status: StatusOK}
	row = WideRow(ok, []Finding{{Severity: SeverityError}, {Severity: SeverityWarning}, {Severity: SeverityError}})
	if row[at("errors")] != "2" || row[at("warnings")] != "1" || row[at("year")] != "" {
		t.Errorf("errors %q warnings %q year %q", row[at("errors")], row[at("warnings")], row[at("year")])
	}
}

func TestLongCellsStates(t *testing.T) {
	r := &Report{File: "a", Template: Template2021, Status: StatusPartial, Cells: []Cell{
		{Key: "requests.granted.total", Kind: KindNumber, Value: 3.0, Raw: "3"},
		{Key: "requests.granted.commercial", Kind: KindBlank},
		{Key: "requests.granted.research", Kind: KindMarker, Raw: "/"},
		{Key: "requests.granted.natural_person", Kind: KindText, Raw: "三"},
		{Key: "active.procurement.amount_unit", Kind: KindText, Value: "万元", Raw: "万元"},
	}}
	got := map[string]CellState{}
	for _, e := range LongCells(r) {
		if _, dup := got[e.Key]; dup {
			t.Errorf("%s twice", e.Key)
		}
		got[e.Key] = e.State
	}
	if len(got) != len(Keys) {
		t.Errorf("%d keys, want every key (%d)", len(got), len(Keys))
	}
	want := map[string]CellState{
		"requests.granted.total":          StateValue,
		"requests.granted.commercial":     StateBlank,
		"requests.granted.research":       StateDash,
		"requests.granted.natural_person": StateText,
		"active.procurement.amount_unit":  StateValue,         // a text key's text is its value
		"requests.carried_over.total":     StateUnread,        // 2021 prints it, nothing was read
		"active.rules.new_made":           StateNotInTemplate, // 2019 only
	}
	for k, st := range want {
		if got[k] != st {
			t.Errorf("%s: %q, want %q", k, got[k], st)
		}
	}
	if n := len(LongCells(&Report{Status: StatusFailed})); n != 0 {
		t.Errorf("a failed report has %d long entries", n)
	}
	if n := len(LongCells(&Report{Status: StatusDuplicate, Template: Template2021})); n != 0 {
		t.Errorf("a duplicate has %d long entries; its first copy has them", n)
	}
}

func TestFindingRowLocation(t *testing.T) {
	box := [4]float64{1, 2, 3, 4}
	f := Finding{Rule: RuleRowTotal, Severity: SeverityError, Keys: []string{"a", "b", "c"},
		Location: map[string]Location{"a": {Page: 1}, "b": {Page: 2, Box: &box}}}
	row := FindingRow(f)
	h := FindingHeader()
	got := map[string]string{}
	for i, c := range h {
		got[c] = row[i]
	}
	if got["location_key"] != "b" || got["page"] != "2" || got["box"] != "1.00 2.00 3.00 4.00" || got["line"] != "" {
		t.Errorf("flattened location: %v", got)
	}
}
