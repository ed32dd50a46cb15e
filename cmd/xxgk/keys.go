package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"xxgk/schema"
)

// keyEntry is one line of the codebook.
type keyEntry struct {
	Key       string   `json:"key"`
	Table     int      `json:"table"`
	RowLabel  string   `json:"row_label"`
	ColLabel  string   `json:"column_label"`
	Templates []string `json:"templates"`
	Unit      string   `json:"unit"`
}

// runKeys prints the codebook: every key with its Chinese row and column
// labels, templates and unit.
func runKeys(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, csv or json")
	rest, ok := parseFlags(fs, args, stderr)
	if !ok {
		return exitFailed
	}
	if len(rest) > 0 {
		fmt.Fprintln(stderr, "xxgk keys: takes no files")
		return exitFailed
	}
	if err := oneOf("--format", *format, "text", "csv", "json"); err != nil {
		fmt.Fprintln(stderr, "xxgk keys:", err)
		return exitFailed
	}
	switch *format {
	case "json":
		var out []keyEntry
		for _, k := range schema.Keys {
			var ts []string
			for _, t := range k.Templates {
				ts = append(ts, string(t))
			}
			out = append(out, keyEntry{k.Name, k.Table, k.RowLabel, k.ColLabel, ts, k.Unit})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case "csv":
		w := csv.NewWriter(stdout)
		w.Write([]string{"key", "table", "row_label", "column_label", "templates", "unit"})
		for _, k := range schema.Keys {
			w.Write([]string{k.Name, fmt.Sprint(k.Table), k.RowLabel, k.ColLabel, k.TemplateNames(), k.Unit})
		}
		w.Flush()
	default:
		for _, k := range schema.Keys {
			fmt.Fprintf(stdout, "%s\t%s／%s\t%s\t%s\n", k.Name, k.RowLabel, k.ColLabel, k.TemplateNames(), k.Unit)
		}
	}
	return exitOK
}
