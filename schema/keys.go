// Package schema holds the typed annual report: the canonical keys of both
// national templates (written once, as data), the report and cell types, the
// output contract's statuses and error codes, and the verifier that checks the
// balance rules.
package schema

import "strings"

// Template names a national table format.
type Template string

// The templates a report can follow. Legacy reports (before 2019) have no
// national tables.
const (
	Template2021   Template = "2021"
	Template2019   Template = "2019"
	TemplateLegacy Template = "legacy"
)

// ValueKind says what a key's cells may hold, for values.valid and for the
// CSV writer.
type ValueKind int

// The kinds of value a key may hold.
const (
	Count       ValueKind = iota // whole number ≥ 0
	SignedCount                  // whole number, may be negative (2019 本年增/减)
	Amount                       // number ≥ 0, may be decimal (fees, procurement)
	Text                         // text by definition (the procurement unit)
)

// Table numbers follow the report's section numbers: table 2 sits in section
// 二, table 3 in 三, table 4 in 四.
const (
	TableActive   = 2
	TableRequests = 3
	TableAppeals  = 4
)

// Key describes one cell of the national tables.
type Key struct {
	Name      string     // canonical dotted key, e.g. requests.granted.total
	Table     int        // 2, 3 or 4
	Row       string     // key prefix of the row, e.g. requests.granted
	Column    string     // last part of the key, e.g. total
	RowLabel  string     // Chinese row label as printed in the template
	ColLabel  string     // Chinese column label
	Templates []Template // templates that print this cell
	Unit      string     // 件, 个, 万元 …; empty when the unit is printed in the report
	Kind      ValueKind
}

// RowSpec is one printed row of a table: its key prefix, its label and the
// columns it carries, in printed order.
type RowSpec struct {
	Key       string     // e.g. active.rules, requests.withheld.state_secret
	Group     string     // label of the enclosing group (（三）不予公开), if any
	Label     string     // the row's own label
	Columns   []Column   // printed value columns, left to right
	Templates []Template // which templates print the row
}

// Column is one value column of a row.
type Column struct {
	Name  string // key part, e.g. issued
	Label string // Chinese header
	Unit  string
	Kind  ValueKind
}

var both = []Template{Template2021, Template2019}

func only(t Template) []Template { return []Template{t} }

// Table 2 columns.
var (
	col2021Docs = []Column{
		{"issued", "本年制发件数", "件", Count},
		{"repealed", "本年废止件数", "件", Count},
		{"in_force", "现行有效件数", "件", Count},
	}
	col2021Decisions = []Column{{"decisions", "本年处理决定数量", "件", Count}}
	col2019Docs      = []Column{
		{"new_made", "本年新制作数量", "件", Count},
		{"new_published", "本年新公开数量", "件", Count},
		{"total_published", "对外公开总数量", "件", Count},
	}
	col2019Items = []Column{
		{"prior_items", "上一年项目数量", "个", Count},
		{"change", "本年增/减", "个", SignedCount},
		{"decisions", "处理决定数量", "件", Count},
	}
)

// RequestColumns are the seven columns of table 3, left to right.
var RequestColumns = []Column{
	{"natural_person", "自然人", "件", Count},
	{"commercial", "商业企业", "件", Count},
	{"research", "科研机构", "件", Count},
	{"social_welfare", "社会公益组织", "件", Count},
	{"legal_services", "法律服务机构", "件", Count},
	{"other_org", "其他", "件", Count},
	{"total", "总计", "件", Count},
}

// AppealGroups are the three column groups of table 4, left to right.
var AppealGroups = []struct{ Key, Label string }{
	{"review", "行政复议"},
	{"litigation_direct", "行政诉讼 未经复议直接起诉"},
	{"litigation_after_review", "行政诉讼 复议后起诉"},
}

// AppealColumns are the five columns of each table-4 group.
var AppealColumns = []Column{
	{"upheld", "结果维持", "件", Count},
	{"corrected", "结果纠正", "件", Count},
	{"other", "其他结果", "件", Count},
	{"pending", "尚未审结", "件", Count},
	{"total", "总计", "件", Count},
}

// ActiveRows are the rows of table 2 in both templates, 2021 first, in the
// order of report-format.md. A row printed by both templates appears once per
// template because its columns differ.
var ActiveRows = []RowSpec{
	{"active.rules", "第二十条第（一）项", "规章", col2021Docs, only(Template2021)},
	{"active.normative_documents", "第二十条第（一）项", "行政规范性文件", col2021Docs, only(Template2021)},
	{"active.licensing", "第二十条第（五）项", "行政许可", col2021Decisions, only(Template2021)},
	{"active.penalties", "第二十条第（六）项", "行政处罚", col2021Decisions, only(Template2021)},
	{"active.coercive_measures", "第二十条第（六）项", "行政强制", col2021Decisions, only(Template2021)},
	{"active.fees", "第二十条第（八）项", "行政事业性收费", []Column{{"amount_10k_yuan", "本年收费金额（单位：万元）", "万元", Amount}}, only(Template2021)},

	{"active.rules", "第二十条第（一）项", "规章", col2019Docs, only(Template2019)},
	{"active.normative_documents", "第二十条第（一）项", "规范性文件", col2019Docs, only(Template2019)},
	{"active.licensing", "第二十条第（五）项", "行政许可", col2019Items, only(Template2019)},
	{"active.other_services", "第二十条第（五）项", "其他对外管理服务事项", col2019Items, only(Template2019)},
	{"active.penalties", "第二十条第（六）项", "行政处罚", col2019Items, only(Template2019)},
	{"active.coercive_measures", "第二十条第（六）项", "行政强制", col2019Items, only(Template2019)},
	{"active.fees", "第二十条第（八）项", "行政事业性收费", col2019Items[:2], only(Template2019)},
	{"active.procurement", "第二十条第（九）项", "政府集中采购", []Column{
		{"items", "采购项目数量", "个", Count},
		{"amount", "采购总金额", "", Amount},
		{"amount_unit", "采购总金额单位", "", Text},
	}, only(Template2019)},
}

// RequestRows are the rows of table 3, top to bottom.
var RequestRows = func() []RowSpec {
	r := func(key, group, label string, t []Template) RowSpec {
		return RowSpec{"requests." + key, group, label, RequestColumns, t}
	}
	const (
		results   = "三、本年度办理结果"
		withheld  = "（三）不予公开"
		unable    = "（四）无法提供"
		notProc   = "（五）不予处理"
		otherProc = "（六）其他处理"
	)
	return []RowSpec{
		r("new_received", "", "一、本年新收政府信息公开申请数量", both),
		r("carried_over", "", "二、上年结转政府信息公开申请数量", both),
		r("granted", results, "（一）予以公开", both),
		r("partially_granted", results, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", both),
		r("withheld.state_secret", withheld, "1.属于国家秘密", both),
		r("withheld.prohibited_by_law", withheld, "2.其他法律行政法规禁止公开", both),
		r("withheld.three_safeties", withheld, "3.危及“三安全一稳定”", both),
		r("withheld.third_party_rights", withheld, "4.保护第三方合法权益", both),
		r("withheld.internal_affairs", withheld, "5.属于三类内部事务信息", both),
		r("withheld.process_information", withheld, "6.属于四类过程性信息", both),
		r("withheld.enforcement_files", withheld, "7.属于行政执法案卷", both),
		r("withheld.administrative_queries", withheld, "8.属于行政查询事项", both),
		r("unable.not_held", unable, "1.本机关不掌握相关政府信息", both),
		r("unable.needs_creation", unable, "2.没有现成信息需要另行制作", both),
		r("unable.still_unclear", unable, "3.补正后申请内容仍不明确", both),
		r("not_processed.complaints", notProc, "1.信访举报投诉类申请", both),
		r("not_processed.repeated", notProc, "2.重复申请", both),
		r("not_processed.publications", notProc, "3.要求提供公开出版物", both),
		r("not_processed.excessive", notProc, "4.无正当理由大量反复申请", both),
		r("not_processed.confirmation", notProc, "5.要求行政机关确认或重新出具已获取信息", both),
		r("other.no_correction", otherProc, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", only(Template2021)),
		r("other.unpaid_fees", otherProc, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", only(Template2021)),
		r("other.other", otherProc, "3.其他", only(Template2021)),
		r("other.all", results, "（六）其他处理", both),
		r("results_total", results, "（七）总计", both),
		r("carried_forward", "", "四、结转下年度继续办理", both),
	}
}()

// AppealRows are the three column groups of table 4, each written as a row
// spec so that keys are generated the same way as for tables 2 and 3.
var AppealRows = func() []RowSpec {
	rows := make([]RowSpec, len(AppealGroups))
	for i, g := range AppealGroups {
		rows[i] = RowSpec{g.Key, "", g.Label, AppealColumns, both}
	}
	return rows
}()

// Keys is every key of both templates, in the order of report-format.md,
// each once. The CSV header, `xxgk keys` and the verifier all read it.
var Keys = func() []Key {
	var keys []Key
	seen := map[string]int{}
	add := func(table int, rows []RowSpec) {
		for _, row := range rows {
			for _, c := range row.Columns {
				name := row.Key + "." + c.Name
				if i, ok := seen[name]; ok {
					keys[i].Templates = mergeTemplates(keys[i].Templates, row.Templates)
					continue
				}
				seen[name] = len(keys)
				keys = append(keys, Key{
					Name: name, Table: table, Row: row.Key, Column: c.Name,
					RowLabel: row.Label, ColLabel: c.Label,
					Templates: append([]Template(nil), row.Templates...),
					Unit:      c.Unit, Kind: c.Kind,
				})
			}
		}
	}
	add(TableActive, ActiveRows)
	add(TableRequests, RequestRows)
	add(TableAppeals, AppealRows)
	return keys
}()

var keyIndex = func() map[string]int {
	m := make(map[string]int, len(Keys))
	for i, k := range Keys {
		m[k.Name] = i
	}
	return m
}()

// LookupKey returns the key description for a canonical key name.
func LookupKey(name string) (Key, bool) {
	i, ok := keyIndex[name]
	if !ok {
		return Key{}, false
	}
	return Keys[i], true
}

// KeyOrder returns the position of name in Keys, or -1.
func KeyOrder(name string) int {
	if i, ok := keyIndex[name]; ok {
		return i
	}
	return -1
}

// TemplateNames joins a key's templates for display ("2021 2019").
func (k Key) TemplateNames() string {
	s := make([]string, len(k.Templates))
	for i, t := range k.Templates {
		s[i] = string(t)
	}
	return strings.Join(s, " ")
}

func mergeTemplates(a, b []Template) []Template {
	out := append([]Template(nil), a...)
	for _, t := range b {
		found := false
		for _, x := range out {
			found = found || x == t
		}
		if !found {
			out = append(out, t)
		}
	}
	return out
}
