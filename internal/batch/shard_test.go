package batch

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/4", Shard{1, 4}, true},
		{"4/4", Shard{4, 4}, true},
		{"1/1", Shard{1, 1}, true},
		{"0/4", Shard{}, false},
		{"5/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"2", Shard{}, false},
		{"a/b", Shard{}, false},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// Every file falls in exactly one shard, and the shards are of similar size.
func TestShardsPartitionTheInputs(t *testing.T) {
	const n, files = 3, 900
	counts := make([]int, n)
	for f := 0; f < files; f++ {
		rel := fmt.Sprintf("dir%d/report-%04d.pdf", f%7, f)
		in := 0
		for i := 1; i <= n; i++ {
			if (Shard{i, n}).Holds(rel) {
				in++
				counts[i-1]++
			}
		}
		if in != 1 {
			t.Fatalf("%s is in %d shards", rel, in)
		}
	}
	for i, c := range counts {
		if c < files/n*8/10 || c > files/n*12/10 {
			t.Errorf("shard %d/%d holds %d of %d files", i+1, n, c, files)
		}
	}
	if !(Shard{}).Holds("anything") {
		t.Error("the zero shard must hold every file")
	}
}
