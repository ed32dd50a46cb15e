package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is a stable part of the inputs: part Index of Count, 1-based, so
// that `--shard 1/4` … `--shard 4/4` together cover every file once. The
// zero Shard holds everything.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n".
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	idx, err1 := strconv.Atoi(strings.TrimSpace(i))
	cnt, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || cnt < 1 || idx < 1 || idx > cnt {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 1 ≤ i ≤ n", s)
	}
	return Shard{idx, cnt}, nil
}

// Holds tells whether the file at rel (its path below the argument it was
// found under) belongs to the shard. It hashes the path, not the content or
// the position in the list, so adding files to an archive moves no other
// file to another shard.
func (s Shard) Holds(rel string) bool {
	if s.Count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(rel))
	return h.Sum64()%uint64(s.Count) == uint64(s.Index-1)
}
