package ocr

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// maxRounds bounds the proof-reading: each round corrects at least one
// cell, and a table has a few hundred.
const maxRounds = 50

// ProofRead lets the balance rules choose between a number's readings. A
// cell read with low confidence (or whose readings disagree) in a failing
// rule is corrected to an alternative reading only when
// that alternative makes every rule the cell is in hold and no other
// alternative of any cell in those failing rules does; it is then marked
// Corrected (so a rule failing on it later is a warning). Cells of a failing
// rule that an alternative reading would fix, where the choice is not
// unique, stay Low: the failure may be ours. Cells read with high
// confidence are never changed. Corrections are added to
// the report's ocr note. Reports not read by OCR are left as they are.
func ProofRead(r *schema.Report, doc *document.Document) {
	alts := map[[5]float64][]string{}
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		for _, row := range b.Table.Rows {
			for _, c := range row.Cells {
				if c.OCR != nil && len(c.Alternatives) > 0 {
					alts[ocrKey(c.OCR)] = c.Alternatives
				}
			}
		}
	}
	if len(alts) == 0 {
		return
	}
	cells := map[string]*schema.Cell{}
	for i := range r.Cells {
		cells[r.Cells[i].Key] = &r.Cells[i]
	}
	// The rules each cell is in.
	var eqs []schema.Equation
	in := map[string][]int{}
	for _, eq := range schema.Equations {
		keys := append(append([]string{}, eq.Parts...), eq.Checked...)
		n := 0
		for _, k := range keys {
			if _, ok := cells[k]; ok {
				n++
			}
		}
		if n == 0 {
			continue
		}
		for _, k := range keys {
			in[k] = append(in[k], len(eqs))
		}
		eqs = append(eqs, eq)
	}
	var done []string
	for round := 0; round < maxRounds; round++ {
		failing := map[int]bool{}
		for i, eq := range eqs {
			if !holds(eq, cells) {
				failing[i] = true
			}
		}
		if len(failing) == 0 {
			break
		}
		var fixes []fix
		perEq := map[int]int{}
		for i := range failing {
			for _, k := range keys(eqs[i]) {
				c := cells[k]
				// Only cells read with low confidence or with readings
				// that disagree: a confident reading is what is printed,
				// and a rule failing on it is the agency's error.
				if c == nil || c.OCR == nil || c.OCR.Corrected || !c.OCR.Low {
					continue
				}
				old, ok := c.Number()
				if !ok {
					continue
				}
				for _, a := range alts[ocrKey(c.OCR)] {
					v, err := strconv.ParseFloat(a, 64)
					if err != nil || v == old {
						continue
					}
					c.Value = v
					all := true
					for _, e := range in[k] {
						if !holds(eqs[e], cells) {
							all = false
							break
						}
					}
					c.Value = old
					if all && !hasFix(fixes, k, v) {
						fixes = append(fixes, fix{k, v, a})
						for _, e := range in[k] {
							if failing[e] {
								perEq[e]++
							}
						}
					}
				}
			}
		}
		applied := 0
		for _, f := range fixes {
			unique := true
			for _, e := range in[f.key] {
				if failing[e] && perEq[e] != 1 {
					unique = false
				}
			}
			c := cells[f.key]
			if !unique {
				// Another reading would explain the failure too: it may be
				// ours, so no error may come from this cell.
				c.OCR.Low = true
				continue
			}
			old, _ := c.Number()
			c.Value = f.val
			c.OCR.Corrected = true
			applied++
			done = append(done, fmt.Sprintf("%s %s→%s", f.key, schema.FormatNumber(old), f.alt))
		}
		if applied == 0 {
			break
		}
	}
	if len(done) == 0 {
		return
	}
	msg := fmt.Sprintf("%d numbers corrected by the balance rules: %s", len(done), strings.Join(done, ", "))
	for i := range r.Notes {
		if r.Notes[i].Code == "ocr" {
			r.Notes[i].Message += "; " + msg
			return
		}
	}
	r.Notes = append(r.Notes, schema.Note{Code: "ocr", Message: msg})
}

// fix is a cell's alternative reading that makes every rule it is in hold.
type fix struct {
	key string
	val float64
	alt string
}

func hasFix(fs []fix, key string, v float64) bool {
	for _, f := range fs {
		if f.key == key && f.val == v {
			return true
		}
	}
	return false
}

func ocrKey(o *schema.OCRReading) [5]float64 {
	return [5]float64{float64(o.Page), o.Box[0], o.Box[1], o.Box[2], o.Box[3]}
}

func keys(eq schema.Equation) []string {
	return append(append([]string{}, eq.Parts...), eq.Checked...)
}

// holds reports whether an equation's sides are equal, blanks and
// unreadable cells counted as zero. Like the verifier, an equation one of
// whose sides the report does not print at all is no rule here.
func holds(eq schema.Equation, cells map[string]*schema.Cell) bool {
	sum := func(ks []string) (float64, int) {
		s, n := 0.0, 0
		for _, k := range ks {
			if c := cells[k]; c != nil {
				n++
				if v, ok := c.Number(); ok {
					s += v
				}
			}
		}
		return s, n
	}
	p, np := sum(eq.Parts)
	c, nc := sum(eq.Checked)
	return np == 0 || nc == 0 || math.Abs(p-c) < 1e-9
}
