package dataset

import "xxgk/schema"

// RuleName is a rule's Chinese name for people (the workbook's 发现 sheet,
// findings.parquet's rule_name). It is the one place the datasets name
// rules; when schema's rule registry carries the names, this returns
// theirs. An id it does not know is named by the id itself.
func RuleName(id schema.RuleID) string {
	if n, ok := ruleNames[id]; ok {
		return n
	}
	return string(id)
}

var ruleNames = map[schema.RuleID]string{
	schema.RuleBalance:           "申请数量平衡（新收＋结转＝办理结果总计＋结转下年度）",
	schema.RuleResultsSum:        "办理结果之和等于总计",
	schema.RuleRowTotal:          "各类申请人之和等于总计",
	schema.RuleGroupTotal:        "复议、诉讼各项之和等于总计",
	schema.RuleValid:             "数值有效（非负整数）",
	schema.RuleNarrativeRequests: "总体情况所述申请数与表格一致",
	schema.RuleContinuityCarry:   "上年结转与上年报告结转下年度一致",
	schema.RuleContinuityInForce: "现行有效件数与上年报告衔接",
	schema.RuleNotCheckable:      "无法核对（单元格未读出）",
	schema.RuleEmptyTables:       "统计表无数据",
	schema.RuleOCRUncertain:      "识别不确定，未判为错误",
}
