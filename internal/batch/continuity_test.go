package batch

import (
	"reflect"
	"testing"

	"xxgk/schema"
)

// yearReport builds a record of a 2021-template report from the numbers
// continuity reads.
func yearReport(file, agency string, year int, values map[string]float64) Record {
	return Record{File: file, Agency: agency, Year: year, Status: schema.StatusOK,
		Template: schema.Template2021, Values: values}
}

func carryValues(over, forward float64) map[string]float64 {
	v := map[string]float64{}
	for _, c := range schema.RequestColumns {
		v["requests.carried_over."+c.Name] = over
		v["requests.carried_forward."+c.Name] = forward
	}
	return v
}

type finding struct {
	File, Other     string
	Rule            schema.RuleID
	Severity        schema.Severity
	Key             string
	Expected, Found float64
}

func brief(fs []schema.Finding) []finding {
	var out []finding
	for _, f := range fs {
		out = append(out, finding{f.File, f.OtherFile, f.Rule, f.Severity, f.Keys[0], *f.Expected, *f.Found})
	}
	return out
}

func TestContinuityCarry(t *testing.T) {
	agree := carryValues(3, 0)
	disagree := carryValues(3, 0)
	disagree["requests.carried_over.commercial"] = 5 // last year carried forward 2
	disagree["requests.carried_over.natural_person"] = 1

	lastYear := carryValues(0, 3)
	lastYear["requests.carried_forward.commercial"] = 2

	tests := []struct {
		name    string
		records []Record
		want    []finding
	}{
		{"pair that agrees", []Record{
			yearReport("a2022", "甲县人民政府", 2022, carryValues(0, 3)),
			yearReport("a2023", "甲县人民政府", 2023, agree),
		}, nil},
		{"pair that disagrees in two columns", []Record{
			yearReport("a2022", "甲县人民政府", 2022, lastYear),
			yearReport("a2023", "甲县人民政府", 2023, disagree),
		}, []finding{
			{"a2023", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over.natural_person", 3, 1},
			{"a2023", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over.commercial", 2, 5},
		}},
		{"agency names differing only in spaces and brackets are one agency", []Record{
			yearReport("a2022", "甲县（乙）人民政府", 2022, carryValues(0, 1)),
			yearReport("a2023", "甲县(乙) 人民政府", 2023, carryValues(2, 0)),
		}, func() []finding {
			var want []finding
			for _, c := range schema.RequestColumns {
				want = append(want, finding{"a2023", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over." + c.Name, 1, 2})
			}
			return want
		}()},
		{"one report in two formats is compared once", []Record{
			yearReport("a2022.html", "甲县人民政府", 2022, lastYear),
			yearReport("a2022.pdf", "甲县人民政府", 2022, lastYear),
			yearReport("a2023.html", "甲县人民政府", 2023, disagree),
			yearReport("a2023.pdf", "甲县人民政府", 2023, disagree),
		}, []finding{
			{"a2023.html", "a2022.html", RuleCarry, schema.SeverityError, "requests.carried_over.natural_person", 3, 1},
			{"a2023.html", "a2022.html", RuleCarry, schema.SeverityError, "requests.carried_over.commercial", 2, 5},
		}},
		{"two reports of a year with other numbers are both compared", []Record{
			yearReport("a2022", "甲县人民政府", 2022, lastYear),
			yearReport("a2023", "甲县人民政府", 2023, agree),
			yearReport("a2023-corrected", "甲县人民政府", 2023, disagree),
		}, []finding{
			{"a2023", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over.commercial", 2, 3},
			{"a2023-corrected", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over.natural_person", 3, 1},
			{"a2023-corrected", "a2022", RuleCarry, schema.SeverityError, "requests.carried_over.commercial", 2, 5},
		}},
		{"years apart are not compared", []Record{
			yearReport("a2021", "甲县人民政府", 2021, carryValues(0, 9)),
			yearReport("a2023", "甲县人民政府", 2023, carryValues(1, 0)),
		}, nil},
		{"other agencies are not compared", []Record{
			yearReport("a2022", "甲县人民政府", 2022, carryValues(0, 9)),
			yearReport("b2023", "乙县人民政府", 2023, carryValues(1, 0)),
		}, nil},
		{"an agency that adds its city to its name is one agency", []Record{
			yearReport("hz2023", "洪泽区人民政府", 2023, carryValues(0, 1)),
			yearReport("hz2024", "淮安市洪泽区人民政府", 2024, carryValues(2, 0)),
			yearReport("ha2024", "淮安市人民政府", 2024, carryValues(5, 0)), // the city, not the district
		}, func() []finding {
			var want []finding
			for _, c := range schema.RequestColumns {
				want = append(want, finding{"hz2024", "hz2023", RuleCarry, schema.SeverityError, "requests.carried_over." + c.Name, 1, 2})
			}
			return want
		}()},
		{"a district two cities have is paired with neither", []Record{
			yearReport("gl2023", "鼓楼区人民政府", 2023, carryValues(0, 1)),
			yearReport("nj2024", "南京市鼓楼区人民政府", 2024, carryValues(2, 0)),
			yearReport("fz2024", "福州市鼓楼区人民政府", 2024, carryValues(3, 0)),
		}, nil},
		{"an office publishing beside its government is another agency", []Record{
			yearReport("gov2023", "淮安市人民政府", 2023, carryValues(0, 1)),
			yearReport("office2023", "淮安市人民政府办公室", 2023, carryValues(0, 7)),
			yearReport("office2024", "淮安市人民政府办公室", 2024, carryValues(7, 0)),
		}, nil},
		{"blank on one side is skipped", []Record{
			yearReport("a2022", "甲县人民政府", 2022, map[string]float64{"requests.carried_forward.total": 4}),
			yearReport("a2023", "甲县人民政府", 2023, map[string]float64{"requests.carried_over.commercial": 4}),
		}, nil},
		{"duplicates and failed files take no part", []Record{
			yearReport("a2022", "甲县人民政府", 2022, carryValues(0, 9)),
			func() Record {
				r := yearReport("a2023", "甲县人民政府", 2023, carryValues(1, 0))
				r.DuplicateOf = "x"
				return r
			}(),
			func() Record {
				r := yearReport("c2023", "甲县人民政府", 2023, carryValues(1, 0))
				r.Status = schema.StatusFailed
				return r
			}(),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := brief(Continuity(tt.records))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestContinuityInForce(t *testing.T) {
	v := func(before, issued, repealed, now float64) (map[string]float64, map[string]float64) {
		return map[string]float64{"active.normative_documents.in_force": before},
			map[string]float64{
				"active.normative_documents.issued":   issued,
				"active.normative_documents.repealed": repealed,
				"active.normative_documents.in_force": now,
			}
	}
	tests := []struct {
		name                      string
		before, issued, rep, now  float64
		prevTemplate, curTemplate schema.Template
		want                      []finding
	}{
		{"balances", 10, 3, 1, 12, schema.Template2021, schema.Template2021, nil},
		{"does not balance", 10, 3, 1, 15, schema.Template2021, schema.Template2021, []finding{
			{"a2023", "a2022", RuleInForce, schema.SeverityWarning, "active.normative_documents.in_force", 12, 15}}},
		{"2019 template on either side is not checked", 10, 3, 1, 15, schema.Template2019, schema.Template2021, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, c := v(tt.before, tt.issued, tt.rep, tt.now)
			prev := yearReport("a2022", "甲县人民政府", 2022, p)
			prev.Template = tt.prevTemplate
			cur := yearReport("a2023", "甲县人民政府", 2023, c)
			cur.Template = tt.curTemplate
			got := brief(Continuity([]Record{cur, prev}))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestNewRecordKeepsContinuityNumbers(t *testing.T) {
	r := &schema.Report{File: "f", Status: schema.StatusOK, Cells: []schema.Cell{
		{Key: "requests.carried_over.total", Kind: schema.KindNumber, Value: 4.0},
		{Key: "requests.carried_forward.total", Kind: schema.KindBlank},
		{Key: "requests.granted.total", Kind: schema.KindNumber, Value: 9.0},
	}}
	findings := []schema.Finding{
		{Rule: "requests.balance", Severity: schema.SeverityError},
		{Rule: "requests.balance", Severity: schema.SeverityError},
		{Rule: "requests.row_total", Severity: schema.SeverityWarning},
	}
	rec := NewRecord(r, findings, "")
	if want := map[string]float64{"requests.carried_over.total": 4}; !reflect.DeepEqual(rec.Values, want) {
		t.Errorf("Values = %v, want %v", rec.Values, want)
	}
	if rec.ErrorCount() != 2 || rec.WarningCount() != 1 || rec.Errors["requests.balance"] != 2 {
		t.Errorf("counts: errors %v warnings %v", rec.Errors, rec.Warnings)
	}
}

// Values read with doubt never reach the cross-year rules: the rules see a
// blank, which checks nothing, rather than a number we may have misread.
func TestNewRecordLeavesOutUncertainNumbers(t *testing.T) {
	r := &schema.Report{File: "f", Status: schema.StatusOK, Cells: []schema.Cell{
		{Key: "requests.carried_over.total", Kind: schema.KindNumber, Value: 4.0, Inferred: true},
		{Key: "requests.carried_over.natural_person", Kind: schema.KindNumber, Value: 4.0,
			OCR: &schema.OCRReading{Page: 1, Confidence: 41, Low: true}},
		{Key: "requests.carried_forward.total", Kind: schema.KindNumber, Value: 2.0,
			OCR: &schema.OCRReading{Page: 1, Confidence: 96}},
	}}
	rec := NewRecord(r, nil, "")
	if want := map[string]float64{"requests.carried_forward.total": 2}; !reflect.DeepEqual(rec.Values, want) {
		t.Errorf("Values = %v, want %v", rec.Values, want)
	}
}
