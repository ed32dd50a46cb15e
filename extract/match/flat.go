package match

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"xxgk/extract/document"
	"xxgk/schema"
)

// Flat is what Unflatten recovered from the tables of flattened page text.
type Flat struct {
	// Doc is the document with each flattened table turned into a table of
	// cells; the input itself when it held none.
	Doc *document.Document
	// Inferred lists the keys whose values were split out of digits that
	// ran together.
	Inferred map[string]bool
	// Unread lists the keys of rows that could not be split without
	// guessing, Problems says which rows and why.
	Unread   []string
	Problems []string
	Notes    []schema.Note
}

// BUG(flat): the 2021 template's table 2 has no rule within its rows
// (本年制发件数, 本年废止件数, 现行有效件数), nor does the 2019 template's
// 上一年项目数量, 本年增/减, 处理决定数量: their runs are read only when
// they have as many digits as cells, and are otherwise left unread.

// BUG(flat): where a flattened table prints zeros as blank cells, the rows
// of several cells that hold any value are left unread: the run does not
// tell where the blanks stood.

// bracketRe matches a bracketed note, such as table 3's
// （本列数据的勾稽关系为：…。）.
var bracketRe = regexp.MustCompile(`（[^（）]*）|\([^()]*\)`)

// maxFlatLine bounds the paragraphs read as flattened tables: table 3, the
// longest, is about 2 KB of text.
const maxFlatLine = 16 << 10

// Unflatten finds the statistical tables of flattened page text (a
// crawler's get_text() of an article: every table one line, all whitespace
// removed, so that 规范性文件898989 is a label and three cells) and reads
// them. A row's cells are split by the template (how many cells the row
// has) and the balance rules: a table-3 row's 总计 is the sum of its
// applicants, table 4's 总计 of each group the sum of its results, table
// 2's 本年新公开数量 at most 本年新制作数量 and at most 对外公开总数量, and
// table 3's columns balance (requests.balance, requests.results_sum). A
// split is taken only when it is the one split that satisfies every rule
// it touches — rows whose own rule leaves several are settled together
// through the column rules; a row still ambiguous stays unread. Pure.
func Unflatten(doc *document.Document) Flat {
	res := Flat{Doc: doc, Inferred: map[string]bool{}}
	if doc.Format != document.Text {
		// Only saved page text loses its tables' cells; in other formats
		// a paragraph of labels and numbers is the report's own text.
		return res
	}
	// A table is one paragraph of two rows or more, or a flattener kept a
	// line per table row: consecutive paragraphs of one row each, three
	// or more.
	var lines, seq []flatLine
	flush := func() {
		if len(seq) >= 3 {
			lines = append(lines, seq...)
		}
		seq = seq[:0]
	}
	heads := "" // the header lines before a run of table 4 on a line of its own
	for i, b := range doc.Blocks {
		if b.Table != nil {
			flush()
			continue
		}
		l, n := parseFlatLine(b.Text)
		if run := strings.TrimSpace(Fold(b.Text)); n == 0 && allAppealHeads(heads) && isRunOnly(run) {
			l = flatLine{rows: []*flatRow{appealRow(run)}}
			n = 2
		}
		if n == 0 && utf8.RuneCountInString(b.Text) <= 80 {
			heads += NormLabel(b.Text)
		} else {
			heads = ""
		}
		l.block, l.loc = i, b.Loc
		switch {
		case n >= 2:
			flush()
			lines = append(lines, l)
		case n == 1:
			seq = append(seq, l)
		case utf8.RuneCountInString(b.Text) > 80 || strings.Contains(b.Text, "。"):
			flush() // the narrative: the table has ended
		}
		// short lines without a run (a header row, a heading) go on
	}
	flush()
	if len(lines) == 0 {
		return res
	}
	tmpl := flatTemplate(lines)
	var rows []*flatRow
	for li := range lines {
		for _, r := range lines[li].rows {
			r.line = li
			rows = append(rows, r)
		}
	}
	blanks := false
	for _, r := range rows {
		r.spec(tmpl)
		blanks = blanks || r.showsBlanks()
	}
	for _, r := range rows {
		r.candidates(blanks)
	}
	settleRequests(rows)

	out := &document.Document{Format: doc.Format, Pages: doc.Pages, Notes: doc.Notes}
	next := 0
	inferred := 0
	for li, l := range lines {
		out.Blocks = append(out.Blocks, doc.Blocks[next:l.block]...)
		next = l.block + 1
		t := &document.Table{}
		active := false
		for _, r := range rows {
			if r.line != li {
				continue
			}
			if r.table == schema.TableActive && !active {
				// table 2's header words tell the matcher its template
				active = true
				t.Rows = append(t.Rows, document.Row{Cells: activeHeader(tmpl, l.loc)})
			}
			if r.header != nil {
				t.Rows = append(t.Rows, document.Row{Cells: r.header})
			}
			if r.problem != "" {
				res.Problems = append(res.Problems, r.problem)
				res.Unread = append(res.Unread, r.keys...)
				continue
			}
			if r.keys == nil {
				continue
			}
			cells := r.labelCells(l.loc)
			for i, tok := range r.chosen {
				if i == len(r.chosen)-1 && r.key == "active.procurement" {
					tok += r.unit
				}
				cells = append(cells, document.Cell{Text: tok, Span: 1, Loc: l.loc})
			}
			for i := range cells {
				cells[i].Col = i
			}
			if len(r.chosen) > 1 && r.run != "" { // a row printed all blank is read as it is
				for _, k := range r.keys {
					res.Inferred[k] = true
					inferred++
				}
			}
			t.Rows = append(t.Rows, document.Row{Cells: cells})
		}
		out.Blocks = append(out.Blocks, document.Block{Loc: l.loc, Table: t})
	}
	out.Blocks = append(out.Blocks, doc.Blocks[next:]...)
	res.Doc = out
	sort.SliceStable(res.Unread, func(i, j int) bool { return schema.KeyOrder(res.Unread[i]) < schema.KeyOrder(res.Unread[j]) })
	if inferred > 0 {
		res.Notes = append(res.Notes, schema.Note{Code: "inferred", Message: fmt.Sprintf(
			"the tables are flattened page text, their cells run together: %d values were split out by the template and the balance rules (the only split that satisfies them) and are marked inferred", inferred)})
	}
	return res
}

// apply marks the report's inferred cells, lists its unread keys, adds the
// notes, and returns the rows not read.
func (f Flat) apply(r *schema.Report) []string {
	for i := range r.Cells {
		if f.Inferred[r.Cells[i].Key] {
			r.Cells[i].Inferred = true
		}
	}
	r.UnreadKeys = append(r.UnreadKeys, f.Unread...)
	r.Notes = append(r.Notes, f.Notes...)
	return f.Problems
}

// flatLine is a paragraph that is a flattened table: its rows in order.
type flatLine struct {
	block int
	loc   schema.Location
	norm  string // the paragraph as NormLabel reduces it, for header words
	rows  []*flatRow
}

// flatRow is one row of a flattened table: its label, the run of
// characters its cells ran together into, and what was made of them.
type flatRow struct {
	line   int
	table  int
	key    string // row key; "" for table 4's one row
	label  candidate
	run    string
	unit   string          // 元 or 万元 printed after 采购总金额
	header []document.Cell // a header row to emit before this row (table 4)
	kinds  []schema.ValueKind
	groups []group
	accept func([]float64) bool
	keys   []string

	splits  [][]string
	vals    [][]float64
	many    bool // more splits than were kept
	chosen  []string
	problem string
}

// Table 4 is one row whose labels are all header words.
var appealHeadText = []string{"行政复议", "结果维持", "尚未审结"}

// parseFlatLine reads a paragraph as a flattened table: text pieces that
// end in a row label, each followed by the run of its cells. It returns
// the rows found and how many of them have a run (table 4's header and run
// count two).
func parseFlatLine(text string) (flatLine, int) {
	if len(text) > maxFlatLine || strings.Contains(bracketRe.ReplaceAllString(text, ""), "。") {
		return flatLine{}, 0 // a sentence of the narrative (table 3's note in brackets may end in 。)
	}
	pieces := splitPieces(Fold(text))
	l := flatLine{norm: NormLabel(text)}
	lastOrder := map[int]int{}
	for i, p := range pieces {
		if p.run {
			continue
		}
		run, unit := "", ""
		if i+1 < len(pieces) && pieces[i+1].run {
			run = pieces[i+1].s
			if i+2 < len(pieces) {
				unit = leadingUnit(pieces[i+2].s)
			}
		}
		norm := NormLabel(p.s)
		if run != "" && allAppealHeads(norm) {
			l.rows = append(l.rows, appealRow(run))
			continue
		}
		// A piece may hold several labels: rows printed all blank have no
		// run of their own, so their labels run into the next row's.
		// Only labels in the template's order count: a header word such
		// as 其他 before the first row is not the row 3.其他.
		labels := suffixLabels(norm)
		if len(labels) == 0 {
			continue
		}
		last := labels[len(labels)-1]
		upper := rowOrder(last)
		if upper <= lastOrder[last.table] {
			continue
		}
		var rows []*flatRow
		for j := len(labels) - 2; j >= 0; j-- {
			o := rowOrder(labels[j])
			if labels[j].table != last.table || o >= upper || o <= lastOrder[last.table] {
				break
			}
			upper = o
			rows = append([]*flatRow{{table: labels[j].table, key: labels[j].key, label: labels[j]}}, rows...)
		}
		rows = append(rows, &flatRow{table: last.table, key: last.key, label: last, run: run, unit: unit})
		lastOrder[last.table] = rowOrder(last)
		l.rows = append(l.rows, rows...)
	}
	withRuns := 0
	for _, r := range l.rows {
		if r.run != "" {
			withRuns++
		}
		if r.table == schema.TableAppeals {
			withRuns++
		}
	}
	return l, withRuns
}

type piece struct {
	s   string
	run bool // a run of cells: digits, separators, signs
}

// splitPieces cuts text into label text and runs of cells. The item
// number that opens the next label (4.保护第三方合法权益) runs into the
// cells before it (00000004.): a digit and a dot before text are given
// back to the text, and so is a run that is nothing but an item number
// inside a label (不予公开1.属于国家秘密).
func splitPieces(s string) []piece {
	var raw []piece
	isRun := func(r rune) bool { return r >= '0' && r <= '9' || r == ',' || r == '.' || r == '-' }
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && isRun(rs[j]) == isRun(rs[i]) {
			j++
		}
		raw = append(raw, piece{string(rs[i:j]), isRun(rs[i])})
		i = j
	}
	var out []piece
	for i, p := range raw {
		if !p.run {
			out = appendText(out, p.s)
			continue
		}
		seg := p.s
		enum := ""
		if i+1 < len(raw) && len(seg) >= 2 && seg[len(seg)-1] == '.' && seg[len(seg)-2] >= '0' && seg[len(seg)-2] <= '9' {
			seg, enum = seg[:len(seg)-2], seg[len(seg)-2:]
		}
		if strings.Trim(seg, ",.-") == "" {
			out = appendText(out, seg)
		} else {
			out = append(out, piece{seg, true})
		}
		if enum != "" {
			out = appendText(out, enum)
		}
	}
	return out
}

func appendText(out []piece, s string) []piece {
	if n := len(out); n > 0 && !out[n-1].run {
		out[n-1].s += s
		return out
	}
	return append(out, piece{s, false})
}

func leadingUnit(s string) string {
	for _, u := range []string{"万元", "元"} {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

// appealRow is table 4's one row, with a header row before it that tells
// the matcher the table.
func appealRow(run string) *flatRow {
	hdr := []document.Cell{{Text: "行政复议", Span: 1}, {Text: "行政诉讼", Col: 1, Span: 1}}
	return &flatRow{table: schema.TableAppeals, run: run, header: hdr}
}

// isRunOnly tells a line that is nothing but a run of cells.
func isRunOnly(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != ',' && r != '.' && r != '-' {
			return false
		}
	}
	return true
}

func allAppealHeads(norm string) bool {
	for _, w := range appealHeadText {
		if !strings.Contains(norm, w) {
			return false
		}
	}
	return strings.HasSuffix(norm, "总计")
}

// suffixLabels finds the row labels a piece of text ends with: the
// longest candidate label that ends it, then again on the text before it,
// in printed order.
func suffixLabels(norm string) []candidate {
	var out []candidate
	for norm != "" {
		best, n := candidate{}, 0
		for _, c := range candidates {
			for _, l := range [][]rune{c.full, c.item} {
				s := string(l)
				if len(s) > n && strings.HasSuffix(norm, s) {
					best, n = c, len(s)
				}
			}
		}
		if n == 0 || len([]rune(norm[len(norm)-n:])) < 2 {
			break
		}
		out = append([]candidate{best}, out...)
		norm = norm[:len(norm)-n]
	}
	return out
}

// rowOrder is a candidate's place in its table, counted from 1: table 2
// in the 2019 template's order, which holds every row of the 2021 one.
func rowOrder(c candidate) int {
	rows := schema.RequestRows
	if c.table == schema.TableActive {
		rows = schema.ActiveRows
	}
	n := 0
	for _, r := range rows {
		if c.table == schema.TableActive && r.Templates[0] != schema.Template2019 {
			continue
		}
		n++
		if r.Key == c.key {
			return n
		}
	}
	return 0
}

// flatTemplate reads table 2's template from its header words, else from
// the rows only the 2019 template prints.
func flatTemplate(lines []flatLine) schema.Template {
	for _, l := range lines {
		switch {
		case containsAny(l.norm, templateWords[schema.Template2021]):
			return schema.Template2021
		case containsAny(l.norm, templateWords[schema.Template2019]):
			return schema.Template2019
		}
	}
	for _, l := range lines {
		for _, r := range l.rows {
			if r.key == "active.other_services" || r.key == "active.procurement" {
				return schema.Template2019
			}
		}
	}
	return schema.Template2021
}

// spec sets the row's cells: their keys, kinds and the row's own rules.
func (r *flatRow) spec(t schema.Template) {
	if r.table == schema.TableAppeals {
		for _, g := range schema.AppealRows {
			for _, c := range g.Columns {
				r.keys = append(r.keys, g.Key+"."+c.Name)
				r.kinds = append(r.kinds, c.Kind)
			}
			r.groups = append(r.groups, group{len(g.Columns), true})
		}
		return
	}
	spec, ok := rowSpec(rowRef{table: r.table, key: r.key}, t)
	if !ok {
		return
	}
	for _, c := range spec.Columns {
		if c.Kind == schema.Text {
			continue
		}
		r.keys = append(r.keys, spec.Key+"."+c.Name)
		r.kinds = append(r.kinds, c.Kind)
	}
	switch {
	case r.table == schema.TableRequests:
		r.groups = []group{{len(r.keys), true}}
	case len(spec.Columns) == 3 && spec.Columns[0].Name == "new_made":
		// 本年新公开 counts documents among 本年新制作, and 对外公开总数量
		// includes them.
		r.accept = func(v []float64) bool { return v[1] <= v[0] && v[1] <= v[2] }
	}
}

// showsBlanks tells whether the row shows that the tables print blank
// cells (zeros left blank): a row with nothing printed, or fewer
// characters than cells.
func (r *flatRow) showsBlanks() bool {
	if r.keys == nil {
		return false
	}
	return r.run == "" || len(strings.ReplaceAll(r.run, ",", "")) < len(r.keys)
}

// candidates finds the splits of the row's run its own rules allow. Where
// the tables print blank cells (blanks), a run may hold fewer values than
// the row has cells, and where they stand cannot be known: such rows of
// several cells stay unread.
func (r *flatRow) candidates(blanks bool) {
	switch {
	case r.keys == nil:
		return
	case r.run == "":
		// Nothing printed between this label and the next: every cell of
		// the row is blank.
		r.chosen = make([]string, len(r.keys))
		return
	case blanks && len(r.keys) > 1:
		r.problem = fmt.Sprintf("%s: the tables leave cells blank, so which of the %d cells %q holds cannot be known", r.name(), len(r.keys), r.run)
		return
	}
	r.splits, r.vals, r.many = nil, nil, false
	splits, vals, complete := splitRun(r.run, r.kinds, r.groups, r.accept)
	r.splits, r.vals, r.many = splits, vals, !complete
	switch {
	case !complete:
		r.problem = fmt.Sprintf("%s: %q splits into its %d cells in too many ways", r.name(), r.run, len(r.keys))
	case len(splits) == 0:
		r.problem = fmt.Sprintf("%s: no split of %q into %d cells satisfies the row's rules", r.name(), r.run, len(r.keys))
	case len(splits) == 1:
		r.chosen = splits[0]
	default:
		r.problem = fmt.Sprintf("%s: %q splits into %d cells in %d ways that satisfy the rules", r.name(), r.run, len(r.keys), len(splits))
	}
}

func (r *flatRow) name() string {
	if r.table == schema.TableAppeals {
		return "table 4 (行政复议、行政诉讼)"
	}
	return fmt.Sprintf("table %d, row %s", r.table, r.key)
}

// labelCells are the row's label as the matcher knows it: its group and
// its own label in the template's words.
func (r *flatRow) labelCells(loc schema.Location) []document.Cell {
	if r.table == schema.TableAppeals {
		return nil
	}
	spec, _ := rowSpec(rowRef{table: r.table, key: r.key}, schema.Template2021)
	if spec.Key == "" {
		spec, _ = rowSpec(rowRef{table: r.table, key: r.key}, schema.Template2019)
	}
	var cells []document.Cell
	// Table 2's group (第二十条第（一）项) is a header row of its own.
	if r.table == schema.TableRequests && spec.Group != "" && !strings.HasPrefix(spec.Label, "（") {
		cells = append(cells, document.Cell{Text: spec.Group, Span: 1, Loc: loc})
	}
	return append(cells, document.Cell{Text: spec.Label, Span: 1, Loc: loc})
}

// colRule is one column rule of table 3: the sum of parts equals the sum
// of checked, in column col.
type colRule struct {
	col            int
	parts, checked []string // row keys
}

func columnRules() []colRule {
	var out []colRule
	for _, eq := range schema.Equations {
		if eq.Rule != schema.RuleBalance && eq.Rule != schema.RuleResultsSum {
			continue
		}
		col := -1
		row := func(k string) string {
			i := strings.LastIndex(k, ".")
			for ci, c := range schema.RequestColumns {
				if c.Name == k[i+1:] {
					col = ci
				}
			}
			return k[:i]
		}
		r := colRule{}
		for _, k := range eq.Parts {
			r.parts = append(r.parts, row(k))
		}
		for _, k := range eq.Checked {
			r.checked = append(r.checked, row(k))
		}
		r.col = col
		out = append(out, r)
	}
	return out
}

// activeHeader is a header row of table 2 in template t's words.
func activeHeader(t schema.Template, loc schema.Location) []document.Cell {
	cells := []document.Cell{{Text: "信息内容", Span: 1, Loc: loc}}
	for _, w := range templateWords[t] {
		cells = append(cells, document.Cell{Text: w, Col: len(cells), Span: 1, Loc: loc})
	}
	return cells
}
