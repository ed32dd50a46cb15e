package batch

import (
	"fmt"
	"maps"
	"sort"

	"xxgk/schema"
	"xxgk/schema/agency"
)

// Cross-report rule ids of report-format.md.
const (
	RuleCarry   = schema.RuleContinuityCarry
	RuleInForce = schema.RuleContinuityInForce
)

// Continuity checks each agency's reports (one agency_id, AgencyIDs) of consecutive years against each
// other: what a report carries over from last year must be what last year's
// report carried forward (continuity.carry, every column of table 3, an
// error), and documents in force must follow from last year's count and
// this year's issued and repealed ones (continuity.in_force, 2021 template
// only, a warning: revisions and clean-ups legitimately break it).
//
// Only files read ok or partial, with agency and year known, take part;
// duplicates do not, and of the files of one agency and year with the same
// numbers (one report published as PDF and as a web page) only the first
// does, so that each break is found once. A comparison with a blank or unread cell on either side
// is skipped: a blank says nothing of the other year. Findings name the
// later report in File and the earlier one in OtherFile, and come sorted by
// file, rule and key.
func Continuity(records []Record) []schema.Finding {
	type agencyYear struct {
		agency string
		year   int
	}
	ids := AgencyIDs(records)
	byYear := map[agencyYear][]Record{}
	for _, r := range records {
		if r.DuplicateOf != "" || r.Agency == "" || r.Year == 0 ||
			(r.Status != schema.StatusOK && r.Status != schema.StatusPartial) {
			continue
		}
		k := agencyYear{ids[r.Agency], r.Year}
		if !sameNumbersAsOneOf(r, byYear[k]) {
			byYear[k] = append(byYear[k], r)
		}
	}
	var out []schema.Finding
	for k, cur := range byYear {
		prev := byYear[agencyYear{k.agency, k.year - 1}]
		for _, c := range cur {
			for _, p := range prev {
				out = append(out, carry(p, c)...)
				out = append(out, inForce(p, c)...)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.OtherFile != b.OtherFile {
			return a.OtherFile < b.OtherFile
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return schema.KeyOrder(a.Keys[0]) < schema.KeyOrder(b.Keys[0])
	})
	return out
}

func sameNumbersAsOneOf(r Record, others []Record) bool {
	for _, o := range others {
		if maps.Equal(r.Values, o.Values) {
			return true
		}
	}
	return false
}

func carry(prev, cur Record) []schema.Finding {
	var out []schema.Finding
	for _, col := range schema.RequestColumns {
		over := "requests.carried_over." + col.Name
		forward := "requests.carried_forward." + col.Name
		found, ok1 := cur.Values[over]
		expected, ok2 := prev.Values[forward]
		if !ok1 || !ok2 || found == expected {
			continue
		}
		out = append(out, schema.Finding{
			File: cur.File, OtherFile: prev.File,
			Rule: RuleCarry, Severity: schema.SeverityError,
			Keys: []string{over, forward}, BlankKeys: []string{},
			Expected: &expected, Found: &found,
			Message: fmt.Sprintf("%d年报告“上年结转政府信息公开申请数量”（%s）为%s件，与%d年报告（%s）“结转下年度继续办理”的%s件不一致",
				cur.Year, col.Label, schema.FormatNumber(found), prev.Year, prev.File, schema.FormatNumber(expected)),
		})
	}
	return out
}

func inForce(prev, cur Record) []schema.Finding {
	if prev.Template != schema.Template2021 || cur.Template != schema.Template2021 {
		return nil
	}
	var out []schema.Finding
	for _, row := range inForceRows {
		before, ok1 := prev.Values[row+".in_force"]
		issued, ok2 := cur.Values[row+".issued"]
		repealed, ok3 := cur.Values[row+".repealed"]
		found, ok4 := cur.Values[row+".in_force"]
		expected := before + issued - repealed
		if !ok1 || !ok2 || !ok3 || !ok4 || found == expected {
			continue
		}
		k, _ := schema.LookupKey(row + ".in_force")
		out = append(out, schema.Finding{
			File: cur.File, OtherFile: prev.File,
			Rule: RuleInForce, Severity: schema.SeverityWarning,
			Keys:      []string{row + ".in_force", row + ".issued", row + ".repealed"},
			BlankKeys: []string{},
			Expected:  &expected, Found: &found,
			Message: fmt.Sprintf("%d年报告%s现行有效件数为%s件，而按%d年报告（%s）的现行有效%s件，加本年制发%s件、减本年废止%s件，应为%s件",
				cur.Year, k.RowLabel, schema.FormatNumber(found), prev.Year, prev.File, schema.FormatNumber(before), schema.FormatNumber(issued), schema.FormatNumber(repealed), schema.FormatNumber(expected)),
		})
	}
	return out
}

// AgencyIDs gives the agency name of each record its agency_id (package
// agency), resolved over the records that are no duplicates: the id by
// which continuity pairs years and the presence table groups files.
func AgencyIDs(records []Record) map[string]string {
	var reports []agency.Report
	for _, r := range records {
		if r.DuplicateOf == "" && r.Agency != "" {
			reports = append(reports, agency.Report{Name: r.Agency, Year: r.Year})
		}
	}
	return agency.IDs(reports)
}
