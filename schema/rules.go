package schema

import "strings"

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

// Lang is the language of the text xxgk writes for people. Ids, keys and
// codes in JSON and CSV stay the same in every language.
type Lang string

// The languages of human text. Chinese is the default: the reports, their
// readers and the template are Chinese.
const (
	LangZH Lang = "zh"
	LangEN Lang = "en"
)

// ParseLang reads a --lang value: "zh" or "en" (and their common spellings
// zh-CN, en-US); ok is false for anything else.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(s) {
	case "", "zh", "zh-cn", "zh_cn", "cn", "chinese":
		return LangZH, true
	case "en", "en-us", "en_us", "en-gb", "english":
		return LangEN, true
	}
	return "", false
}

// Bilingual is one human sentence or name in both languages.
type Bilingual struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// In returns the text in l (Chinese for any unknown language).
func (t Bilingual) In(l Lang) string {
	if l == LangEN && t.EN != "" {
		return t.EN
	}
	return t.ZH
}

// RuleKind groups the rules by what they compare.
type RuleKind string

// The kinds of rule.
const (
	RuleKindBalance    RuleKind = "balance"    // sums within one table
	RuleKindValues     RuleKind = "values"     // what one cell may hold
	RuleKindNarrative  RuleKind = "narrative"  // the report's text against its tables
	RuleKindContinuity RuleKind = "continuity" // one year's report against the year before
	RuleKindCheck      RuleKind = "check"      // what could not be checked, and why
)

// Rule describes one rule for people: its names, what it checks, and what
// an error and a warning finding of it mean. It is written once, here; the
// verifier's messages, check's text output, the audit page, `xxgk rules`
// and docs/rules.md read it.
type Rule struct {
	ID   RuleID    `json:"id"`
	Kind RuleKind  `json:"kind"`
	Name Bilingual `json:"name"`
	// Check is the equation or the test, in words, naming rows and columns
	// as the template prints them.
	Check Bilingual `json:"check"`
	// Error says what an error finding of the rule means; empty when the
	// rule never raises one.
	Error Bilingual `json:"error"`
	// Warning says what a warning finding means; empty when the rule never
	// raises one.
	Warning Bilingual `json:"warning"`
}

// Rules is every rule, in the order findings are listed and documented.
var Rules = []Rule{
	{
		ID: RuleBalance, Kind: RuleKindBalance,
		Name: Bilingual{"申请数量收支平衡", "Requests in and out balance"},
		Check: Bilingual{
			"表三每一列：“一、本年新收政府信息公开申请数量”＋“二、上年结转政府信息公开申请数量”＝“（七）总计”＋“四、结转下年度继续办理”",
			"Each column of table 3: new requests received this year + carried over from last year = results total (7) + carried forward to next year",
		},
		Error: Bilingual{
			"表中数字齐全而等式不成立：报告本身有误",
			"every cell is printed and the equation fails: the report is wrong",
		},
		Warning: Bilingual{
			"等式不成立，但有空白单元格，填入数字后可能成立",
			"the equation fails, but blank cells could make it hold once filled in",
		},
	},
	{
		ID: RuleResultsSum, Kind: RuleKindBalance,
		Name: Bilingual{"办理结果合计", "Results add up to their total"},
		Check: Bilingual{
			"表三每一列：“（一）予以公开”至“（六）其他处理”各项之和＝“（七）总计”",
			"Each column of table 3: the results from (1) granted to (6) other handling add up to the results total (7)",
		},
		Error:   Bilingual{"表中数字齐全而合计不符：报告本身有误", "every cell is printed and the sum differs from the total: the report is wrong"},
		Warning: Bilingual{"合计不符，但有空白单元格，填入数字后可能相符", "the sum differs, but blank cells could make it match once filled in"},
	},
	{
		ID: RuleRowTotal, Kind: RuleKindBalance,
		Name: Bilingual{"申请人合计", "Applicants add up to the row total"},
		Check: Bilingual{
			"表三每一行：自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他＝总计",
			"Each row of table 3: natural persons + commercial + research + social welfare + legal services + other = total",
		},
		Error:   Bilingual{"表中数字齐全而行合计不符：报告本身有误", "every cell is printed and the row does not add up: the report is wrong"},
		Warning: Bilingual{"行合计不符，但有空白单元格，填入数字后可能相符", "the row does not add up, but blank cells could make it once filled in"},
	},
	{
		ID: RuleGroupTotal, Kind: RuleKindBalance,
		Name: Bilingual{"复议诉讼合计", "Review and litigation totals"},
		Check: Bilingual{
			"表四每一组（行政复议、未经复议直接起诉、复议后起诉）：结果维持＋结果纠正＋其他结果＋尚未审结＝总计",
			"Each group of table 4 (administrative review, litigation without review, litigation after review): upheld + corrected + other + pending = total",
		},
		Error:   Bilingual{"表中数字齐全而合计不符：报告本身有误", "every cell is printed and the group does not add up: the report is wrong"},
		Warning: Bilingual{"合计不符，但有空白单元格，填入数字后可能相符", "the group does not add up, but blank cells could make it once filled in"},
	},
	{
		ID: RuleValid, Kind: RuleKindValues,
		Name: Bilingual{"数值有效", "Valid values"},
		Check: Bilingual{
			"每个单元格：件数为非负整数（表二“本年增/减”可为负），金额为非负数，不得是无法识别为数字的文字",
			"Every cell: counts are whole numbers ≥ 0 (table 2's yearly change may be negative), amounts are numbers ≥ 0, and no cell holds text that is not a number",
		},
		Error: Bilingual{"单元格中印的是负数、小数件数或非数字文字：报告本身有误", "the cell prints a negative number, a fractional count or text that is not a number: the report is wrong"},
	},
	{
		ID: RuleNarrativeRequests, Kind: RuleKindNarrative,
		Name: Bilingual{"总体情况与统计表一致", "Overview agrees with the tables"},
		Check: Bilingual{
			"“一、总体情况”中所述的申请数量（收到、公开、不予公开等件数）与表三相应单元格相等",
			"Request counts stated in section 1 (overview) equal the matching cells of table 3",
		},
		Warning: Bilingual{
			"正文所述数字与表中不同；正文的说法可能另有口径，请人工核对",
			"the text states a number different from the table; the text may count differently, check by hand",
		},
	},
	{
		ID: RuleContinuityCarry, Kind: RuleKindContinuity,
		Name: Bilingual{"跨年度结转一致", "Carry-over matches last year"},
		Check: Bilingual{
			"同一机关相邻两年：本年表三“二、上年结转政府信息公开申请数量”＝上年表三“四、结转下年度继续办理”，逐列比较",
			"One agency, consecutive years: this year's requests carried over from last year = last year's requests carried forward to next year, column by column",
		},
		Error: Bilingual{"两份报告的数字都已印出而不相等：至少一份报告有误", "both reports print the number and they differ: at least one report is wrong"},
	},
	{
		ID: RuleContinuityInForce, Kind: RuleKindContinuity,
		Name: Bilingual{"现行有效件数跨年度一致", "Documents in force follow from last year"},
		Check: Bilingual{
			"同一机关相邻两年（2021年模板）：本年表二“现行有效件数”＝上年“现行有效件数”＋本年“本年制发件数”－本年“本年废止件数”",
			"One agency, consecutive years (2021 template): this year's documents in force = last year's in force + issued this year − repealed this year",
		},
		Warning: Bilingual{
			"件数对不上；修订、清理可合法地打破此关系，请人工核对",
			"the counts do not follow; revisions and clean-ups legitimately break this, check by hand",
		},
	},
	{
		ID: RuleNotCheckable, Kind: RuleKindCheck,
		Name: Bilingual{"无法检查", "Not checkable"},
		Check: Bilingual{
			"某条勾稽关系涉及未能读出的单元格（行缺失、文字无法解码），因此未作检查",
			"A rule instance involves a cell that was not read (row lost, text undecodable), so it was not checked",
		},
		Warning: Bilingual{"这是读取的局限，不说明报告有误；请对照原件核对", "a limit of the reading, not a fault of the report; check against the original"},
	},
	{
		ID: RuleEmptyTables, Kind: RuleKindCheck,
		Name: Bilingual{"统计表为空", "Empty tables"},
		Check: Bilingual{
			"找到了统计表，但其中没有任何数字（空白模板）",
			"The statistical tables were found but hold no number at all (a blank template)",
		},
		Warning: Bilingual{"没有可检查的数字；报告可能漏填统计表", "there is nothing to check; the report may have left its tables unfilled"},
	},
	{
		ID: RuleOCRUncertain, Kind: RuleKindCheck,
		Name: Bilingual{"识别存疑", "Reading uncertain"},
		Check: Bilingual{
			"某条勾稽关系不成立，但其中有单元格是图像识别（OCR）低置信度或经校正读出的，或由连写数字推断而来",
			"A rule instance fails, but one of its cells was read by OCR with low confidence or corrected, or inferred from digits that ran together",
		},
		Warning: Bilingual{"不成立可能源于我们的识别而非报告；请对照原件核对", "the failure may come from our reading, not from the report; check against the original"},
	},
}

var ruleIndex = func() map[RuleID]int {
	m := make(map[RuleID]int, len(Rules))
	for i, r := range Rules {
		m[r.ID] = i
	}
	return m
}()

// LookupRule returns the description of a rule id.
func LookupRule(id RuleID) (Rule, bool) {
	i, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return Rules[i], true
}

// Name returns the rule's name in l, or the id itself for an id the
// registry does not know (a finding written by a newer version).
func (id RuleID) Name(l Lang) string {
	if r, ok := LookupRule(id); ok {
		return r.Name.In(l)
	}
	return string(id)
}

// Meaning says what a finding of the rule with severity s means, in l.
func (r Rule) Meaning(s Severity, l Lang) string {
	if s == SeverityError {
		return r.Error.In(l)
	}
	return r.Warning.In(l)
}
