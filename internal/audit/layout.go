package audit

import (
	"strings"

	"xxgk/schema"
)

// grid is one national table drawn as printed: rows of label cells and value
// cells, with the spans of the official layout. The page's script draws any
// grid the same way, so the layouts live here, built from the schema's rows
// and columns, and not in hand-written HTML.
type grid struct {
	ID    string    `json:"id"`
	Title string    `json:"title"`
	Rows  [][]gcell `json:"rows"`
}

// gcell is a label (Text) or a value cell (Key).
type gcell struct {
	Text    string `json:"t,omitempty"`
	Key     string `json:"k,omitempty"`
	RowSpan int    `json:"r,omitempty"` // omitted when 1
	ColSpan int    `json:"c,omitempty"` // omitted when 1
	Head    bool   `json:"h,omitempty"` // a header cell (<th>)
}

// The grid ids, one per printed variant of a table.
const (
	gridActive2021 = "active2021"
	gridActive2019 = "active2019"
	gridRequests3  = "requests3" // （六）其他处理 in three rows
	gridRequests1  = "requests1" // （六）其他处理 as one row
	gridAppeals    = "appeals"
)

// Table titles as the template prints them.
const (
	titleActive   = "二、主动公开政府信息情况"
	titleRequests = "三、收到和处理政府信息公开申请情况"
	titleAppeals  = "四、政府信息公开行政复议、行政诉讼情况"
)

// Header texts of table 3 that the schema does not carry, since they name no
// key: the corner cell with the balance rule, the banner over the seven
// columns, and the banner over the five columns between 自然人 and 总计.
const (
	requestsCorner  = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	requestsBanner  = "申请人情况"
	requestsOrgHead = "法人或其他组织"
	activeItemHead  = "信息内容"
)

// The three rows of （六）其他处理 in the 2021 template, and the single row
// that replaces them elsewhere.
const otherAllRow = "requests.other.all"

// grids returns every table variant the page can draw.
func grids() []grid {
	return []grid{
		activeGrid(gridActive2021, schema.Template2021),
		activeGrid(gridActive2019, schema.Template2019),
		requestsGrid(gridRequests3, func(r schema.RowSpec) bool {
			return printedBy(r, schema.Template2021) && r.Key != otherAllRow
		}),
		requestsGrid(gridRequests1, func(r schema.RowSpec) bool {
			return printedBy(r, schema.Template2019)
		}),
		appealsGrid(),
	}
}

func printedBy(r schema.RowSpec, t schema.Template) bool {
	for _, x := range r.Templates {
		if x == t {
			return true
		}
	}
	return false
}

func span(n int) int {
	if n == 1 {
		return 0
	}
	return n
}

// activeGrid draws table 2 as the template prints it: blocks of rows under a
// 第二十条第（…）项 banner, each block with its own column headers, all in a
// grid as wide as the widest block (narrower blocks stretch their last
// column).
func activeGrid(id string, t schema.Template) grid {
	var rows []schema.RowSpec
	width := 0
	for _, r := range schema.ActiveRows {
		if printedBy(r, t) {
			rows = append(rows, r)
			width = max(width, len(r.Columns))
		}
	}
	g := grid{ID: id, Title: titleActive}
	for i, r := range rows {
		last := len(r.Columns) - 1
		stretch := func(c, n int) int {
			if c == last {
				return span(width - last)
			}
			return span(n)
		}
		if i == 0 || r.Group != rows[i-1].Group || !sameColumns(r, rows[i-1]) {
			g.Rows = append(g.Rows, []gcell{{Text: r.Group, ColSpan: width + 1, Head: true}})
			head := []gcell{{Text: activeItemHead, Head: true}}
			for c, col := range r.Columns {
				head = append(head, gcell{Text: col.Label, ColSpan: stretch(c, 1), Head: true})
			}
			g.Rows = append(g.Rows, head)
		}
		row := []gcell{{Text: r.Label}}
		for c, col := range r.Columns {
			row = append(row, gcell{Key: r.Key + "." + col.Name, ColSpan: stretch(c, 1)})
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

func sameColumns(a, b schema.RowSpec) bool {
	if len(a.Columns) != len(b.Columns) {
		return false
	}
	for i := range a.Columns {
		if a.Columns[i].Name != b.Columns[i].Name {
			return false
		}
	}
	return true
}

// requestsGrid draws table 3: three label columns (item, sub-item, line)
// merged as printed, then the seven applicant columns.
func requestsGrid(id string, keep func(schema.RowSpec) bool) grid {
	cols := schema.RequestColumns
	n := len(cols)
	g := grid{ID: id, Title: titleRequests}
	g.Rows = append(g.Rows,
		[]gcell{{Text: requestsCorner, RowSpan: 3, ColSpan: 3, Head: true}, {Text: requestsBanner, ColSpan: n, Head: true}})
	second := []gcell{{Text: cols[0].Label, RowSpan: 2, Head: true}, {Text: requestsOrgHead, ColSpan: n - 2, Head: true}, {Text: cols[n-1].Label, RowSpan: 2, Head: true}}
	var third []gcell
	for _, c := range cols[1 : n-1] {
		third = append(third, gcell{Text: c.Label, Head: true})
	}
	g.Rows = append(g.Rows, second, third)

	var paths [][]string
	var kept []schema.RowSpec
	top := ""
	for _, r := range schema.RequestRows {
		switch {
		case r.Group == "":
			top = ""
		case !strings.HasPrefix(r.Group, "（"):
			top = r.Group
		}
		if !keep(r) {
			continue
		}
		kept = append(kept, r)
		paths = append(paths, labelPath(top, r))
	}
	for i, r := range kept {
		row := labelCells(paths, i)
		for _, c := range cols {
			row = append(row, gcell{Key: r.Key + "." + c.Name})
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// labelPath is a table-3 row's labels from the outermost group in: one, two
// or three of them. A group that starts with （ is a sub-item of the item
// above it (（三）不予公开 under 三、本年度办理结果).
func labelPath(top string, r schema.RowSpec) []string {
	switch {
	case r.Group == "":
		return []string{r.Label}
	case strings.HasPrefix(r.Group, "（"):
		return []string{top, r.Group, r.Label}
	default:
		return []string{r.Group, r.Label}
	}
}

// labelCells returns the label cells row i prints: the last label spans the
// label columns left over, and a label equal to the one above it in the same
// group is merged into it (so it is omitted here and spans more rows there).
func labelCells(paths [][]string, i int) []gcell {
	const labelCols = 3
	p := paths[i]
	var out []gcell
	for d, text := range p {
		if d < len(p)-1 && i > 0 && samePrefix(paths[i-1], p, d) {
			continue // merged into the cell above
		}
		c := gcell{Text: text}
		if d == len(p)-1 {
			c.ColSpan = span(labelCols - d)
		} else {
			n := 1
			for j := i + 1; j < len(paths) && samePrefix(paths[j], p, d); j++ {
				n++
			}
			c.RowSpan = span(n)
		}
		out = append(out, c)
	}
	return out
}

// samePrefix reports whether q shares p's labels 0..d and goes deeper than d.
func samePrefix(q, p []string, d int) bool {
	if len(q) <= d+1 {
		return false
	}
	for k := 0; k <= d; k++ {
		if q[k] != p[k] {
			return false
		}
	}
	return true
}

// appealsGrid draws table 4: group banners (a label "行政诉讼 复议后起诉" is
// a banner over a sub-banner, and equal banners side by side merge), the
// five columns of each group, and one row of fifteen values.
func appealsGrid() grid {
	g := grid{ID: gridAppeals, Title: titleAppeals}
	n := len(schema.AppealColumns)
	var top, sub, heads, vals []gcell
	for _, r := range schema.AppealRows {
		banner, subBanner, _ := strings.Cut(r.Label, " ")
		if subBanner == "" {
			top = append(top, gcell{Text: banner, ColSpan: n, RowSpan: 2, Head: true})
		} else {
			if k := len(top) - 1; k >= 0 && top[k].Text == banner && top[k].RowSpan == 0 {
				top[k].ColSpan += n
			} else {
				top = append(top, gcell{Text: banner, ColSpan: n, Head: true})
			}
			sub = append(sub, gcell{Text: subBanner, ColSpan: n, Head: true})
		}
		for _, c := range r.Columns {
			heads = append(heads, gcell{Text: c.Label, Head: true})
			vals = append(vals, gcell{Key: r.Key + "." + c.Name})
		}
	}
	g.Rows = [][]gcell{top}
	if len(sub) > 0 {
		g.Rows = append(g.Rows, sub)
	}
	g.Rows = append(g.Rows, heads, vals)
	return g
}

// gridsFor picks the variants that fit a report: table 2 by its template
// (or, when the template is unknown, by the keys it holds), table 3 by its
// count of （六） rows, else by the （六） rows it holds, else by template.
func gridsFor(r *schema.Report, has func(prefix string) bool) [3]string {
	active := gridActive2021
	if r.Template == schema.Template2019 || (r.Template == "" && has("active.rules.new_made")) {
		active = gridActive2019
	}
	oneOtherRow := r.OtherRows == 1
	if r.OtherRows != 1 && r.OtherRows != 3 {
		three := has("requests.other.no_correction.") || has("requests.other.unpaid_fees.") || has("requests.other.other.")
		oneOtherRow = !three && (has(otherAllRow+".") || r.Template == schema.Template2019)
	}
	requests := gridRequests3
	if oneOtherRow {
		requests = gridRequests1
	}
	return [3]string{active, requests, gridAppeals}
}
