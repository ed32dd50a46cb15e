package schema

// RuleID names a rule; findings carry it, and it is stable across versions
// (scripts and datasets filter on it).
type RuleID string

// The rule ids. The balance, values, narrative and continuity ids are those
// of report-format.md; the check.* and ocr.* ids are xxgk's own: findings
// about what could not be checked, never about the agency's table.
const (
	RuleBalance    RuleID = "requests.balance"
	RuleResultsSum RuleID = "requests.results_sum"
	RuleRowTotal   RuleID = "requests.row_total"
	RuleGroupTotal RuleID = "appeals.group_total"
	RuleValid      RuleID = "values.valid"

	RuleNarrativeRequests RuleID = "narrative.requests"

	RuleContinuityCarry   RuleID = "continuity.carry"
	RuleContinuityInForce RuleID = "continuity.in_force"

	// RuleNotCheckable: a rule instance involves a cell that was not read
	// (row lost, cell undecodable), so it cannot be checked. Always a warning.
	RuleNotCheckable RuleID = "check.not_checkable"
	// RuleEmptyTables: the statistical tables were found but hold no number
	// at all (a blank template). Always a warning.
	RuleEmptyTables RuleID = "check.empty_tables"
	// RuleOCRUncertain: a rule instance fails, but a cell in it was read by
	// OCR with low confidence or corrected, or inferred from run-together
	// text, so the failure may be ours. Always a warning.
	RuleOCRUncertain RuleID = "ocr.uncertain"
)
