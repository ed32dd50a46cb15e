package dataset

import "xxgk/schema"

// RuleName is a rule's Chinese name for people (the workbooks, and
// findings.parquet's rule_name): the rule registry's.
func RuleName(id schema.RuleID) string { return id.Name(schema.LangZH) }

// place says in Chinese where a finding's checked cell sits
// (schema.CheckedLocation), as a person follows it with the report in hand
// (schema.PlaceIn): 第4页 · 表三（…）· 第13行「…」· 自然人列. r may be nil (a
// cross-report finding): then only the place in the file. "" when unknown.
func place(r *schema.Report, f schema.Finding) string {
	key, loc := schema.CheckedLocation(f)
	switch {
	case key == "":
		return ""
	case r == nil:
		return schema.SourcePlace(loc, schema.LangZH)
	}
	return schema.PlaceIn(r, key, loc, schema.LangZH)
}
