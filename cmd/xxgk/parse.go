package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"xxgk/extract"
	"xxgk/schema"
)

// runParse prints every cell of every file as JSON, JSON lines or the wide
// CSV. Exit 2 when some file failed.
func runParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	format := fs.String("format", "json", "output format: json, jsonl or csv")
	bom := fs.Bool("bom", false, "start CSV with a byte-order mark (for Excel)")
	lang := langFlag(fs)
	files, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	l, ok := lang()
	if !ok {
		return exitFailed
	}
	if err := oneOf("--format", *format, "json", "jsonl", "csv"); err != nil {
		fmt.Fprintln(stderr, "xxgk parse:", err)
		return exitFailed
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, noFiles("parse", l))
		return exitFailed
	}
	code := exitOK
	var emit func(*schema.Report)
	var finish func()
	switch *format {
	case "csv":
		if *bom {
			io.WriteString(stdout, "\ufeff")
		}
		w := csv.NewWriter(stdout)
		w.Write(schema.WideHeader())
		emit = func(r *schema.Report) {
			w.Write(schema.WideRow(r, extract.Check(r)))
			w.Flush()
		}
		finish = w.Flush
	case "jsonl":
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		emit = func(r *schema.Report) { enc.Encode(r) }
		finish = func() {}
	default:
		var all []*schema.Report
		emit = func(r *schema.Report) { all = append(all, r) }
		finish = func() {
			enc := json.NewEncoder(stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if all == nil {
				all = []*schema.Report{}
			}
			enc.Encode(all)
		}
	}
	parseFiles(ctx, files, stdin, func(r *schema.Report) {
		if r.Status == schema.StatusFailed {
			code = exitFailed
			fmt.Fprintln(stderr, failureLine(r, l))
		}
		emit(r)
	})
	finish()
	return code
}

// trimFile drops the file name the message starts with, which the line
// already shows.
func trimFile(r *schema.Report) string {
	msg := r.ErrorMessage
	if len(msg) > len(r.File)+2 && msg[:len(r.File)] == r.File && msg[len(r.File):len(r.File)+2] == ": " {
		return msg[len(r.File)+2:]
	}
	return msg
}
