package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"xxgk/schema"
)

// runRules prints the rule registry: text in one language, or JSON with
// both.
func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json")
	lang := langFlag(fs)
	rest, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	l, ok := lang()
	if !ok {
		return exitFailed
	}
	if len(rest) > 0 {
		fmt.Fprintln(stderr, "xxgk rules: takes no files")
		return exitFailed
	}
	if err := oneOf("--format", *format, "text", "json", "md"); err != nil {
		fmt.Fprintln(stderr, "xxgk rules:", err)
		return exitFailed
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(schema.Rules); err != nil {
			fmt.Fprintln(stderr, "xxgk rules:", err)
			return exitFailed
		}
		return exitOK
	}
	write := writeRulesText
	if *format == "md" {
		write = writeRulesMarkdown
	}
	if err := write(stdout, l); err != nil {
		fmt.Fprintln(stderr, "xxgk rules:", err)
		return exitFailed
	}
	return exitOK
}

// writeRulesText prints one block per rule: id and name, then the check and
// the meaning of each severity it can raise.
func writeRulesText(w io.Writer, l schema.Lang) error {
	check, errs, warns, colon := "检查", "错误", "警告", "："
	if l == schema.LangEN {
		check, errs, warns, colon = "check", "error", "warning", ": "
	}
	var b strings.Builder
	for i, r := range schema.Rules {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\t%s\n", r.ID, r.Name.In(l))
		fmt.Fprintf(&b, "  %s%s%s\n", check, colon, r.Check.In(l))
		if r.Error.ZH != "" {
			fmt.Fprintf(&b, "  %s%s%s\n", errs, colon, r.Error.In(l))
		}
		if r.Warning.ZH != "" {
			fmt.Fprintf(&b, "  %s%s%s\n", warns, colon, r.Warning.In(l))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRulesMarkdown prints the registry as the page docs/rules.md: one
// section per rule, both languages whatever l is, Chinese first.
func writeRulesMarkdown(w io.Writer, _ schema.Lang) error {
	var b strings.Builder
	b.WriteString("# The rules\n\n" +
		"Every finding names one of these rules by its id (`rule` in JSON and CSV). " +
		"People read the rule's name; scripts filter on the id. " +
		"An error says the report itself is wrong; a warning says it may be, or that something could not be checked, " +
		"and never changes the exit code. This page is `xxgk rules --format md`; " +
		"`xxgk rules [--lang zh|en]` prints the same in one language.\n")
	for _, r := range schema.Rules {
		fmt.Fprintf(&b, "\n## `%s` %s · %s\n\n", r.ID, r.Name.ZH, r.Name.EN)
		fmt.Fprintf(&b, "- 检查：%s\n  Check: %s\n", r.Check.ZH, r.Check.EN)
		if r.Error.ZH != "" {
			fmt.Fprintf(&b, "- 错误：%s\n  Error: %s\n", r.Error.ZH, r.Error.EN)
		} else {
			b.WriteString("- 不产生错误 · Never an error.\n")
		}
		if r.Warning.ZH != "" {
			fmt.Fprintf(&b, "- 警告：%s\n  Warning: %s\n", r.Warning.ZH, r.Warning.EN)
		} else {
			b.WriteString("- 不产生警告 · Never a warning.\n")
		}
	}
	b.WriteString(placesDoc)
	_, err := io.WriteString(w, b.String())
	return err
}

// placesDoc ends docs/rules.md: how findings say where their cells sit.
const placesDoc = `
## Where a finding points

People read where a cell sits as they would find it with the report in
hand: where in the file, then the template's table (numbered as the template
numbers it: 表二 主动公开, 表三 依申请, 表四 复议诉讼 — never the table's
position in the file), the row (counted from the table's first data row, as
the report prints its rows) with its label, and the column:

    第4页 · 表三（收到和处理政府信息公开申请情况）· 第13行「（四）无法提供 1.本机关不掌握相关政府信息」· 自然人列
    文本第81行 · 表四（政府信息公开行政复议、行政诉讼情况）· 「行政复议」· 总计列
    page 4 · table 3 (requests for disclosure received and handled) · row 13 requests.unable.not_held · column natural_person

The file part is 第N页 (PDF, image), 文本第N行 (text) or 文档中第N个表格
(DOCX, HTML). The exact location — the box in points on the page, the
file's own table, row and column, the line — stays in the JSON ` + "`location`" + `.
` + "`xxgk check --format json`" + ` adds to each finding ` + "`rule_name`" + ` (the rule's name in
the language of ` + "`--lang`" + `) and ` + "`places`" + ` (this text for each key with a location).
Sentences never name a raw key: blank cells are named by row and column too
(空白：「（一）予以公开」科研机构列).
`
