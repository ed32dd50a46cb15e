package audit

import (
	"slices"
	"testing"

	"xxgk/schema"
)

func gridByID(t *testing.T, id string) grid {
	t.Helper()
	for _, g := range grids() {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("no grid %s", id)
	return grid{}
}

// rowWidths lays a grid out as a browser does (rowspan and colspan fill the
// slots below and to the right) and returns the width of every row; two
// cells that overlap fail the test.
func rowWidths(t *testing.T, g grid) []int {
	t.Helper()
	taken := map[[2]int]bool{}
	widths := make([]int, len(g.Rows))
	for r, row := range g.Rows {
		col := 0
		for _, c := range row {
			for taken[[2]int{r, col}] {
				col++
			}
			rs, cs := max(c.RowSpan, 1), max(c.ColSpan, 1)
			for i := range rs {
				for j := range cs {
					slot := [2]int{r + i, col + j}
					if taken[slot] {
						t.Errorf("%s: row %d: cell %q overlaps slot %v", g.ID, r, c.Text+c.Key, slot)
					}
					taken[slot] = true
				}
			}
			col += cs
		}
	}
	for slot := range taken {
		if slot[0] < len(widths) {
			widths[slot[0]]++
		} else {
			t.Errorf("%s: a rowspan runs past the last row (slot %v)", g.ID, slot)
		}
	}
	return widths
}

func TestGridsAreRectangular(t *testing.T) {
	want := map[string]int{gridActive2021: 4, gridActive2019: 4, gridRequests3: 10, gridRequests1: 10, gridAppeals: 15}
	for _, g := range grids() {
		for r, w := range rowWidths(t, g) {
			if w != want[g.ID] {
				t.Errorf("%s row %d is %d wide, want %d", g.ID, r, w, want[g.ID])
			}
		}
	}
}

func gridKeys(g grid) []string {
	var keys []string
	for _, row := range g.Rows {
		for _, c := range row {
			if c.Key != "" {
				keys = append(keys, c.Key)
			}
		}
	}
	return keys
}

// Each template's variants draw every key the template prints, once, and
// only those.
func TestGridsCoverTemplates(t *testing.T) {
	tests := []struct {
		template schema.Template
		ids      []string
		without  string // the （六） row the variant leaves out
	}{
		{schema.Template2021, []string{gridActive2021, gridRequests3, gridAppeals}, otherAllRow},
		{schema.Template2019, []string{gridActive2019, gridRequests1, gridAppeals}, ""},
	}
	for _, tt := range tests {
		var got []string
		for _, id := range tt.ids {
			got = append(got, gridKeys(gridByID(t, id))...)
		}
		var want []string
		for _, k := range schema.Keys {
			if printedBy(schema.RowSpec{Templates: k.Templates}, tt.template) && k.Row != tt.without {
				want = append(want, k.Name)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("template %s: grids draw %d keys, template prints %d\n got %v\nwant %v", tt.template, len(got), len(want), got, want)
		}
	}
}

// labelSpans returns the row and column span of every label cell by text.
func labelSpans(g grid) map[string][2]int {
	m := map[string][2]int{}
	for _, row := range g.Rows {
		for _, c := range row {
			if c.Text != "" {
				m[c.Text] = [2]int{max(c.RowSpan, 1), max(c.ColSpan, 1)}
			}
		}
	}
	return m
}

func TestGridLabels(t *testing.T) {
	tests := []struct {
		id, label string
		span      [2]int // rows, columns
	}{
		{gridRequests3, "三、本年度办理结果", [2]int{22, 1}},
		{gridRequests1, "三、本年度办理结果", [2]int{20, 1}},
		{gridRequests3, "（三）不予公开", [2]int{8, 1}},
		{gridRequests3, "（六）其他处理", [2]int{3, 1}},
		{gridRequests1, "（六）其他处理", [2]int{1, 2}},
		{gridRequests3, "（七）总计", [2]int{1, 2}},
		{gridRequests3, "一、本年新收政府信息公开申请数量", [2]int{1, 3}},
		{gridRequests3, requestsCorner, [2]int{3, 3}},
		{gridRequests3, requestsOrgHead, [2]int{1, 5}},
		{gridRequests3, "自然人", [2]int{2, 1}},
		{gridActive2021, "第二十条第（一）项", [2]int{1, 4}},
		{gridActive2021, "本年处理决定数量", [2]int{1, 3}},
		{gridActive2021, "本年收费金额（单位：万元）", [2]int{1, 3}},
		{gridActive2019, "本年增/减", [2]int{1, 2}}, // 行政事业性收费: two columns, the last stretched
		{gridActive2019, "第二十条第（九）项", [2]int{1, 4}},
		{gridAppeals, "行政复议", [2]int{2, 5}},
		{gridAppeals, "行政诉讼", [2]int{1, 10}},
		{gridAppeals, "复议后起诉", [2]int{1, 5}},
	}
	for _, tt := range tests {
		if got := labelSpans(gridByID(t, tt.id))[tt.label]; got != tt.span {
			t.Errorf("%s: %s spans %v, want %v", tt.id, tt.label, got, tt.span)
		}
	}
}

func TestGridsFor(t *testing.T) {
	cells := func(keys ...string) []schema.Cell {
		var out []schema.Cell
		for _, k := range keys {
			out = append(out, schema.Cell{Key: k})
		}
		return out
	}
	tests := []struct {
		name string
		r    schema.Report
		want [3]string
	}{
		{"2021, three other rows", schema.Report{Template: schema.Template2021, OtherRows: 3}, [3]string{gridActive2021, gridRequests3, gridAppeals}},
		{"2021 table 2, one other row", schema.Report{Template: schema.Template2021, OtherRows: 1}, [3]string{gridActive2021, gridRequests1, gridAppeals}},
		{"2019", schema.Report{Template: schema.Template2019}, [3]string{gridActive2019, gridRequests1, gridAppeals}},
		{"unknown template, 2019 keys", schema.Report{Cells: cells("active.rules.new_made", "requests.other.all.total")}, [3]string{gridActive2019, gridRequests1, gridAppeals}},
		{"unknown template, three other rows", schema.Report{Cells: cells("requests.other.unpaid_fees.total")}, [3]string{gridActive2021, gridRequests3, gridAppeals}},
		{"nothing known", schema.Report{}, [3]string{gridActive2021, gridRequests3, gridAppeals}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newReport(&tt.r).Grids; got != tt.want {
				t.Errorf("grids = %v, want %v", got, tt.want)
			}
		})
	}
}
