package narrative

import (
	"regexp"
	"strings"
)

// conjunctionRe joins two keywords that share one number (行政复议、行政诉讼各1件).
var conjunctionRe = regexp.MustCompile(`^(、|和|及|与|以及|或)(被申请|被提起|提起|被)?$`)

// assigned is the number a keyword introduces.
type assigned struct {
	value     float64
	numberEnd int // where the number ends in the clause
}

// assign gives each keyword the number that follows it before the next
// keyword, when the words between say nothing more than what was counted
// (政府信息公开申请) — anything else (较上年增加, 行政许可事项) means the
// number is not the keyword's total. Keywords that may come after their
// number (顺延到下年度) take a number left over in front of them.
func assign(clause string, ms []keywordMatch, nums []count) map[int]assigned {
	out := map[int]assigned{}
	claimed := map[int]bool{}
	for i, m := range ms {
		limit := len(clause)
		if i+1 < len(ms) {
			limit = ms[i+1].start
		}
		for j, n := range nums {
			if n.start < m.end {
				continue
			}
			if n.start < limit && n.isCount() && plainObject(clause[m.end:n.start]) {
				out[i] = assigned{n.value, n.end}
				claimed[j] = true
			}
			break
		}
	}
	for i, m := range ms {
		if _, ok := out[i]; ok {
			continue
		}
		// 行政复议、行政诉讼各1件: the first keyword shares the second's number.
		if i+1 < len(ms) && conjunctionRe.MatchString(clause[m.end:ms[i+1].start]) {
			rest := clause[ms[i+1].end:]
			if v, ok := out[i+1]; ok && (strings.HasPrefix(rest, "各") || strings.HasPrefix(rest, "均")) {
				out[i] = v
				continue
			}
		}
		if negated(clause, ms, i, out) {
			out[i] = assigned{0, m.end}
			continue
		}
		if !m.q.before {
			continue
		}
		from := 0
		if i > 0 {
			from = ms[i-1].end
		}
		for j := len(nums) - 1; j >= 0; j-- {
			n := nums[j]
			if n.end > m.start || n.start < from {
				continue
			}
			gap := clause[n.end:m.start]
			if !claimed[j] && n.isCount() && len([]rune(gap)) <= 15 && !strings.ContainsAny(gap, "0123456789") {
				out[i] = assigned{n.value, n.end}
			}
			break
		}
	}
	return out
}

var (
	// negationRe ends the words before a keyword that say it did not happen:
	// 未收到, 未发生因政府信息公开引起的行政复议.
	negationRe = regexp.MustCompile(`(未|没有)(发生|出现|产生)?(因|涉及)?(政府信息公开|信息公开)?(工作)?(引起|引发|而)?的?(被申请|被提起|被|提起)?$`)
	// notNoneRe marks a negated outcome, not a negated count: 未发生被纠错.
	notNoneRe = regexp.MustCompile(`纠错|纠正|败诉|撤销|违法|答复`)
)

// negated reports whether keyword i is stated not to have happened, a count
// of zero: 本年度未收到政府信息公开申请, 未发生…行政复议和行政诉讼.
func negated(clause string, ms []keywordMatch, i int, out map[int]assigned) bool {
	m := ms[i]
	if notNoneRe.MatchString(clause) {
		return false
	}
	limit := len(clause)
	if i+1 < len(ms) {
		limit = ms[i+1].start
	}
	rest := strings.TrimSuffix(clause[m.end:limit], "情况")
	if !plainObject(rest) && !(i+1 < len(ms) && conjunctionRe.MatchString(rest)) {
		return false
	}
	// A request figure names what was not received (未收到…申请); a bare
	// 未受理 says what the agency did with some request.
	if !m.q.appeal && !strings.Contains(rest, "申请") {
		return false
	}
	if negationRe.MatchString(clause[:m.start]) {
		return true
	}
	// 未发生行政复议和行政诉讼: the second keyword is negated with the first.
	if i > 0 && conjunctionRe.MatchString(clause[ms[i-1].end:m.start]) {
		v, ok := out[i-1]
		return ok && v.value == 0 && negationRe.MatchString(clause[:ms[i-1].start])
	}
	return false
}

// objectWords are the words allowed between a keyword and its number.
var objectWords = strings.NewReplacer(
	"政府信息公开申请", "", "政府信息公开", "", "依申请公开件", "", "依申请公开", "", "信息公开", "",
	"政府信息", "", "申请件", "", "申请", "", "各类", "", "共计", "", "合计", "",
	"总计", "", "总数", "", "数量", "", "件数", "", "案件", "", "继续办理", "",
	"事项", "", "共", "", "了", "", "的", "", "为", "", "达", "", "有", "",
	"是", "", "各", "", "均", "", "类", "",
)

// plainObject reports whether the words between a keyword and its number
// only name what was counted.
func plainObject(between string) bool {
	return objectWords.Replace(between) == ""
}
