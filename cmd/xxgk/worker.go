package main

import (
	"xxgk/extract"
	"xxgk/extract/runner"
)

// runWorker is the hidden `xxgk worker` subcommand: the process that a
// runner.Pool starts to parse files in isolation, answering requests on
// stdin until it closes. Started by hand, without the pool's environment, it
// refuses.
func runWorker() int {
	return runner.WorkerMain(extract.Parse)
}
