package gbcmap

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
)

// The files under data/ are raw deflate streams of unsigned varints
// (encoding/binary), signed ones zigzag-coded:
//
//	CMap <name>.bin:  wmode, len(usecmap), usecmap bytes,
//	                  count of codespaces, each: n, lo (n bytes), hi (n bytes),
//	                  count of ranges, each: n, lo − previous end, hi − lo,
//	                  cid − previous next cid (signed)
//	Adobe-GB1.bin:    count of runs, each: cid − previous end, length − 1,
//	                  first code point − previous last (signed)
//
// "previous end" restarts at 0 whenever the code length n changes. Ranges
// are sorted by (n, lo) and only the last byte varies within one.

const cidToUnicodeFile = "Adobe-GB1"

var errCorrupt = errors.New("corrupt table")

type reader struct {
	r   *bytes.Reader
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	r.err = err
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadVarint(r.r)
	r.err = err
	return v
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	b := make([]byte, n)
	_, r.err = io.ReadFull(r.r, b)
	return b
}

func open(name string) (*reader, error) {
	z, err := files.ReadFile("data/" + name + ".bin")
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		return nil, fmt.Errorf("gbcmap: %s: %w", name, err)
	}
	return &reader{r: bytes.NewReader(raw)}, nil
}

// decodeCMap reads data/<name>.bin; it returns the name of the CMap it
// builds on, if any.
func decodeCMap(name string) (*CMap, string, error) {
	r, err := open(name)
	if err != nil {
		return nil, "", err
	}
	c := &CMap{name: name, vertical: r.uvarint() == 1}
	parent := string(r.bytes(int(min(r.uvarint(), 64))))
	nspace := r.uvarint()
	for i := uint64(0); i < nspace && r.err == nil; i++ {
		n := int(r.uvarint())
		if n < 1 || n > 4 {
			return nil, "", fmt.Errorf("gbcmap: %s: %w", name, errCorrupt)
		}
		c.spaces = append(c.spaces, space{lo: r.bytes(n), hi: r.bytes(n)})
	}
	// Shorter codes first, so codeLen finds the shortest match.
	sort.SliceStable(c.spaces, func(i, j int) bool { return len(c.spaces[i].lo) < len(c.spaces[j].lo) })
	nrange := r.uvarint()
	c.ranges = make([]cidRange, 0, min(nrange, 1<<16))
	var end, next uint32
	var n uint8
	for i := uint64(0); i < nrange && r.err == nil; i++ {
		rn := uint8(r.uvarint())
		if rn != n {
			n, end = rn, 0
		}
		lo := end + uint32(r.uvarint())
		hi := lo + uint32(r.uvarint())
		cid := uint32(int64(next) + r.varint())
		c.ranges = append(c.ranges, cidRange{n: n, lo: lo, hi: hi, cid: cid})
		end, next = hi+1, cid+(hi-lo)+1
	}
	if r.err != nil {
		return nil, "", fmt.Errorf("gbcmap: %s: %w: %w", name, errCorrupt, r.err)
	}
	return c, parent, nil
}

type unicodeRun struct {
	cid, n uint32
	u      rune
}

// gb1 decodes the Adobe-GB1 CID→Unicode runs once per process; they are
// only read afterwards.
var gb1 = sync.OnceValues(func() ([]unicodeRun, error) {
	r, err := open(cidToUnicodeFile)
	if err != nil {
		return nil, err
	}
	count := r.uvarint()
	runs := make([]unicodeRun, 0, min(count, 1<<16))
	var end uint32
	var last int64
	for i := uint64(0); i < count && r.err == nil; i++ {
		cid := end + uint32(r.uvarint())
		n := uint32(r.uvarint()) + 1
		u := last + r.varint()
		runs = append(runs, unicodeRun{cid: cid, n: n, u: rune(u)})
		end, last = cid+n, u+int64(n)-1
	}
	if r.err != nil {
		return nil, fmt.Errorf("gbcmap: %s: %w: %w", cidToUnicodeFile, errCorrupt, r.err)
	}
	return runs, nil
})

// GB1Unicode returns the character of an Adobe-GB1 CID; ok is false for a
// CID without one (0, .notdef, or beyond the collection).
func GB1Unicode(cid uint32) (r rune, ok bool) {
	runs, err := gb1()
	if err != nil {
		// The table is embedded and tested; a failure here is a build fault.
		panic(err)
	}
	i := sort.Search(len(runs), func(i int) bool { return runs[i].cid+runs[i].n > cid })
	if i == len(runs) || cid < runs[i].cid {
		return 0, false
	}
	return runs[i].u + rune(cid-runs[i].cid), true
}
