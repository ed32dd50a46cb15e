package match

import (
	"strconv"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// maxRunTogether bounds the digits SplitRunTogether accepts: a table-3 row
// of seven counts has at most a few dozen digits, and the search grows with
// the length.
const maxRunTogether = 64

// SplitRunTogether splits the digits of a table row whose cells an archiver
// ran together ("2200003252") into cells whole numbers, the last of which is
// the sum of the others (a table-3 row: six applicant columns and 总计). No
// number but 0 itself starts with 0. It returns the split when exactly one
// split satisfies the sum, and otherwise an *schema.Error with code
// ErrAmbiguous: the row cannot be read without guessing.
func SplitRunTogether(digits string, cells int) ([]int64, error) {
	if cells < 2 || len(digits) < cells || len(digits) > maxRunTogether {
		return nil, schema.Errorf(schema.ErrAmbiguous, "%q cannot be split into %d cells", digits, cells)
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, schema.Errorf(schema.ErrAmbiguous, "%q is not a run of digits", digits)
		}
	}
	var found []int64
	ways := 0
	// The total is a suffix; the numbers before it must add up to it.
	for start := cells - 1; start < len(digits) && ways < 2; start++ {
		total, ok := number(digits[start:])
		if !ok {
			continue
		}
		c := splitter{s: digits[:start], memo: map[state]int{}}
		if n := c.ways(0, cells-1, total); n > 0 {
			ways += n
			found = append(c.first(cells-1, total), total)
		}
	}
	switch ways {
	case 1:
		return found, nil
	case 0:
		return nil, schema.Errorf(schema.ErrAmbiguous, "no split of %q into %d cells adds up to its total", digits, cells)
	}
	return nil, schema.Errorf(schema.ErrAmbiguous, "%q splits into %d cells adding up to the total in more than one way", digits, cells)
}

// splitter counts the splits of s into numbers with a given sum. Counts
// stop at 2, all that SplitRunTogether needs to know; memoizing them keeps
// rows of many zeros from taking exponential time.
type splitter struct {
	s    string
	memo map[state]int
}

type state struct {
	pos, n int
	sum    int64
}

// ways counts, up to 2, the splits of s[pos:] into n numbers adding up to
// sum.
func (c *splitter) ways(pos, n int, sum int64) int {
	if n == 1 {
		if v, ok := number(c.s[pos:]); ok && v == sum {
			return 1
		}
		return 0
	}
	k := state{pos, n, sum}
	if w, ok := c.memo[k]; ok {
		return w
	}
	w := 0
	// Leave at least one digit for each of the n-1 numbers after this one.
	for end := pos + 1; end <= len(c.s)-(n-1) && w < 2; end++ {
		v, ok := number(c.s[pos:end])
		if !ok || v > sum {
			// a leading zero or too big: longer numbers are too
			break
		}
		w += c.ways(end, n-1, sum-v)
	}
	w = min(w, 2)
	c.memo[k] = w
	return w
}

// first returns the first split of s into n numbers adding up to sum; one
// must exist.
func (c *splitter) first(n int, sum int64) []int64 {
	var parts []int64
	pos := 0
	for ; n > 1; n-- {
		for end := pos + 1; ; end++ {
			if v, ok := number(c.s[pos:end]); ok && v <= sum && c.ways(end, n-1, sum-v) > 0 {
				parts = append(parts, v)
				pos, sum = end, sum-v
				break
			}
		}
	}
	v, _ := number(c.s[pos:])
	return append(parts, v)
}

// number reads a printed count: digits without a leading zero, or 0.
func number(s string) (int64, bool) {
	if s == "" || (len(s) > 1 && s[0] == '0') || len(s) > 18 {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil
}

// runTogetherRow reads the value cells of a table-3 row whose n values an
// archiver ran together into one cell of digits (plain text: the row has
// that one value cell and no others, blank or not). ok is false for any
// other row; err says why a run-together row cannot be split without
// guessing. The split cells keep the run's location.
func runTogetherRow(values []document.Cell, n int) (cells []document.Cell, ok bool, err error) {
	if len(values) != 1 || n < 2 {
		return nil, false, nil
	}
	digits := strings.Join(strings.Fields(Fold(values[0].Text)), "")
	if len(digits) < n {
		return nil, false, nil
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, false, nil
		}
	}
	parts, err := SplitRunTogether(digits, n)
	if err != nil {
		return nil, true, err
	}
	for i, p := range parts {
		cells = append(cells, document.Cell{Text: strconv.FormatInt(p, 10), Col: i, Span: 1, Loc: values[0].Loc})
	}
	return cells, true, nil
}
