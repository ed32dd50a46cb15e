package main

import (
	"context"
	"io"
)

const serveUsage = `usage: xxgk serve [--addr 127.0.0.1:8080]

Examples:
  xxgk serve
  xxgk serve --addr 127.0.0.1:9000
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int { return exitFailed }
