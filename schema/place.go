package schema

import (
	"strconv"
	"strings"
)

// Table numbers as the template prints them (表二, 表三, 表四) and their
// titles without the section numeral.
var (
	tableNumeral = map[int]string{TableActive: "二", TableRequests: "三", TableAppeals: "四"}
	tableTitle   = map[int]Bilingual{
		TableActive:   {"主动公开政府信息情况", "information disclosed proactively"},
		TableRequests: {"收到和处理政府信息公开申请情况", "requests for disclosure received and handled"},
		TableAppeals:  {"政府信息公开行政复议、行政诉讼情况", "administrative review and litigation"},
	}
)

// TableName names a template table as a person reads it: "表三（收到和处理
// 政府信息公开申请情况）", or "table 3 (requests for disclosure received and
// handled)". It is the template's number (the section it sits in), never
// the table's position in the file.
func TableName(table int, l Lang) string {
	title, ok := tableTitle[table]
	if !ok {
		return ""
	}
	if l == LangEN {
		return "table " + strconv.Itoa(table) + " (" + title.EN + ")"
	}
	return "表" + tableNumeral[table] + "（" + title.ZH + "）"
}

// TableShortName is "表三" or "table 3".
func TableShortName(table int, l Lang) string {
	if l == LangEN {
		return "table " + strconv.Itoa(table)
	}
	return "表" + tableNumeral[table]
}

// Place says where the cell of key sits, as a person follows it with the
// report in hand: where in the file (the page of a PDF, the line of a text,
// the table of a document), then the template's table, its row (numbered
// from the table's first data row, in the rows template t prints) with the
// label as printed, and the column:
//
//	第4页 · 表三（收到和处理政府信息公开申请情况）· 第13行「（四）无法提供 1.本机关不掌握相关政府信息」· 自然人列
//
// Table 4's single data row is named by its group instead. The exact box
// stays in the JSON location; a key of neither template gets the source
// part only. Empty when nothing is known.
func Place(key string, loc Location, t Template, l Lang) string {
	return place(key, loc, Layout{Template: t}, l)
}

// Layout is which variant of the template a report prints, as far as row
// numbers go: its template, and whether it prints （六）其他处理 as one row
// where the 2021 template has three (many 2021 reports keep the 2019 row).
type Layout struct {
	Template Template
	OneOther bool
}

// LayoutOf is the layout report r prints.
func LayoutOf(r *Report) Layout {
	one := false
	if r.Template == Template2021 {
		var all, split bool
		for _, c := range r.Cells {
			all = all || strings.HasPrefix(c.Key, "requests.other.all.")
			split = split || strings.HasPrefix(c.Key, "requests.other.no_correction.")
		}
		one = all && !split
	}
	return Layout{Template: r.Template, OneOther: one}
}

// PlaceIn is Place for a cell of report r, its rows numbered as r prints
// them.
func PlaceIn(r *Report, key string, loc Location, l Lang) string {
	return place(key, loc, LayoutOf(r), l)
}

// Place is schema.Place with the rows numbered as the layout prints them.
func (lay Layout) Place(key string, loc Location, l Lang) string { return place(key, loc, lay, l) }

// KeyPlace is schema.KeyPlace with the rows numbered as the layout prints
// them.
func (lay Layout) KeyPlace(key string, l Lang) string { return layoutPlace(key, lay, l) }

func place(key string, loc Location, lay Layout, l Lang) string {
	var parts []string
	if s := SourcePlace(loc, l); s != "" {
		parts = append(parts, s)
	}
	if s := layoutPlace(key, lay, l); s != "" {
		parts = append(parts, s)
	}
	return joinPlace(parts)
}

// joinPlace joins the parts of a place with " · ", without the space after
// a full-width bracket, which carries its own.
func joinPlace(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if prev := parts[i-1]; strings.HasSuffix(prev, "）") || strings.HasSuffix(prev, "」") {
				b.WriteString("· ")
			} else {
				b.WriteString(" · ")
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// SourcePlace is the part of Place that comes from the file: 第4页, 文本第74行,
// 文档中第2个表格. A page's box is left out (it is kept in the JSON).
func SourcePlace(loc Location, l Lang) string {
	en := l == LangEN
	switch {
	case loc.Page > 0 && en:
		return "page " + strconv.Itoa(loc.Page)
	case loc.Page > 0:
		return "第" + strconv.Itoa(loc.Page) + "页"
	case loc.Line > 0 && en:
		return "line " + strconv.Itoa(loc.Line) + " of the text"
	case loc.Line > 0:
		return "文本第" + strconv.Itoa(loc.Line) + "行"
	case loc.Table > 0 && en:
		return "table no. " + strconv.Itoa(loc.Table) + " in the file"
	case loc.Table > 0:
		return "文档中第" + strconv.Itoa(loc.Table) + "个表格"
	}
	return ""
}

// KeyPlace is the part of Place that comes from the template: table, row
// and column of key. Empty for a key of neither template.
func KeyPlace(key string, t Template, l Lang) string {
	return layoutPlace(key, Layout{Template: t}, l)
}

func layoutPlace(key string, lay Layout, l Lang) string {
	t := lay.Template
	k, ok := LookupKey(key)
	if !ok {
		return ""
	}
	en := l == LangEN
	parts := []string{TableName(k.Table, l)}
	if k.Table == TableAppeals {
		if en {
			parts = append(parts, "group "+k.Row, "column "+k.Column)
		} else {
			parts = append(parts, "「"+RowName(k.Row, t)+"」", k.ColLabel+"列")
		}
		return joinPlace(parts)
	}
	n := rowNumber(k.Row, k.Table, lay)
	switch {
	case en && n > 0:
		parts = append(parts, "row "+strconv.Itoa(n)+" "+k.Row)
	case en:
		parts = append(parts, "row "+k.Row)
	case n > 0:
		parts = append(parts, "第"+strconv.Itoa(n)+"行「"+RowName(k.Row, t)+"」")
	default:
		parts = append(parts, "「"+RowName(k.Row, t)+"」")
	}
	if en {
		parts = append(parts, "column "+k.Column)
	} else {
		parts = append(parts, k.ColLabel+"列")
	}
	return joinPlace(parts)
}

// CellName names a key's cell by its row and column as the template prints
// them, for a sentence: 「（四）无法提供 1.本机关不掌握相关政府信息」自然人列. In
// English it is the key itself. A key of neither template is returned as is.
func CellName(key string, t Template, l Lang) string {
	k, ok := LookupKey(key)
	if !ok || l == LangEN {
		return key
	}
	return "「" + RowName(k.Row, t) + "」" + k.ColLabel + "列"
}

// rowsOf returns the printed rows of a table in template t (2021 when t is
// neither 2021 nor 2019).
func rowsOf(table int, t Template) []RowSpec { return layoutRows(table, Layout{Template: t}) }

// layoutRows returns the rows of a table as the layout prints them.
func layoutRows(table int, lay Layout) []RowSpec {
	t := lay.Template
	if t != Template2019 {
		t = Template2021
	}
	var all []RowSpec
	switch table {
	case TableActive:
		all = ActiveRows
	case TableRequests:
		all = RequestRows
	case TableAppeals:
		all = AppealRows
	}
	var out []RowSpec
	for _, r := range all {
		printed := false
		for _, x := range r.Templates {
			printed = printed || x == t
		}
		// The 2021 template prints （六）其他处理 as three rows of its own;
		// requests.other.all is their sum, not a printed row.
		if t == Template2021 && r.Key == "requests.other.all" {
			printed = lay.OneOther
		}
		if lay.OneOther && strings.HasPrefix(r.Key, "requests.other.") && r.Key != "requests.other.all" {
			printed = false
		}
		if printed {
			out = append(out, r)
		}
	}
	return out
}

// RowNumber is the row's position among the data rows of its table as
// template t prints them, 1 for the first ("一、本年新收…" in table 3); 0 when
// the template does not print it.
func RowNumber(row string, table int, t Template) int {
	return rowNumber(row, table, Layout{Template: t})
}

func rowNumber(row string, table int, lay Layout) int {
	for i, r := range layoutRows(table, lay) {
		if r.Key == row {
			return i + 1
		}
	}
	return 0
}

// RowName is the row's label as printed, with the sub-item's group before
// it where the label alone is ambiguous: "（四）无法提供 1.本机关不掌握相关政府信息",
// "（一）予以公开", "规章".
func RowName(row string, t Template) string {
	for _, tt := range []Template{t, Template2021, Template2019} {
		for _, r := range rowsOf(TableRequests, tt) {
			if r.Key == row {
				if r.Group != "" && strings.HasPrefix(r.Group, "（") {
					return r.Group + " " + r.Label
				}
				return r.Label
			}
		}
		for _, rows := range [][]RowSpec{rowsOf(TableActive, tt), AppealRows} {
			for _, r := range rows {
				if r.Key == row {
					return r.Label
				}
			}
		}
	}
	return row
}
