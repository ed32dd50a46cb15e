package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/fixtures"
)

// mergeInputs is a folder of real reports (the continuity fixtures, read by
// the real parser) whose shards of three split what a batch must see
// whole: a content in two shards, and a two-year pair of one agency in two
// shards under two names of it.
func mergeInputs(t *testing.T) string {
	t.Helper()
	src := filepath.Join(fixtures.Dir(), "continuity")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	shili22 := read("shili_2022.txt")
	files := map[string][]byte{
		"a/jishan_2022.txt": read("jishan_2022.txt"),
		"a/jishan_2023.txt": read("jishan_2023.txt"),
		"a/shili_2022.txt":  shili22,
		// The 2023 report signs with the county's city prefixed: one
		// agency, so continuity still pairs it with 2022.
		"c/shili_2023.txt":      bytes.Replace(read("shili_2023.txt"), []byte("样例县人民政府"), []byte("样例市样例县人民政府"), 1),
		"c/copy_of_shili22.txt": shili22,
		"d/again_shili22.txt":   shili22,
	}
	in := t.TempDir()
	tree(t, in, files)
	return in
}

func TestMergedShardsAreOneRun(t *testing.T) {
	in := mergeInputs(t)
	ctx := context.Background()
	whole := t.TempDir()
	one, err := Run(ctx, Options{Paths: []string{in}, Out: whole})
	if err != nil {
		t.Fatal(err)
	}
	var shards []string
	shardOf := map[string]int{}
	for i := 1; i <= 3; i++ {
		out := filepath.Join(t.TempDir(), "shard")
		if _, err := Run(ctx, Options{Paths: []string{in}, Out: out, Shard: Shard{i, 3}}); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, out)
		for _, r := range readReports(t, out) {
			shardOf[filepath.Base(r.File)] = i
		}
	}
	// What the test is about: the copies and the pair are split.
	if shardOf["shili_2022.txt"] == shardOf["shili_2023.txt"] || shardOf["shili_2022.txt"] == shardOf["copy_of_shili22.txt"] {
		t.Fatalf("the inputs no longer split across shards (%v): choose other names", shardOf)
	}
	if one.Duplicates != 2 || len(one.Continuity) == 0 {
		t.Fatalf("one run: %d duplicates, %d continuity findings; want 2 and some", one.Duplicates, len(one.Continuity))
	}
	for _, f := range one.Continuity {
		if !strings.HasSuffix(f.OtherFile, "a/shili_2022.txt") || !strings.HasSuffix(f.File, "c/shili_2023.txt") {
			t.Errorf("continuity %s between %s and %s", f.Rule, f.File, f.OtherFile)
		}
	}

	merged := filepath.Join(t.TempDir(), "merged")
	res, err := Merge(ctx, shards, merged)
	if err != nil {
		t.Fatal(err)
	}
	if res.Duplicates != 2 || res.Parsed != 4 || len(res.Continuity) != len(one.Continuity) {
		t.Errorf("merge: %d parsed, %d duplicates, %d continuity findings; one run: 4, 2, %d",
			res.Parsed, res.Duplicates, len(res.Continuity), len(one.Continuity))
	}
	entries, err := os.ReadDir(whole)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		want, _ := os.ReadFile(filepath.Join(whole, e.Name()))
		got, err := os.ReadFile(filepath.Join(merged, e.Name()))
		if err != nil {
			t.Errorf("merge wrote no %s: %v", e.Name(), err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: merged shards differ from one run (%d bytes, want %d)", e.Name(), len(got), len(want))
		}
	}
	if got, _ := os.ReadDir(merged); len(got) != len(entries) {
		t.Errorf("merge wrote %d files, one run %d", len(got), len(entries))
	}

	// Merging again, or a shard with itself, changes nothing.
	again := filepath.Join(t.TempDir(), "again")
	if _, err := Merge(ctx, append(shards, shards[0], whole), again); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{ReportsJSONL, FindingsCSV, ReportsCSV} {
		a, _ := os.ReadFile(filepath.Join(whole, name))
		b, _ := os.ReadFile(filepath.Join(again, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: merging overlapping folders differs from one run", name)
		}
	}
}

func TestMergeRefuses(t *testing.T) {
	ctx := context.Background()
	in := t.TempDir()
	tree(t, in, map[string][]byte{"a.txt": []byte("甲 2023 0 0")})
	done := t.TempDir()
	if _, err := Run(ctx, Options{Paths: []string{in}, Out: done, Parser: &fakeParser{}}); err != nil {
		t.Fatal(err)
	}
	unfinished := t.TempDir()
	if _, err := Run(ctx, Options{Paths: []string{in}, Out: unfinished, Parser: &fakeParser{}}); err != nil {
		t.Fatal(err)
	}
	// Cut the final done line: as if the run was killed before the end.
	log := filepath.Join(unfinished, DoneLog)
	b, _ := os.ReadFile(log)
	lines := strings.SplitAfter(strings.TrimSuffix(string(b), "\n"), "\n")
	os.WriteFile(log, []byte(strings.Join(lines[:len(lines)-1], "")), 0o644)

	for _, tt := range []struct {
		name string
		dirs []string
		out  string
		want string
	}{
		{"no folders", nil, t.TempDir(), "no batch folders"},
		{"not a batch", []string{in}, t.TempDir(), "no batch folder"},
		{"unfinished", []string{unfinished}, t.TempDir(), "did not finish"},
		{"into a batch", []string{done}, done, "is the output folder"},
		{"over another batch", []string{done}, unfinished, "already holds a batch"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Merge(ctx, tt.dirs, tt.out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
		})
	}
}
