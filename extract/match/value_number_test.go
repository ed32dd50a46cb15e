package match

import (
	"regexp"
	"strings"
	"testing"
)

// numberRe is the grammar splitNumber implements, as a regular expression:
// the two must agree on every input.
var numberRe = regexp.MustCompile(`^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|元|件|个|项|次|条)?$`)

func sameAsRegexp(t *testing.T, s string) {
	number, unit, ok := splitNumber(s)
	m := numberRe.FindStringSubmatch(s)
	if ok != (m != nil) {
		t.Fatalf("%q: splitNumber ok=%v, regexp match=%v", s, ok, m != nil)
	}
	if ok && (number != m[1]+strings.ReplaceAll(m[2], ",", "")+m[3] || unit != m[4]) {
		t.Fatalf("%q: splitNumber %q %q, regexp %q", s, number, unit, m)
	}
}

func TestSplitNumber(t *testing.T) {
	for _, s := range []string{"", "0", "12", "-5", "+7", "1,234", "12,345,678", "1,23", "1234,567", ",123", "1,,234",
		"3.5", "3.", ".5", "-1,234.50", "251000元", "5万元", "元", "3件", "1,234条", "12a", "1 2", "--1", "１２", "1,234,", "0.5次"} {
		sameAsRegexp(t, s)
	}
}

func FuzzSplitNumber(f *testing.F) {
	for _, s := range []string{"1,234.5万元", "-12", "3件", "1,23"} {
		f.Add(s)
	}
	f.Fuzz(sameAsRegexp)
}
