package main

import (
	"flag"
	"fmt"

	"xxgk/schema"
)

// helps is each command's --help: a usage line, what it does, its flags
// and two examples. `xxgk COMMAND --help` (or -h) prints it and exits 0.
var helps = map[string]string{
	"parse": `usage: xxgk parse [--format json|jsonl|csv] [--bom] [--lang zh|en] FILE...

Reads every file and prints every cell of its statistical tables under its
canonical key. A FILE of - reads standard input.

  --format json|jsonl|csv  json (default): one list; jsonl: one report a line;
                           csv: the wide CSV, one row a file, every key a column
  --bom                    start the CSV with a byte-order mark (for Excel)
  --lang zh|en             language of the messages on stderr (default zh)

Examples:
  xxgk parse report.pdf
  xxgk parse --format csv --bom reports/*.docx > reports.csv

Exit codes: 0 every file read; 2 some file failed.
`,
	"check": `usage: xxgk check [--format text|json|xlsx -o F.xlsx] [--lang zh|en] FILE...

Reads every file and checks the balance rules (勾稽关系) of its tables;
prints each failing rule with where the cell sits in the report.
A FILE of - reads standard input. xxgk rules explains the rules.

  --format text|json|xlsx  text (default): for people; json: every finding;
                           xlsx: a workbook, a sheet per report drawn in the
                           official layout, failing cells red (needs -o)
  -o F.xlsx                the workbook to write
  --lang zh|en             language of the text (default zh); ids stay the same

Examples:
  xxgk check 2023年政府信息公开工作年度报告.pdf
  xxgk check --format json - < report.docx
  xxgk check --format xlsx -o audit.xlsx reports/*.pdf

Exit codes: 0 no error finding; 1 some error finding; 2 some file failed.
`,
	"keys": `usage: xxgk keys [--format text|csv|json]

Prints the codebook: every key with its Chinese row and column label,
template table, templates and unit.

Examples:
  xxgk keys
  xxgk keys --format csv > keys.csv

Exit code: 0.
`,
	"batch": batchUsage + `
  -o DIR          output folder (required)
  -j N            files parsed at once (default one per core)
  --shard i/n     process only part i of n of the inputs
  --timeout D     time one file may take (default 1m0s)
  --bom           start the CSV files with a byte-order mark (for Excel)
  --lang zh|en    language of the progress and summary lines (default zh)

Examples:
  xxgk batch -o /tmp/xxgk-out
  xxgk batch reports/ archive.zip -o out -j 4 --timeout 2m

Exit codes: 0 no error finding and no failed file; 1 some error finding;
2 some file failed or the batch could not run.
`,
	"rules": `usage: xxgk rules [--lang zh|en] [--format text|json|md]

Lists every rule: its id (as in JSON and CSV), its name, the equation or
check in words, and what an error and a warning finding of it mean.

  --lang zh|en           language (default zh)
  --format text|json|md  text (default); json or md (the page docs/rules.md),
                         both languages

Examples:
  xxgk rules
  xxgk rules --lang en --format json

Exit code: 0.
`,
	"serve": serveUsage,
	"merge": mergeUsage + `
  -o DIR          output folder (required; new or empty)
  --lang zh|en    language of the summary line (default zh)

Examples:
  xxgk merge out/shard-1 out/shard-2 out/shard-3 -o out/all
  xxgk merge out/shard-* -o out/all

Exit codes: 0 no error finding and no failed file; 1 some error finding;
2 some file failed or the folders could not be merged.
`,
}

// wantsHelp reports whether the arguments ask for help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// langFlag adds --lang to fs; the returned function reads it after
// parsing, printing the error and returning false for a bad value.
func langFlag(fs *flag.FlagSet) func() (schema.Lang, bool) {
	v := fs.String("lang", "zh", "language of human text: zh or en")
	return func() (schema.Lang, bool) {
		l, ok := schema.ParseLang(*v)
		if !ok {
			fmt.Fprintf(fs.Output(), "xxgk %s: --lang must be zh or en, not %q\n", fs.Name(), *v)
		}
		return l, ok
	}
}
