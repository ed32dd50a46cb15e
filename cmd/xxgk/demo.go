package main

import (
	"errors"
	"os"
	"path/filepath"
)

// demoDir finds the demo set that batch reads when given no PATH: demo/
// beside the executable (an installed copy), or in the source tree that
// holds the working folder (go run ./cmd/xxgk from a checkout).
func demoDir() (string, error) {
	var tried []string
	if exe, err := os.Executable(); err == nil {
		tried = append(tried, filepath.Join(filepath.Dir(exe), "demo"))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				tried = append(tried, filepath.Join(d, "demo"))
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, d := range tried {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			return d, nil
		}
	}
	return "", errors.New("no PATH given and no demo set found (demo/ beside the executable or in the source tree): name the folders or archives to read")
}
