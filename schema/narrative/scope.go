package narrative

import (
	"regexp"
	"strconv"
	"strings"
)

// scope says whose figures a clause gives.
type scope int

const (
	scopeAgency scope = iota // the report's own agency, as a whole
	scopeOther               // a sub-unit or another body: the table does not hold its figures
)

var (
	// wholeRe marks the whole jurisdiction or the agency itself: 全县各行政机关,
	// 我局, 本机关.
	wholeRe = regexp.MustCompile(`全(县|区|市|省|州|盟|旗|镇|乡)|(我|本)(县|区|市|省|州|盟|旗|镇|乡|街道|局|委|办|厅|署|府|机关|单位|部门|中心)`)
	// orgRe finds a body named as the subject: 区政府办, 县教育局, 各乡镇.
	orgRe = regexp.MustCompile(`政府|办公室|办公厅|办|局|委员会|委|厅|署|中心|街道|乡镇|乡|镇|部门|单位|机关|区|县|市|州|旗`)
	// notOrgAfter follows 政府 where it is no body: 政府信息, 政府网站.
	notOrgAfter = regexp.MustCompile(`^(信息|网|门户|公报|公开)`)
	timeRe      = regexp.MustCompile(`[0-9]{4}年度?|[0-9]{1,2}月份?|[0-9]{1,2}日|全年|本年度|本年|年度内|年内|今年|当年|截至|截止`)
)

// judgeSubject reads the words in front of a clause's first keyword and
// says whose figures follow. It returns false when the words name no one,
// so the clause keeps the subject of the clause before it.
func judgeSubject(subject, agency string) (scope, bool) {
	subject = timeRe.ReplaceAllString(subject, "")
	if i := strings.Index(subject, "代表"); i >= 0 {
		// 区政府办代表区政府受理: the office counts what it handled, which is
		// the agency's figure only when the office is the agency.
		if sameAgency(subject[:i], agency) {
			return scopeAgency, true
		}
		return scopeOther, true
	}
	if wholeRe.MatchString(subject) {
		return scopeAgency, true
	}
	name, ok := orgName(subject)
	if !ok {
		return scopeAgency, false
	}
	if sameAgency(name, agency) {
		return scopeAgency, true
	}
	return scopeOther, true
}

// orgName returns the subject up to the end of the last body it names.
func orgName(subject string) (string, bool) {
	end := -1
	for _, m := range orgRe.FindAllStringIndex(subject, -1) {
		if subject[m[0]:m[1]] == "政府" && notOrgAfter.MatchString(subject[m[1]:]) {
			continue
		}
		end = m[1]
	}
	if end < 0 {
		return "", false
	}
	return subject[:end], true
}

// sameAgency reports whether name, as the prose writes it (县政府,
// 市政府办公厅), is the report's agency (稷山县人民政府, 上海市人民政府办公厅).
// An unknown agency matches nothing: silence beats a false alarm.
func sameAgency(name, agency string) bool {
	n, a := shortName(name), shortName(agency)
	// A government is also named by its place alone (洪泽区 for 洪泽区人民政府).
	place := strings.TrimSuffix(a, "政府")
	return n != "" && a != "" && (strings.HasSuffix(a, n) || strings.HasSuffix(n, a) || place != a && n == place)
}

var officeRe = regexp.MustCompile(`办公室|办公厅`)

func shortName(s string) string {
	s = strings.ReplaceAll(s, "人民政府", "政府")
	return officeRe.ReplaceAllString(s, "办")
}

var (
	yearRe = regexp.MustCompile(`([0-9]{4})年`)
	// relativeRe marks figures of another period or of several years.
	relativeRe = regexp.MustCompile(`去年|上年|上一年|前年|同期|往年|历年|以来|累计`)
	// yearTotalRe is a cumulative word that still means the report year.
	yearTotalRe = regexp.MustCompile(`(全年|本年度|本年|年度|当年)累计|(今年|本年|年初)以来`)
)

// otherPeriod reports whether text (the clause up to the number) speaks of
// another period: 去年, 历年累计, 自2008年以来.
func otherPeriod(text string) bool {
	return relativeRe.MatchString(yearTotalRe.ReplaceAllString(text, ""))
}

// yearOf returns the last year named in text, or 0.
func yearOf(text string) int {
	ms := yearRe.FindAllStringSubmatch(text, -1)
	if len(ms) == 0 {
		return 0
	}
	y, _ := strconv.Atoi(ms[len(ms)-1][1])
	return y
}
