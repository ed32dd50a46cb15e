// Command xxgk reads government information disclosure annual reports.
// This stand-in runs only the batch subcommand until the lead's command
// lands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) < 2 || os.Args[1] != "batch" {
		fmt.Fprint(os.Stderr, batchUsage)
		os.Exit(2)
	}
	os.Exit(runBatch(ctx, os.Args[2:], os.Stdout, os.Stderr))
}
