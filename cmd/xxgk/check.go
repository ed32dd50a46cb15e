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
	Findings     []schema.Finding `json:"findings"`
}

// runCheck verifies every file and prints the findings: a readable Chinese
// listing, or JSON. Exit 2 when some file failed, else 1 when some error
// finding, else 0.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, json or xlsx (with -o)")
	out := fs.String("o", "", "the workbook `F.xlsx` to write (--format xlsx)")
	files, ok := parseFlags(fs, args, stderr)
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
		fmt.Fprintln(stderr, "xxgk check: no files given")
		return exitFailed
	}
	failed, errored := false, false
	results := []checkResult{}
	parseFiles(ctx, files, func(r *schema.Report) {
		fs := extract.Check(r)
		if fs == nil {
			fs = []schema.Finding{}
		}
		res := checkResult{File: r.File, Status: r.Status, ErrorCode: r.ErrorCode, ErrorMessage: r.ErrorMessage,
			Template: r.Template, Findings: fs}
		res.Errors, res.Warnings = schema.CountFindings(fs)
		failed = failed || r.Status == schema.StatusFailed
		errored = errored || res.Errors > 0
		if r.Status == schema.StatusFailed {
			fmt.Fprintf(stderr, "%s: %s: %s\n", r.File, r.ErrorCode, trimFile(r))
		}
		switch *format {
		case "text":
			writeCheckText(stdout, res)
		case "json":
			results = append(results, res)
		case "xlsx":
			if err := book.Add(r, fs); err != nil {
				fmt.Fprintf(stderr, "%s: workbook: %v\n", r.File, err)
				failed = true
			}
		}
	})
	if book != nil {
		if err := writeBook(*out, book); err != nil {
			fmt.Fprintln(stderr, "xxgk check:", err)
			return exitFailed
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(results)
	}
	switch {
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

var severityName = map[schema.Severity]string{schema.SeverityError: "错误", schema.SeverityWarning: "警告"}

// writeCheckText prints one file's result: a status line, then one line per
// finding with the rule, the cells, and expected against found.
func writeCheckText(w io.Writer, r checkResult) {
	if r.Status == schema.StatusFailed {
		fmt.Fprintf(w, "%s\tfailed · %s\n", r.File, r.ErrorCode)
		return
	}
	status := string(r.Status)
	if r.Template != "" {
		status += " · 模板 " + string(r.Template)
	}
	fmt.Fprintf(w, "%s\t%s\t错误 %d · 警告 %d\n", r.File, status, r.Errors, r.Warnings)
	if r.ErrorMessage != "" && r.Status != schema.StatusFailed {
		fmt.Fprintf(w, "  说明  %s\n", r.ErrorMessage)
	}
	for _, f := range r.Findings {
		fmt.Fprintf(w, "  %s  %s  %s\n", severityName[f.Severity], f.Rule, f.Message)
		var parts []string
		if f.Expected != nil {
			parts = append(parts, "应为 "+schema.FormatNumber(*f.Expected))
		}
		if f.Found != nil {
			parts = append(parts, "实为 "+schema.FormatNumber(*f.Found))
		}
		if len(f.Keys) > 0 {
			// The checked cell is last: the printed side of the equation.
			if where := locText(f.Location[f.Keys[len(f.Keys)-1]]); where != "" {
				parts = append(parts, where)
			}
		}
		switch n := len(f.BlankKeys); {
		case n > 3:
			parts = append(parts, fmt.Sprintf("空白单元格 %d 个", n))
		case n > 0:
			parts = append(parts, "空白 "+strings.Join(f.BlankKeys, " "))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "        %s\n", strings.Join(parts, " · "))
		}
	}
}

// locText says in Chinese where a cell sits in its source.
func locText(l schema.Location) string {
	switch {
	case l.Page > 0 && l.Box != nil:
		return fmt.Sprintf("第%d页 (%.0f,%.0f)–(%.0f,%.0f)", l.Page, l.Box[0], l.Box[1], l.Box[2], l.Box[3])
	case l.Table > 0:
		return fmt.Sprintf("表%d 第%d行 第%d列", l.Table, l.Row, l.Col)
	case l.Line > 0:
		return fmt.Sprintf("第%d行", l.Line)
	}
	return ""
}
