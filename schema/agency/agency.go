// Package agency gives each publishing agency one id across the names its
// reports print: 洪泽区人民政府 in 2023 and 淮安市洪泽区人民政府 in 2024 are one
// agency, 淮安市人民政府 is another. Every command that groups reports by
// agency (batch's continuity rules and presence table, the datasets) asks
// IDs, so the agency_id of a name is derived in this one place.
//
// An id is a property of a set of reports, not of one name: a name without
// its region prefix (鼓楼区人民政府) joins the one fuller name that ends with it
// (南京市鼓楼区人民政府), and joins none when two fuller names in the set do
// (南京市鼓楼区人民政府 and 福州市鼓楼区人民政府), since then it could be either.
package agency

// BUG(agency): a name without its region prefix joins the one fuller name
// of the folder that ends with it, even when it is in fact another place of
// the same name whose fuller name is not in the folder (a 鼓楼区人民政府 of
// Fuzhou beside only 南京市鼓楼区人民政府).

// BUG(agency): an office (人民政府办公室) that published its own report in
// the years its government did not is taken for the government.

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Report is what IDs reads of one report: the agency name it prints and its
// report year (0 when unknown).
type Report struct {
	Name string
	Year int
}

// Normalize is a name as compared: spaces dropped, full-width letters,
// digits and brackets folded to ASCII, 管理委员会 written 管委会, and a trailing
// 管委会 dropped, since an area's reports are published in the name of the
// area (苏州工业园区) or of its committee (苏州工业园区管委会) alike.
func Normalize(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
		case r >= '！' && r <= '～': // full-width ASCII
			b.WriteRune(r - '！' + '!')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.ReplaceAll(b.String(), "管理委员会", "管委会")
	if t := strings.TrimSuffix(s, "管委会"); t != "" {
		s = t
	}
	return s
}

// place is one administrative division at the start of a name: a few Han
// characters and the word for the level.
const place = `\p{Han}{1,12}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|新区|开发区|省|市|州|盟|县|区|旗|镇|乡|街道)`

var (
	// regionPrefix is a run of divisions and nothing else: 江苏省淮安市.
	regionPrefix = regexp.MustCompile(`^(?:` + place + `)+$`)
	// startsWithPlace: the name begins with a division, so that dropping a
	// prefix left a name of its own (洪泽区人民政府, not 人民政府).
	startsWithPlace = regexp.MustCompile(`^` + place)
)

// The offices of a government. An office publishes its own report where it
// is an agency of its own; elsewhere it signs the government's report.
var officeSuffixes = []string{"人民政府办公室", "人民政府办公厅"}

// officeBase returns the government an office's name belongs to:
// 稷山县人民政府办公室 → 稷山县人民政府.
func officeBase(name string) (string, bool) {
	for _, s := range officeSuffixes {
		if strings.HasSuffix(name, s) {
			return strings.TrimSuffix(name, s) + "人民政府", true
		}
	}
	return "", false
}

// IDs returns the agency id of each name of reports (the keys are the names
// as given). Names are one agency when
//
//   - they are equal once normalized (Normalize);
//   - one is the other with region divisions dropped from its start
//     (洪泽区人民政府, 淮安市洪泽区人民政府, 江苏省淮安市洪泽区人民政府), and no other
//     name of the set also ends with the shorter one after divisions;
//   - one is a government and the other its office (淮安市人民政府,
//     淮安市人民政府办公室), and no year has reports under both: where both
//     publish in one year they are two agencies.
//
// The id is the agency's fullest name, normalized: the longest of its names
// that is not an office's where there is one, the first in byte order among
// equals. An empty name has the id "".
func IDs(reports []Report) map[string]string {
	out := map[string]string{}
	norm := map[string]string{} // given name → normalized
	years := map[string]map[int]bool{}
	for _, r := range reports {
		n := Normalize(r.Name)
		norm[r.Name] = n
		if n == "" {
			continue
		}
		if years[n] == nil {
			years[n] = map[int]bool{}
		}
		if r.Year != 0 {
			years[n][r.Year] = true
		}
	}
	names := make([]string, 0, len(years))
	for n := range years {
		names = append(names, n)
	}
	sort.Strings(names)

	u := newUnion(names, years)
	holders := suffixHolders(names)
	for _, n := range names {
		if h := holder(n, holders); h != "" {
			u.join(n, h)
		}
	}
	for _, n := range names {
		base, ok := officeBase(n)
		if !ok {
			continue
		}
		target := base
		if _, ok := years[base]; !ok {
			target = holder(base, holders)
		}
		if target != "" && !u.overlap(n, target) {
			u.join(n, target)
		}
	}
	best := map[string]string{} // root → id
	for _, n := range names {
		root := u.find(n)
		if b, ok := best[root]; !ok || fuller(n, b) {
			best[root] = n
		}
	}
	for given, n := range norm {
		if n != "" {
			out[given] = best[u.find(n)]
		} else {
			out[given] = ""
		}
	}
	return out
}

// fuller reports whether a is a better id than b.
func fuller(a, b string) bool {
	_, ao := officeBase(a)
	_, bo := officeBase(b)
	if ao != bo {
		return !ao
	}
	if la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b); la != lb {
		return la > lb
	}
	return a < b
}

// suffixHolders maps every name that a name of the set leaves once region
// divisions are dropped from its start to the names that leave it:
// 洪泽区人民政府 → [淮安市洪泽区人民政府, 江苏省淮安市洪泽区人民政府].
func suffixHolders(names []string) map[string][]string {
	h := map[string][]string{}
	for _, n := range names {
		for i := range n {
			if i == 0 {
				continue
			}
			rest := n[i:]
			if regionPrefix.MatchString(n[:i]) && startsWithPlace.MatchString(rest) {
				h[rest] = append(h[rest], n)
			}
		}
	}
	return h
}

// holder returns the fullest name that n is a shortened form of, or "" when
// none is, or when the fuller names are not all forms of one name (two
// cities each with a 鼓楼区).
func holder(n string, holders map[string][]string) string {
	hs := holders[n]
	if len(hs) == 0 {
		return ""
	}
	longest := hs[0]
	for _, h := range hs[1:] {
		if len(h) > len(longest) || len(h) == len(longest) && h < longest {
			longest = h
		}
	}
	for _, h := range hs {
		if !strings.HasSuffix(longest, h) {
			return ""
		}
	}
	return longest
}

// union is a disjoint-set forest over names, keeping the years each set has
// reports for.
type union struct {
	parent map[string]string
	years  map[string]map[int]bool // by root
}

func newUnion(names []string, years map[string]map[int]bool) *union {
	u := &union{parent: map[string]string{}, years: map[string]map[int]bool{}}
	for _, n := range names {
		u.parent[n] = n
		u.years[n] = map[int]bool{}
		for y := range years[n] {
			u.years[n][y] = true
		}
	}
	return u
}

func (u *union) find(n string) string {
	for u.parent[n] != n {
		u.parent[n] = u.parent[u.parent[n]]
		n = u.parent[n]
	}
	return n
}

// join merges the sets of a and b; the root is the smaller name, so the
// result does not depend on the order of joins.
func (u *union) join(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	for y := range u.years[rb] {
		u.years[ra][y] = true
	}
	delete(u.years, rb)
}

// overlap reports whether the sets of a and b have reports of one year.
func (u *union) overlap(a, b string) bool {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return false
	}
	for y := range u.years[ra] {
		if u.years[rb][y] {
			return true
		}
	}
	return false
}
