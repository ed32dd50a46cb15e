// Command xxgk reads government information disclosure annual reports
// (政府信息公开工作年度报告), extracts the numbers of their statistical tables
// onto canonical keys, and checks the balance rules.
//
//	xxgk parse [--format json|jsonl|csv] [--bom] FILE...
//	xxgk check [--format text|json|xlsx -o F.xlsx] FILE...
//	xxgk keys [--format text|csv|json]
//	xxgk batch [PATH...] -o DIR [-j N] [--shard i/n] [--timeout D] [--bom]
//	xxgk merge DIR... -o DIR
//	xxgk rules [--lang zh|en] [--format text|json]
//	xxgk serve [--addr 127.0.0.1:8080]
//	xxgk --version
//
// `xxgk COMMAND --help` explains a command, with examples.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"xxgk/extract"
)

// Exit codes of output-format.md.
const (
	exitOK      = 0
	exitFinding = 1 // some error finding
	exitFailed  = 2 // some file failed, or the command was used wrongly
)

const usage = `xxgk reads 政府信息公开工作年度报告 and checks their tables.

Usage:
  xxgk parse [--format json|jsonl|csv] [--bom] FILE...   extract every cell
  xxgk check [--format text|json|xlsx -o F.xlsx] FILE...  check the balance rules
  xxgk keys  [--format text|csv|json]                    the codebook of keys
  xxgk batch [PATH...] -o DIR [-j N] [--shard i/n] …     audit an archive into DIR
  xxgk merge DIR... -o DIR                               merge batch shards into DIR
  xxgk rules [--lang zh|en] [--format text|json]         the balance rules explained
  xxgk serve [--addr 127.0.0.1:8080]                     the audit desk in the browser
  xxgk --version

A FILE of - reads standard input. xxgk COMMAND --help explains a command.
Exit codes: 0 all fine; 1 some error finding (check, batch); 2 some file failed.
`

func main() {
	// SIGTERM too: serve removes its uploads when stopped either way.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runStdin(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole command line, testable without a process, with no
// standard input (a FILE of - fails unreadable).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runStdin(ctx, args, nil, stdout, stderr)
}

// runStdin is run with standard input, which a FILE of - reads.
func runStdin(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitFailed
	}
	cmd, rest := args[0], args[1:]
	if wantsHelp(rest) {
		if h, ok := helps[cmd]; ok {
			fmt.Fprint(stdout, h)
			return exitOK
		}
	}
	switch cmd {
	case "--version", "-version", "version":
		fmt.Fprintf(stdout, "xxgk %s\n", extract.Version)
		return exitOK
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "parse":
		return runParse(ctx, rest, stdin, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdin, stdout, stderr)
	case "keys":
		return runKeys(rest, stdout, stderr)
	case "batch":
		return runBatch(ctx, rest, stdout, stderr)
	case "merge":
		return runMerge(ctx, rest, stdout, stderr)
	case "rules":
		return runRules(rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "worker":
		return runWorker()
	}
	fmt.Fprintf(stderr, "xxgk: unknown command %q\n\n%s", cmd, usage)
	return exitFailed
}

// parseFlags parses flags anywhere among the arguments (xxgk parse a.pdf
// --format csv works too) and returns the positional ones.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) ([]string, bool) {
	fs.SetOutput(stderr)
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return files, true
		}
		if args[0] == "--" {
			return append(files, args[1:]...), true
		}
		files = append(files, args[0])
		args = args[1:]
	}
}

func oneOf(name, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return errors.New(name + " must be one of " + strings.Join(allowed, ", "))
}
