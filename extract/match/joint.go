package match

import (
	"strings"

	"xxgk/schema"
)

// Limits of the joint settling of table 3's ambiguous rows.
const (
	maxJoint = 1 << 16 // combinations of the rows' splits enumerated at most
	maxSums  = 1 << 16 // partial sums one column rule's pruning tracks at most
)

// settleRequests settles table 3's rows whose own rule (总计 = the sum of
// the applicants) leaves several splits, through the column rules
// (requests.balance, requests.results_sum) whose cells are all known: a
// row takes a split only when every combination of the rows' splits that
// satisfies those rules gives it that one. A rule over a blank or unread
// cell is not checkable and settles nothing.
//
// The splits no satisfying combination can use are pruned rule by rule
// first (each column on its own: sound, as a full solution satisfies every
// column); the rest are enumerated when few enough. When no combination
// satisfies the rules (the published table is inconsistent, or a row
// settled by its own rule was misread), the ambiguous rows stay unread.
func settleRequests(rows []*flatRow) {
	j := newJoint(rows)
	if len(j.open) == 0 {
		return
	}
	if !j.prune() {
		return // some row has no split left: no combination satisfies
	}
	product := 1
	for _, d := range j.alive {
		product *= len(d)
		if product > maxJoint {
			break
		}
	}
	var taken [][]int // per open row, the splits seen in solutions
	if product <= maxJoint {
		taken = j.enumerate()
		if taken == nil {
			return
		}
	} else {
		taken = j.alive // pruning alone settled what it could
	}
	for i, r := range j.open {
		if len(taken[i]) == 1 {
			r.chosen, r.problem = r.splits[taken[i][0]], ""
		}
	}
}

// joint is table 3 as the settling sees it.
type joint struct {
	byKey map[string]*flatRow
	open  []*flatRow
	index map[*flatRow]int // position in open
	alive [][]int          // per open row, the splits still possible
	rules []colRule
}

func newJoint(rows []*flatRow) *joint {
	j := &joint{byKey: map[string]*flatRow{}, index: map[*flatRow]int{}}
	for _, r := range rows {
		if r.table != schema.TableRequests || r.keys == nil {
			continue
		}
		if _, dup := j.byKey[r.key]; dup {
			continue
		}
		j.byKey[r.key] = r
		if len(r.splits) > 1 && !r.many && r.chosen == nil {
			j.index[r] = len(j.open)
			j.open = append(j.open, r)
			var d []int
			for k := range r.splits {
				d = append(d, k)
			}
			j.alive = append(j.alive, d)
		}
	}
	j.rules = columnRules()
	return j
}

// term is one cell of a column rule: a known constant, or an open row's
// value in that column, with the sign of its side.
type jointTerm struct {
	open  int // index in open, or -1 for a constant
	value float64
	sign  float64
}

// terms lists a rule's cells; ok is false when one is not known.
func (j *joint) terms(r colRule) ([]jointTerm, bool) {
	var out []jointTerm
	add := func(keys []string, sign float64) bool {
		for _, k := range keys {
			row := j.byKey[k]
			switch {
			case row == nil:
				if !notPrinted(k, j.byKey) {
					return false
				}
			case row.run == "" || row.problem != "" && j.indexOf(row) < 0:
				return false
			case j.indexOf(row) >= 0:
				out = append(out, jointTerm{open: j.indexOf(row), sign: sign})
			default:
				out = append(out, jointTerm{open: -1, value: row.vals[0][r.col], sign: sign})
			}
		}
		return true
	}
	if !add(r.parts, 1) || !add(r.checked, -1) {
		return nil, false
	}
	return out, true
}

func (j *joint) indexOf(r *flatRow) int {
	if i, ok := j.index[r]; ok {
		return i
	}
	return -1
}

// prune removes, rule by rule until nothing changes, the splits that no
// choice of the other rows' splits can complete to satisfy the rule. It
// returns false when a row is left with none.
func (j *joint) prune() bool {
	for changed := true; changed; {
		changed = false
		for _, rule := range j.rules {
			terms, ok := j.terms(rule)
			if !ok {
				continue
			}
			for ti, t := range terms {
				if t.open < 0 {
					continue
				}
				others, ok := j.reachable(terms, ti, rule.col)
				if !ok {
					break
				}
				var keep []int
				for _, k := range j.alive[t.open] {
					if others[-t.sign*j.open[t.open].vals[k][rule.col]] {
						keep = append(keep, k)
					}
				}
				if len(keep) == 0 {
					return false
				}
				if len(keep) < len(j.alive[t.open]) {
					j.alive[t.open], changed = keep, true
				}
			}
		}
	}
	return true
}

// reachable is the set of sums the terms other than skip can take; ok is
// false when it grows past maxSums.
func (j *joint) reachable(terms []jointTerm, skip, col int) (map[float64]bool, bool) {
	sums := map[float64]bool{0: true}
	for ti, t := range terms {
		if ti == skip {
			continue
		}
		if t.open < 0 {
			next := make(map[float64]bool, len(sums))
			for s := range sums {
				next[s+t.sign*t.value] = true
			}
			sums = next
			continue
		}
		next := map[float64]bool{}
		for s := range sums {
			for _, k := range j.alive[t.open] {
				next[s+t.sign*j.open[t.open].vals[k][col]] = true
			}
		}
		if len(next) > maxSums {
			return nil, false
		}
		sums = next
	}
	return sums, true
}

// enumerate tries every combination of the splits still alive and returns,
// per open row, the splits that occur in combinations satisfying every
// checkable rule; nil when none does.
func (j *joint) enumerate() [][]int {
	type checked struct {
		terms []jointTerm
		col   int
	}
	var rules []checked
	for _, r := range j.rules {
		if t, ok := j.terms(r); ok {
			rules = append(rules, checked{t, r.col})
		}
	}
	seen := make([]map[int]bool, len(j.open))
	for i := range seen {
		seen[i] = map[int]bool{}
	}
	idx := make([]int, len(j.open))
	found := false
	for {
		ok := true
		for _, r := range rules {
			sum := 0.0
			for _, t := range r.terms {
				if t.open < 0 {
					sum += t.sign * t.value
				} else {
					sum += t.sign * j.open[t.open].vals[j.alive[t.open][idx[t.open]]][r.col]
				}
			}
			if sum != 0 {
				ok = false
				break
			}
		}
		if ok {
			found = true
			for i := range j.open {
				seen[i][j.alive[i][idx[i]]] = true
			}
		}
		i := 0
		for ; i < len(idx); i++ { // next combination
			idx[i]++
			if idx[i] < len(j.alive[i]) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			break
		}
	}
	if !found {
		return nil
	}
	out := make([][]int, len(j.open))
	for i, s := range seen {
		for k := range s {
			out[i] = append(out[i], k)
		}
	}
	return out
}

// notPrinted tells whether a table-3 row is absent because the table's
// layout has no such row, so that it adds nothing to the column rules:
// （六）其他处理 is printed as one row or as three, never both.
func notPrinted(key string, byKey map[string]*flatRow) bool {
	if key == "requests.other.all" {
		return byKey["requests.other.no_correction"] != nil
	}
	if strings.HasPrefix(key, "requests.other.") {
		return byKey["requests.other.all"] != nil
	}
	return false
}
