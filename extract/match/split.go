package match

import (
	"strconv"
	"strings"

	"xxgk/schema"
)

// Limits of the search for the splits of a run of digits: a table row of
// flattened page text is a few dozen characters, so the search stays far
// below them; a run that would take longer is left unread, not guessed.
const (
	maxSplitRun   = 96      // characters in one run
	maxSplitSteps = 1 << 21 // tokens tried for one run
	maxSplits     = 64      // splits kept for one row; more are "too many"
)

// group is a run of consecutive cells of a row: sum says its last cell is
// the total of the others (table 3's 总计, table 4's 总计 of each group).
type group struct {
	size int
	sum  bool
}

// splitSearch enumerates the ways to cut a run of printed numbers that ran
// together into cells: each cell a number as the template prints it
// (no leading zero, thousands separators in place, a minus only where the
// column may be negative, decimals only in amounts), the totals of sum
// groups equal to their parts.
type splitSearch struct {
	run    string
	kinds  []schema.ValueKind
	groups []group
	accept func([]float64) bool   // further row rules; nil accepts all
	cells  []cellGroup            // per cell, the group it belongs to
	dead   map[deadState]struct{} // states that completed no split
	steps  int
	out    [][]string
	vals   [][]float64
	over   bool // budget or maxSplits exceeded: the result is incomplete
}

// splitRun returns every split of run into len(kinds) cells that satisfies
// the groups' totals and accept, with their values. complete is false when
// there were more than maxSplits or the search ran out of its budget: then
// the row cannot be settled.
func splitRun(run string, kinds []schema.ValueKind, groups []group, accept func([]float64) bool) (splits [][]string, vals [][]float64, complete bool) {
	if run == "" || len(run) > maxSplitRun || len(kinds) == 0 {
		return nil, nil, run != ""
	}
	s := &splitSearch{run: run, kinds: kinds, groups: groups, accept: accept, dead: map[deadState]struct{}{}}
	for _, g := range groups {
		end := len(s.cells) + g.size - 1
		for i := 0; i < g.size; i++ {
			s.cells = append(s.cells, cellGroup{first: i == 0, last: i == g.size-1, sum: g.sum, end: end})
		}
	}
	for len(s.cells) < len(kinds) {
		s.cells = append(s.cells, cellGroup{first: true, last: true, end: len(s.cells)})
	}
	s.dfs(0, 0, nil, nil, 0)
	return s.out, s.vals, !s.over
}

// cellGroup is where a cell stands in its group.
type cellGroup struct {
	first, last, sum bool
	end              int // index of the group's last cell, its total when sum
}

// dfs places cell i, whose group's parts so far add up to partial, at
// position pos, and reports whether some split was completed from there.
// Where no row rule looks at the values (accept is nil), a state that
// completed none is remembered: rows of many zeros or long runs would
// otherwise be searched again and again.
func (s *splitSearch) dfs(pos, i int, toks []string, vals []float64, partial float64) bool {
	if s.over {
		return false
	}
	if i == len(s.kinds) {
		if pos != len(s.run) {
			return false
		}
		if s.accept != nil && !s.accept(vals) {
			return false
		}
		if len(s.out) == maxSplits {
			s.over = true
			return false
		}
		s.out = append(s.out, append([]string(nil), toks...))
		s.vals = append(s.vals, append([]float64(nil), vals...))
		return true
	}
	g := s.cells[i]
	if g.first {
		partial = 0
	}
	key := deadState{pos, i, partial}
	if s.accept == nil {
		if _, ok := s.dead[key]; ok {
			return false
		}
	}
	found := false
	left := len(s.kinds) - i - 1 // cells after this one, each at least one character
	if g.sum && g.last {
		// The total is not chosen: it is the sum of the parts, printed
		// plainly or with thousands separators.
		for _, t := range totalForms(partial) {
			if strings.HasPrefix(s.run[pos:], t) && len(s.run)-pos-len(t) >= left {
				s.steps++
				found = s.dfs(pos+len(t), i+1, append(toks, t), append(vals, partial), 0) || found
			}
		}
	} else {
		for end := pos + 1; end <= len(s.run)-left && end-pos <= 18; end++ {
			s.steps++
			if s.steps > maxSplitSteps {
				s.over = true
				return found
			}
			t := s.run[pos:end]
			v, ok := token(t, s.kinds[i])
			if !ok {
				if tokenCannotGrow(t) {
					break
				}
				continue
			}
			if g.sum && s.cannotTotal(end, i, g.end, partial+v) {
				break // a longer part leaves less room for a larger total
			}
			found = s.dfs(end, i+1, append(toks, t), append(vals, v), partial+v) || found
		}
	}
	if !found && !s.over && s.accept == nil {
		s.dead[key] = struct{}{}
	}
	return found
}

// deadState is a point of the search: the next cell, where it starts, and
// what its group's parts add up to so far.
type deadState struct {
	pos, i  int
	partial float64
}

// cannotTotal tells whether, with cell i of a sum group placed up to pos
// and the group's parts so far adding up to partial, the rest of the run
// is too short for the group's other parts (one character each), its
// total (at least as many digits as partial) and the cells after the
// group.
func (s *splitSearch) cannotTotal(pos, i, end int, partial float64) bool {
	if partial < 0 || partial != float64(int64(partial)) {
		return false // signed or decimal cells: no such bound
	}
	digits := len(strconv.FormatInt(int64(partial), 10))
	need := (end - i - 1) + digits + (len(s.kinds) - end - 1)
	return len(s.run)-pos < need
}

// token reads one printed cell of the given kind.
func token(t string, kind schema.ValueKind) (float64, bool) {
	if len(t) <= 15 && allDigits(t) {
		// the common case, without the parser: a count of plain digits
		if len(t) > 1 && t[0] == '0' {
			return 0, false
		}
		v := 0.0
		for i := 0; i < len(t); i++ {
			v = v*10 + float64(t[i]-'0')
		}
		return v, true
	}
	neg := false
	if kind == schema.SignedCount && strings.HasPrefix(t, "-") {
		neg, t = true, t[1:]
	}
	intPart, frac, hasFrac := strings.Cut(t, ".")
	if hasFrac && (kind != schema.Amount || frac == "" || !allDigits(frac)) {
		return 0, false
	}
	if !validInteger(intPart) {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(intPart, ",", "")+"."+frac, 64)
	if !hasFrac {
		v, err = strconv.ParseFloat(strings.ReplaceAll(intPart, ",", ""), 64)
	}
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// tokenCannotGrow tells when no longer token from the same start can be
// valid: one that starts with 0 and is not a decimal, or a comma or dot
// first.
func tokenCannotGrow(t string) bool {
	switch {
	case t == "":
		return false
	case t[0] == ',' || t[0] == '.':
		return true
	case len(t) >= 2 && t[0] == '0' && t[1] != '.':
		return true
	}
	return false
}

// validInteger accepts 0, digits without a leading zero, and digits
// grouped by thousands separators (1,808,595).
func validInteger(s string) bool {
	if s == "" || !allDigits(strings.ReplaceAll(s, ",", "")) {
		return false
	}
	if s[0] == '0' {
		return s == "0"
	}
	if !strings.Contains(s, ",") {
		return true
	}
	parts := strings.Split(s, ",")
	if len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// totalForms are the ways a whole total is printed: plainly, and with
// thousands separators when it has more than three digits.
func totalForms(v float64) []string {
	if v < 0 || v != float64(int64(v)) {
		return nil
	}
	plain := strconv.FormatInt(int64(v), 10)
	if len(plain) <= 3 {
		return []string{plain}
	}
	var b strings.Builder
	for i, r := range plain {
		if i > 0 && (len(plain)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return []string{plain, b.String()}
}
