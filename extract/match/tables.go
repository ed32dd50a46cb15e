package match

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Tables is what the table matcher read from a document.
type Tables struct {
	Cells     []schema.Cell
	Template  schema.Template // of table 2; empty when table 2 was not found
	OtherRows int             // 1 or 3: how table 3 prints （六）其他处理
	Found     map[int]bool    // table number → at least one row read
	Problems  []string        // rows that could not be read unambiguously
	// Undecodable lists the keys whose printed value has glyphs the font
	// cannot decode: they get no cell, as a wrong digit is worse than none.
	Undecodable []string
}

// headerWords mark header rows: a cell equal to one of them is a column or
// section header, never a data row's label.
var headerWords = map[int][]string{
	schema.TableActive:   {"信息内容", "第二十条第项", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减", "处理决定数量", "采购项目数量", "采购总金额", "本年收费金额单位万元"},
	schema.TableRequests: {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织", "申请人情况"},
	schema.TableAppeals:  {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"},
}

// template words in table 2's headers.
var templateWords = map[schema.Template][]string{
	schema.Template2021: {"本年制发件数", "本年废止件数", "现行有效件数"},
	schema.Template2019: {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减", "采购项目数量"},
}

// colPos is where a header column sits: its grid column and, for PDFs, its
// horizontal extent on the page.
type colPos struct {
	table     int // index of the document table the header came from
	col, span int
	x0, x1    float64
	hasBox    bool
}

// header is the column layout of table 3 or 4 as its header rows print it.
type header struct {
	cols []colPos // one per value column, left to right; nil when unknown
}

// rowRef is a data row matched to a row of the schema.
type rowRef struct {
	table  int    // 2, 3 or 4
	key    string // row key prefix (active.rules, requests.granted, review)
	values []document.Cell
	hdr    *header
	where  string // for messages: "table 3, row 5"
	tIdx   int
}

// candidate is a label the matcher compares data rows with.
type candidate struct {
	table int
	key   string
	item  []rune // normalized own label
	full  []rune // normalized group + label
}

var candidates = func() []candidate {
	var cs []candidate
	seen := map[string]bool{}
	add := func(table int, rows []schema.RowSpec) {
		for _, r := range rows {
			c := candidate{table, r.Key, []rune(NormLabel(r.Label)), []rune(NormLabel(r.Group + r.Label))}
			if seen[c.key+string(c.item)] {
				continue
			}
			seen[c.key+string(c.item)] = true
			cs = append(cs, c)
		}
	}
	add(schema.TableActive, schema.ActiveRows)
	add(schema.TableRequests, schema.RequestRows)
	return cs
}()

// MatchTables reads the three statistical tables of doc. Pure.
func MatchTables(doc *document.Document) Tables {
	res := Tables{Found: map[int]bool{}}
	var rows []rowRef
	hints := map[schema.Template]int{}
	var t3, t4 *header
	var t3rows, t4rows [][]document.Cell // header rows seen for the current header
	t4seen, t4done := false, false
	tIdx := 0
	// pend is the last data row read, held back until the next: a row
	// broken over a page break goes on in the next page's first row, the
	// rest of its label beside empty cells.
	var pend *pendingRow
	flush := func() {
		if pend == nil {
			return
		}
		if c, _, ok := scoreCandidate(pend.labels); ok {
			rows = append(rows, rowRef{table: c.table, key: c.key, values: pend.values, hdr: pend.hdr, where: pend.where, tIdx: pend.tIdx})
		}
		pend = nil
	}
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		tIdx++
		firstData := true
		for ri, row := range b.Table.Rows {
			kind := headerKind(row)
			for t, words := range templateWords {
				for _, c := range row.Cells {
					if containsAny(NormLabel(c.Text), words) {
						hints[t]++
					}
				}
			}
			switch kind {
			case schema.TableRequests:
				t3rows = append(t3rows, row.Cells)
				t3 = buildHeader(t3rows, tIdx, b.Table.Grid, requestHeaderLabels)
				continue
			case schema.TableAppeals:
				t4rows = append(t4rows, row.Cells)
				t4 = buildHeader(t4rows, tIdx, b.Table.Grid, appealHeaderLabels)
				t4seen = true
				continue
			case schema.TableActive:
				continue
			}
			t3rows, t4rows = nil, nil
			where := fmt.Sprintf("table %d, row %d", tIdx, ri+1)
			labels, values := splitRow(row.Cells)
			first := firstData
			firstData = false
			if first && pend != nil && pend.tIdx == tIdx-1 && pend.last && continues(pend.labels, labels, values) {
				pend.labels[len(pend.labels)-1] += labels[len(labels)-1]
				continue
			}
			if len(labels) == 0 {
				// Table 4's values row has no label: it is the first row
				// under its header with numbers, or with a cell for each of
				// its 15 columns (a blank template).
				if t4seen && !t4done && (countNumbers(values) > 0 || len(values) == len(schema.AppealGroups)*len(schema.AppealColumns)) {
					flush()
					rows = append(rows, rowRef{table: schema.TableAppeals, values: values, hdr: t4, where: where, tIdx: tIdx})
					t4done = true
				}
				continue
			}
			if len(values) == 0 {
				continue
			}
			flush()
			pend = &pendingRow{labels: labels, values: values, hdr: t3, where: where, tIdx: tIdx, last: ri == len(b.Table.Rows)-1}
		}
	}
	flush()
	res.Template = decideTemplate(hints, rows)
	seen := map[string]bool{}
	for _, r := range rows {
		if r.key != "" && seen[r.key] {
			continue // a repeated row (a header or table printed twice): keep the first
		}
		seen[r.key] = true
		cells, problem := readRow(r, res.Template)
		if problem != "" {
			res.Problems = append(res.Problems, problem)
			continue
		}
		for _, c := range cells {
			if strings.ContainsRune(c.Raw, '\ufffd') {
				res.Undecodable = append(res.Undecodable, c.Key)
				continue
			}
			res.Cells = append(res.Cells, c)
		}
		res.Found[r.table] = true
		switch {
		case r.key == "requests.other.all":
			res.OtherRows = 1
		case strings.HasPrefix(r.key, "requests.other."):
			res.OtherRows = 3
		}
	}
	if !res.Found[schema.TableActive] {
		res.Template = ""
	}
	sort.SliceStable(res.Cells, func(i, j int) bool {
		return schema.KeyOrder(res.Cells[i].Key) < schema.KeyOrder(res.Cells[j].Key)
	})
	return res
}

// headerTable maps each header word to its table.
var headerTable = func() map[string]int {
	m := map[string]int{}
	for t, words := range headerWords {
		for _, w := range words {
			m[w] = t
		}
	}
	return m
}()

// headerKind says which table a header row belongs to, or 0 for a row that
// is not a header. Table 3's words win over table 4's, and both over table
// 2's, where a row holds words of several.
func headerKind(row document.Row) int {
	kind := 0
	for _, c := range row.Cells {
		n := NormLabel(c.Text)
		t := headerTable[n]
		if strings.Contains(n, "勾稽") {
			t = schema.TableRequests
		}
		if t != 0 && (kind == 0 || headerRank[t] < headerRank[kind]) {
			kind = t
		}
	}
	return kind
}

var headerRank = map[int]int{schema.TableRequests: 0, schema.TableAppeals: 1, schema.TableActive: 2}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// splitRow splits a row into its label texts and its value cells: the
// values are the cells after the last cell that holds a label.
func splitRow(cells []document.Cell) (labels []string, values []document.Cell) {
	last := -1
	for i, c := range cells {
		if !c.Merged && !isValueText(c.Text) {
			last = i
		}
	}
	for _, c := range cells[:last+1] {
		if t := strings.TrimSpace(c.Text); t != "" && !c.Merged {
			labels = append(labels, t)
		}
	}
	return labels, cells[last+1:]
}

func countNumbers(cells []document.Cell) int {
	n := 0
	for _, c := range cells {
		if ParseValue(c.Text).Kind == schema.KindNumber {
			n++
		}
	}
	return n
}

// pendingRow is a data row not matched yet.
type pendingRow struct {
	labels []string
	values []document.Cell
	hdr    *header
	where  string
	tIdx   int
	last   bool // the last row of its table
}

// enumerated matches the start of a numbered label: 1. （一） 一、.
var enumerated = regexp.MustCompile(`^\s*(?:[0-9０-９]+[.．、]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)`)

// continues reports whether a table's first row (labels, values) is the
// rest of the row that ended the table before (prev, its labels): no
// number in it, its label not numbered, and the label joined matching a
// row of the schema better than either part does.
func continues(prev, labels []string, values []document.Cell) bool {
	if len(labels) == 0 || countNumbers(values) > 0 || enumerated.MatchString(labels[len(labels)-1]) {
		return false
	}
	joined := append(slices.Clone(prev), "")
	joined[len(joined)-2] += labels[len(labels)-1]
	joined = joined[:len(joined)-1]
	_, sj, ok := scoreCandidate(joined)
	if !ok {
		return false
	}
	_, sp, _ := scoreCandidate(prev)
	_, sc, _ := scoreCandidate(labels)
	return sj > sp && sj > sc
}

// bestCandidate matches a row's labels with the schema's rows. The row's own
// label is usually its last label cell; the group may stand before it in the
// same row (（三）不予公开 | 1.属于国家秘密) or be lost.
func bestCandidate(labels []string) (candidate, bool) {
	c, _, ok := scoreCandidate(labels)
	return c, ok
}

// scoreCandidate is bestCandidate with the similarity of the match.
func scoreCandidate(labels []string) (candidate, float64, bool) {
	item := []rune(NormLabel(labels[len(labels)-1]))
	full := []rune(NormLabel(strings.Join(labels, "")))
	best, second := -1.0, -1.0
	var bc candidate
	for _, c := range candidates {
		if bound(item, c.item) <= second && bound(full, c.full) <= second && second >= 0.85 {
			continue // cannot change the outcome
		}
		s := math.Max(Similarity(item, c.item), Similarity(full, c.full))
		s = math.Max(s, contained(item, c.item))
		if s > best {
			if c.key != bc.key {
				second = best
			}
			best, bc = s, c
		} else if s > second && c.key != bc.key {
			second = s
		}
	}
	if best < 0.7 || best-second < 0.1 {
		return candidate{}, best, false
	}
	return bc, best, true
}

// contained scores a label that holds the whole of a candidate's label
// with at most two characters more: an enumerator garbled by OCR, （七）总计
// read as (万半总计. It scores below an exact match, so that 其他 still
// tells 3.其他 from 其他处理.
func contained(item, cand []rune) float64 {
	if len(cand) < 2 || len(item) < len(cand) || len(item) > len(cand)+2 {
		return 0
	}
	if Similarity(item, cand)*float64(len(item)+len(cand))/2 < float64(len(cand))-0.5 {
		return 0 // not every character of the candidate is there, in order
	}
	return 0.85
}

// bound is the highest Similarity two labels of these lengths can have.
func bound(a, b []rune) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(min(len(a), len(b))) / float64(len(a)+len(b))
}

// decideTemplate picks table 2's template from its header words, else from
// the rows only the 2019 template prints, else from how many values the
// 行政许可 row carries.
func decideTemplate(hints map[schema.Template]int, rows []rowRef) schema.Template {
	switch {
	case hints[schema.Template2021] > hints[schema.Template2019]:
		return schema.Template2021
	case hints[schema.Template2019] > hints[schema.Template2021]:
		return schema.Template2019
	}
	for _, r := range rows {
		switch r.key {
		case "active.other_services", "active.procurement":
			return schema.Template2019
		case "active.licensing", "active.penalties":
			if len(trimBlanks(r.values, 1)) >= 3 {
				return schema.Template2019
			}
		}
	}
	return schema.Template2021
}

// rowSpec returns the schema row a matched row stands for.
func rowSpec(r rowRef, t schema.Template) (schema.RowSpec, bool) {
	var rows []schema.RowSpec
	switch r.table {
	case schema.TableActive:
		rows = schema.ActiveRows
	case schema.TableRequests:
		rows = schema.RequestRows
	default:
		return schema.RowSpec{}, false
	}
	for _, s := range rows {
		if s.Key == r.key && (r.table != schema.TableActive || s.Templates[0] == t) {
			return s, true
		}
	}
	return schema.RowSpec{}, false
}

// readRow turns a matched row's value cells into schema cells.
func readRow(r rowRef, t schema.Template) ([]schema.Cell, string) {
	if r.table == schema.TableAppeals {
		var keys []string
		for _, g := range schema.AppealRows {
			for _, c := range g.Columns {
				keys = append(keys, g.Key+"."+c.Name)
			}
		}
		vals, ok := mapColumns(r.values, r.hdr, r.tIdx, len(keys))
		if !ok {
			return nil, fmt.Sprintf("%s: table 4 has %d value cells, not %d", r.where, len(r.values), len(keys))
		}
		return makeCells(keys, vals, nil), ""
	}
	spec, ok := rowSpec(r, t)
	if !ok {
		return nil, ""
	}
	var keys []string
	var kinds []schema.ValueKind
	for _, c := range spec.Columns {
		if c.Kind == schema.Text {
			continue // the procurement unit comes from the amount cell
		}
		keys = append(keys, spec.Key+"."+c.Name)
		kinds = append(kinds, c.Kind)
	}
	var vals []*document.Cell
	if r.table == schema.TableRequests {
		if split, isRun, err := runTogetherRow(r.values, len(keys)); isRun {
			if err != nil {
				return nil, fmt.Sprintf("%s (%s): %v", r.where, spec.Label, err)
			}
			r.values, r.hdr = split, nil
		}
		vals, ok = mapColumns(r.values, r.hdr, r.tIdx, len(keys))
	} else {
		vals, ok = inOrder(r.values, len(keys))
	}
	if !ok {
		return nil, fmt.Sprintf("%s (%s): %d value cells for %d columns", r.where, spec.Label, len(r.values), len(keys))
	}
	cells := makeCells(keys, vals, kinds)
	if spec.Key == "active.procurement" {
		cells = append(cells, unitCell(vals[len(vals)-1]))
	}
	return cells, ""
}

func makeCells(keys []string, vals []*document.Cell, kinds []schema.ValueKind) []schema.Cell {
	out := make([]schema.Cell, 0, len(keys))
	for i, k := range keys {
		c := schema.Cell{Key: k, Kind: schema.KindBlank}
		if v := vals[i]; v != nil {
			c.Raw = strings.TrimSpace(v.Text)
			c.Loc = v.Loc
			c.OCR = v.OCR
			pv := ParseValue(v.Text)
			c.Kind = pv.Kind
			if pv.Kind == schema.KindNumber {
				c.Value = pv.Number
			}
		}
		out = append(out, c)
	}
	return out
}

// unitCell is active.procurement.amount_unit: the unit printed with the
// amount (251000元), as text.
func unitCell(amount *document.Cell) schema.Cell {
	c := schema.Cell{Key: "active.procurement.amount_unit", Kind: schema.KindBlank}
	if amount == nil {
		return c
	}
	if u := ParseValue(amount.Text).Unit; u != "" {
		c.Kind, c.Value, c.Raw, c.Loc = schema.KindText, u, u, amount.Loc
	}
	return c
}

// inOrder reads n values left to right, dropping blank cells beyond n at the
// ends (rows are often padded with empty cells).
func inOrder(values []document.Cell, n int) ([]*document.Cell, bool) {
	v := trimBlanks(values, n)
	if len(v) < n {
		// Fewer cells than columns: only safe when nothing is left to guess,
		// i.e. the missing ones are trailing blanks.
		return nil, false
	}
	out := make([]*document.Cell, n)
	for i := range out {
		out[i] = &v[i]
	}
	return out, true
}

// trimBlanks drops empty cells, leading ones first (empty label cells), then
// trailing ones, while more than n remain.
func trimBlanks(values []document.Cell, n int) []document.Cell {
	for len(values) > n && strings.TrimSpace(values[0].Text) == "" {
		values = values[1:]
	}
	for len(values) > n && strings.TrimSpace(values[len(values)-1].Text) == "" {
		values = values[:len(values)-1]
	}
	return values
}

// mapColumns places a row's value cells under the n header columns: by page
// position when both carry boxes (PDF, also across a page break), by grid
// column within the header's own table, else in order.
func mapColumns(values []document.Cell, h *header, tIdx, n int) ([]*document.Cell, bool) {
	if h != nil && len(h.cols) == n {
		if out, ok := byBox(values, h.cols); ok {
			return out, true
		}
		if h.cols[0].table == tIdx {
			if out, ok := byGrid(values, h.cols); ok {
				return out, true
			}
		}
	}
	return inOrder(values, n)
}

func byBox(values []document.Cell, cols []colPos) ([]*document.Cell, bool) {
	out := make([]*document.Cell, len(cols))
	for i := range values {
		v := &values[i]
		if v.Loc.Box == nil {
			return nil, false
		}
		cx := (v.Loc.Box[0] + v.Loc.Box[2]) / 2
		best, bd := -1, math.Inf(1)
		for j, c := range cols {
			if !c.hasBox {
				return nil, false
			}
			d := math.Abs(cx - (c.x0+c.x1)/2)
			if d < bd {
				best, bd = j, d
			}
		}
		if out[best] != nil {
			if strings.TrimSpace(v.Text) == "" {
				continue
			}
			if strings.TrimSpace(out[best].Text) != "" {
				return nil, false // two values under one header
			}
		}
		out[best] = v
	}
	return out, true
}

func byGrid(values []document.Cell, cols []colPos) ([]*document.Cell, bool) {
	out := make([]*document.Cell, len(cols))
	for i := range values {
		v := &values[i]
		span := max(v.Span, 1)
		for j, c := range cols {
			if c.col >= v.Col && c.col < v.Col+span {
				if out[j] != nil {
					return nil, false
				}
				out[j] = v
			}
		}
	}
	for i, v := range out {
		if v == nil && !cols[i].hasBox {
			// A column no cell covers: the grid does not line up.
			return nil, false
		}
	}
	return out, true
}

// Leaf header labels of tables 3 and 4, left to right, normalized.
var (
	requestHeaderLabels = func() []string {
		var out []string
		for _, c := range schema.RequestColumns {
			out = append(out, NormLabel(c.Label))
		}
		return out
	}()
	appealHeaderLabels = func() []string {
		var out []string
		for range schema.AppealGroups {
			for _, c := range schema.AppealColumns {
				out = append(out, NormLabel(c.Label))
			}
		}
		return out
	}()
)

// buildHeader finds the leaf header cells (自然人 … 总计) in the header rows
// seen so far and records their positions, left to right.
// Without a grid or page positions (plain text) columns cannot be placed and
// the header is nil.
func buildHeader(rows [][]document.Cell, tIdx int, grid bool, labels []string) *header {
	type found struct {
		c   document.Cell
		key float64
	}
	var leaves []found
	for _, row := range rows {
		for _, c := range row {
			n := NormLabel(c.Text)
			if c.Loc.Box == nil && !grid {
				continue
			}
			for _, l := range labels {
				if n == l {
					key := float64(c.Col)
					if c.Loc.Box != nil {
						key = c.Loc.Box[0]
					}
					leaves = append(leaves, found{c, key})
					break
				}
			}
		}
	}
	if len(leaves) != len(labels) {
		return nil
	}
	sort.SliceStable(leaves, func(i, j int) bool { return leaves[i].key < leaves[j].key })
	h := &header{}
	for i, f := range leaves {
		if NormLabel(f.c.Text) != labels[i] {
			return nil
		}
		p := colPos{table: tIdx, col: f.c.Col, span: max(f.c.Span, 1)}
		if b := f.c.Loc.Box; b != nil {
			p.x0, p.x1, p.hasBox = b[0], b[2], true
		}
		h.cols = append(h.cols, p)
	}
	return h
}
