package batch

import (
	"reflect"
	"testing"

	"xxgk/schema"
)

func TestSummarizeExitCode(t *testing.T) {
	ok := Record{File: "a", Status: schema.StatusOK}
	warned := Record{File: "b", Status: schema.StatusOK, Warnings: map[string]int{"requests.row_total": 1}}
	wrong := Record{File: "c", Status: schema.StatusPartial, Errors: map[string]int{"requests.balance": 2}}
	failed := Record{File: "d", Status: schema.StatusFailed, ErrorCode: schema.ErrEncrypted}
	carry := schema.Finding{Rule: RuleCarry, Severity: schema.SeverityError}
	tests := []struct {
		name    string
		records []Record
		cross   []schema.Finding
		want    int
	}{
		{"all ok", []Record{ok}, nil, 0},
		{"warnings never count", []Record{ok, warned}, []schema.Finding{{Rule: RuleInForce, Severity: schema.SeverityWarning}}, 0},
		{"an error finding", []Record{ok, wrong}, nil, 1},
		{"a cross-report error", []Record{ok}, []schema.Finding{carry}, 1},
		{"a failed file wins", []Record{wrong, failed}, []schema.Finding{carry}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summarize(tt.records, tt.cross).ExitCode; got != tt.want {
				t.Errorf("exit code %d, want %d", got, tt.want)
			}
		})
	}
}

func TestSummarizeCounts(t *testing.T) {
	records := []Record{
		{File: "a21", Status: schema.StatusOK, Format: "pdf", Agency: "甲", Year: 2021, Errors: map[string]int{"requests.balance": 2}},
		{File: "a23", Status: schema.StatusPartial, Format: "docx", Agency: "甲", Year: 2023, Warnings: map[string]int{"requests.balance": 1}},
		{File: "a23copy", Status: schema.StatusDuplicate, Format: "docx", Agency: "甲", Year: 2023, DuplicateOf: "a23"},
		{File: "b22", Status: schema.StatusOK, Format: "pdf", Agency: "乙 县", Year: 2022},
		{File: "b23", Status: schema.StatusLegacy, Format: "html", Agency: "乙县", Year: 2023},
		{File: "x", Status: schema.StatusFailed, ErrorCode: schema.ErrNoTextLayer, Format: "pdf"},
	}
	s := Summarize(records, []schema.Finding{{Rule: RuleCarry, Severity: schema.SeverityError}})
	want := Summary{
		Files:      6,
		Statuses:   map[schema.Status]int{"ok": 2, "partial": 1, "duplicate": 1, "failed": 1, "legacy": 1},
		ErrorCodes: map[schema.ErrorCode]int{"no_text_layer": 1},
		Formats:    map[string]int{"pdf": 3, "docx": 2, "html": 1},
		Years:      map[string]int{"2021": 1, "2022": 1, "2023": 3, "unknown": 1},
		Rules: map[string]RuleCount{
			"requests.balance": {Errors: 2, Warnings: 1},
			string(RuleCarry):  {Errors: 1},
		},
		Presence: Presence{
			Years: []int{2021, 2022, 2023},
			Agencies: []AgencyRow{
				{Agency: "乙 县", AgencyID: "乙县", Files: map[string][]string{"2022": {"b22"}, "2023": {"b23"}}, Gaps: []int{2021}},
				{Agency: "甲", AgencyID: "甲", Files: map[string][]string{"2021": {"a21"}, "2023": {"a23"}}, Gaps: []int{2022}},
			},
			Unidentified: []string{"x"},
		},
		ExitCode: 2,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
}
