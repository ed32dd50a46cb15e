package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"xxgk/cmd/xxgk/internal/dataset"
	"xxgk/extract"
	"xxgk/schema"
)

// checkResult is one file's entry in check --format json.
type checkResult struct {
	File         string           `json:"file"`
	Status       schema.Status    `json:"status"`
	ErrorCode    schema.ErrorCode `json:"error_code"`
	ErrorMessage string           `json:"error_message"`
	Template     schema.Template  `json:"template"`
	Errors       int              `json:"errors"`
	Warnings     int              `json:"warnings"`
	Findings     []checkFinding   `json:"findings"`
	Notes        []schema.Note    `json:"notes,omitempty"`
	layout       schema.Layout    // how the report numbers its rows
}

// checkFinding is a finding with what a person reads of it in the chosen
// language: the rule's name and, for each key with a known location, the
// place as the template names it. The ids, keys and exact locations are the
// finding's own fields.
type checkFinding struct {
	schema.Finding
	RuleName string            `json:"rule_name"`
	Places   map[string]string `json:"places,omitempty"`
}

// runCheck verifies every file and prints the findings: a readable listing
// (Chinese, or English with --lang en), or JSON. Exit 2 when some file
// failed, else 1 when some error finding, else 0.
func runCheck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or xlsx (with -o)")
	out := fs.String("o", "", "the workbook `F.xlsx` to write (--format xlsx)")
	lang := langFlag(fs)
	files, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	l, ok := lang()
	if !ok {
		return exitFailed
	}
	if err := oneOf("--format", *format, "text", "json", "xlsx"); err != nil {
		fmt.Fprintln(stderr, "xxgk check:", err)
		return exitFailed
	}
	if *out != "" && *format != "xlsx" {
		fmt.Fprintln(stderr, "xxgk check: -o is for --format xlsx; text and json go to standard output")
		return exitFailed
	}
	var book *dataset.CheckBook
	if *format == "xlsx" {
		if *out == "" {
			fmt.Fprintln(stderr, "xxgk check: --format xlsx needs -o F.xlsx")
			return exitFailed
		}
		var err error
		if book, err = dataset.NewCheckBook(); err != nil {
			fmt.Fprintln(stderr, "xxgk check:", err)
			return exitFailed
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, noFiles("check", l))
		return exitFailed
	}
	failed, errored := false, false
	results := []checkResult{}
	var werr error
	parseFiles(ctx, files, stdin, func(r *schema.Report) {
		fs := extract.Check(r)
		res := checkResult{File: r.File, Status: r.Status, ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage,
			Template: r.Template, Findings: []checkFinding{}, Notes: r.Notes, layout: schema.LayoutOf(r)}
		for _, f := range fs {
			res.Findings = append(res.Findings, describe(f, r, l))
		}
		res.Errors, res.Warnings = schema.CountFindings(fs)
		failed = failed || r.Status == schema.StatusFailed
		errored = errored || res.Errors > 0
		if r.Status == schema.StatusFailed {
			fmt.Fprintln(stderr, failureLine(r, l))
		}
		switch *format {
		case "text":
			if _, err := io.WriteString(stdout, checkText(res, l)); err != nil && werr == nil {
				werr = err
			}
		case "json":
			results = append(results, res)
		case "xlsx":
			if err := book.Add(r, fs); err != nil {
				fmt.Fprintf(stderr, "%s: workbook: %v\n", r.File, err)
				failed = true
			}
		}
	})
	if book != nil && werr == nil {
		werr = writeBook(*out, book)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		werr = enc.Encode(results)
	}
	switch {
	case werr != nil:
		fmt.Fprintln(stderr, "xxgk check:", werr)
		return exitFailed
	case failed:
		return exitFailed
	case errored:
		return exitFinding
	}
	return exitOK
}

// writeBook writes the check workbook to path.
func writeBook(path string, book *dataset.CheckBook) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := book.Write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// describe adds the rule's name and the places of the finding's cells.
func describe(f schema.Finding, r *schema.Report, l schema.Lang) checkFinding {
	out := checkFinding{Finding: f, RuleName: f.Rule.Name(l)}
	for k, loc := range f.Location {
		if p := schema.PlaceIn(r, k, loc, l); p != "" {
			if out.Places == nil {
				out.Places = map[string]string{}
			}
			out.Places[k] = p
		}
	}
	return out
}

// checkText is one file's result for people: a status line, then per
// finding its severity, the rule's name and what is wrong, and under it the
// numbers, where the checked cell sits, which cells are blank, and the rule
// id to look up with xxgk rules.
func checkText(r checkResult, l schema.Lang) string {
	en := l == schema.LangEN
	var b strings.Builder
	if r.Status == schema.StatusFailed {
		fmt.Fprintf(&b, "%s\t%s · %s\n", r.File, r.Status.Name(l), codeName(r.ErrorCode, l))
		return b.String()
	}
	status := r.Status.Name(l)
	if r.Template != "" {
		if en {
			status += " · template " + string(r.Template)
		} else {
			status += " · " + string(r.Template) + "年模板"
		}
	}
	for _, f := range r.Findings {
		if f.Rule == schema.RuleEmptyTables {
			status += pick(en, " · tables empty", " · 统计表为空")
			break
		}
	}
	if en {
		fmt.Fprintf(&b, "%s\t%s\terrors %d · warnings %d\n", r.File, status, r.Errors, r.Warnings)
	} else {
		fmt.Fprintf(&b, "%s\t%s\t错误 %d · 警告 %d\n", r.File, status, r.Errors, r.Warnings)
	}
	if r.ErrorMessage != "" {
		note := "说明"
		if en {
			note = "note"
		}
		fmt.Fprintf(&b, "  %s  %s%s%s\n", note, codeName(r.ErrorCode, l), colon(l), r.ErrorMessage)
	}
	for _, n := range r.Notes {
		// How the file was read (repaired, OCR): the reader's own words.
		fmt.Fprintf(&b, "  %s  %s\n", pick(en, "note", "说明"), n.Message)
	}
	for _, f := range r.Findings {
		msg := f.Message
		if en || msg == "" {
			// The verifier's messages are Chinese sentences; in English the
			// rule's name, the numbers and the place below say it all.
			msg = ""
		}
		line := "  " + f.Severity.Name(l) + "  " + f.RuleName
		if msg != "" {
			line += "  " + msg
		}
		b.WriteString(line + "\n")
		var parts []string
		if f.Expected != nil {
			parts = append(parts, pick(en, "expected ", "应为 ")+schema.FormatNumber(*f.Expected))
		}
		if f.Found != nil {
			parts = append(parts, pick(en, "found ", "实为 ")+schema.FormatNumber(*f.Found))
		}
		if len(f.Keys) > 0 {
			// The checked cell is last: the printed side of the equation.
			k := f.Keys[len(f.Keys)-1]
			if where := r.layout.Place(k, f.Location[k], l); where != "" {
				parts = append(parts, where)
			}
		}
		switch n := len(f.BlankKeys); {
		case n > 3:
			parts = append(parts, fmt.Sprintf(pick(en, "%d blank cells", "空白单元格 %d 个"), n))
		case n > 0:
			var names []string
			for _, k := range f.BlankKeys {
				names = append(names, schema.CellName(k, r.Template, l))
			}
			parts = append(parts, pick(en, "blank: ", "空白：")+strings.Join(names, pick(en, ", ", "、")))
		}
		if f.Quote != "" {
			parts = append(parts, pick(en, "text: ", "原文：")+"“"+f.Quote+"”")
		}
		parts = append(parts, pick(en, "rule ", "规则 ")+string(f.Rule))
		fmt.Fprintf(&b, "        %s\n", strings.Join(parts, " · "))
	}
	return b.String()
}

func pick(en bool, english, chinese string) string {
	if en {
		return english
	}
	return chinese
}

func colon(l schema.Lang) string { return pick(l == schema.LangEN, ": ", "：") }

// codeName is an error code as a person reads it, with the code after it:
// 文件已加密（encrypted）. In English the code is the name.
func codeName(c schema.ErrorCode, l schema.Lang) string {
	if l == schema.LangEN {
		return string(c)
	}
	return c.Name(l) + "（" + string(c) + "）"
}

// failureLine is a failed file's line on stderr: the file, what went wrong
// and the reader's own reason.
func failureLine(r *schema.Report, l schema.Lang) string {
	return r.File + ": " + codeName(r.ErrorCode, l) + colon(l) + trimFile(r)
}

func noFiles(cmd string, l schema.Lang) string {
	return "xxgk " + cmd + ": " + pick(l == schema.LangEN, "no files given (a FILE of - reads standard input)", "没有给出文件（FILE 为 - 时读标准输入）")
}
