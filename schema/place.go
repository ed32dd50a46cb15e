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
	var parts []string
	if s := SourcePlace(loc, l); s != "" {
		parts = append(parts, s)
	}
	if s := KeyPlace(key, t, l); s != "" {
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
	n := RowNumber(k.Row, k.Table, t)
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
func rowsOf(table int, t Template) []RowSpec {
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
	for i, r := range rowsOf(table, t) {
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
