// Command gen converts the Adobe-GB1 CMaps and the Adobe-GB1 CID→Unicode
// table of Debian's poppler-data into the compact files that package gbcmap
// embeds. Run it from the gbcmap folder (go generate does):
//
//	go run ./gen -poppler /usr/share/poppler -out data
//
// Each CMap becomes data/<name>.bin and the CID→Unicode table (Adobe's
// Adobe-GB1-UCS2 CMap, gaps filled from poppler's cidToUnicode/Adobe-GB1)
// data/Adobe-GB1.bin, all raw-deflate compressed; the layout is described in
// ../format.go.
package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// cmaps are the predefined CMaps the issue names, their vertical forms, and
// the 7-bit and GBKp variants some old drivers write.
var cmaps = []string{
	"GB-EUC-H", "GB-EUC-V", "GB-H", "GB-V",
	"GBpc-EUC-H", "GBpc-EUC-V",
	"GBK-EUC-H", "GBK-EUC-V", "GBKp-EUC-H", "GBKp-EUC-V",
	"GBK2K-H", "GBK2K-V",
	"UniGB-UCS2-H", "UniGB-UCS2-V", "UniGB-UTF16-H", "UniGB-UTF16-V",
}

func main() {
	poppler := flag.String("poppler", "/usr/share/poppler", "poppler-data folder")
	out := flag.String("out", "data", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, name := range cmaps {
		src, err := os.ReadFile(filepath.Join(*poppler, "cMap", "Adobe-GB1", name))
		if err != nil {
			log.Fatal(err)
		}
		c, err := parseCMap(src)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := write(filepath.Join(*out, name+".bin"), c.encode()); err != nil {
			log.Fatal(err)
		}
	}
	ucs2, err := os.ReadFile(filepath.Join(*poppler, "cMap", "Adobe-GB1", "Adobe-GB1-UCS2"))
	if err != nil {
		log.Fatal(err)
	}
	table, err := os.ReadFile(filepath.Join(*poppler, "cidToUnicode", "Adobe-GB1"))
	if err != nil {
		log.Fatal(err)
	}
	m, err := cidToUnicode(ucs2, table)
	if err != nil {
		log.Fatal(err)
	}
	uni := encodeCIDToUnicode(m)
	if err := write(filepath.Join(*out, "Adobe-GB1.bin"), uni); err != nil {
		log.Fatal(err)
	}
}

func write(path string, raw []byte) error {
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

type space struct{ lo, hi []byte }

type cidRange struct {
	n      int // code length in bytes
	lo, hi uint32
	cid    uint32
}

type cmap struct {
	wmode   int
	usecmap string
	spaces  []space
	ranges  []cidRange
}

// parseCMap reads the parts of a CMap resource file that map codes to CIDs.
// notdefranges are left out: they only name the .notdef glyph for control
// codes, which decode to nothing either way.
func parseCMap(src []byte) (*cmap, error) {
	var c cmap
	toks := tokens(src)
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "usecmap":
			c.usecmap = strings.TrimPrefix(toks[i-1], "/")
		case "/WMode":
			c.wmode, _ = strconv.Atoi(toks[i+1])
		case "begincodespacerange":
			for i++; toks[i] != "endcodespacerange"; i += 2 {
				lo, hi := hexTok(toks[i]), hexTok(toks[i+1])
				if lo == nil || hi == nil || len(lo) != len(hi) {
					return nil, fmt.Errorf("bad codespace %q %q", toks[i], toks[i+1])
				}
				c.spaces = append(c.spaces, space{lo, hi})
			}
		case "begincidrange":
			for i++; toks[i] != "endcidrange"; i += 3 {
				lo, hi := hexTok(toks[i]), hexTok(toks[i+1])
				cid, err := strconv.ParseUint(toks[i+2], 10, 32)
				if lo == nil || hi == nil || len(lo) != len(hi) || err != nil {
					return nil, fmt.Errorf("bad cidrange %q %q %q", toks[i], toks[i+1], toks[i+2])
				}
				c.ranges = append(c.ranges, splitRange(lo, hi, uint32(cid))...)
			}
		case "begincidchar":
			for i++; toks[i] != "endcidchar"; i += 2 {
				code := hexTok(toks[i])
				cid, err := strconv.ParseUint(toks[i+1], 10, 32)
				if code == nil || err != nil {
					return nil, fmt.Errorf("bad cidchar %q %q", toks[i], toks[i+1])
				}
				v := be(code)
				c.ranges = append(c.ranges, cidRange{len(code), v, v, uint32(cid)})
			}
		}
	}
	if len(c.spaces) == 0 && c.usecmap == "" {
		return nil, fmt.Errorf("no codespace")
	}
	return &c, nil
}

// splitRange turns a CMap range, in which every byte runs between its bounds,
// into ranges in which only the last byte varies, so that the CID of a code
// is its offset from lo as one number.
func splitRange(lo, hi []byte, cid uint32) []cidRange {
	n := len(lo)
	if bytes.Equal(lo[:n-1], hi[:n-1]) {
		return []cidRange{{n, be(lo), be(hi), cid}}
	}
	var out []cidRange
	prefix := append([]byte(nil), lo[:n-1]...)
	for {
		a := append(append([]byte(nil), prefix...), lo[n-1])
		b := append(append([]byte(nil), prefix...), hi[n-1])
		out = append(out, cidRange{n, be(a), be(b), cid})
		cid += uint32(hi[n-1]-lo[n-1]) + 1
		// Step the prefix like an odometer whose digits run lo[i]..hi[i].
		i := n - 2
		for ; i >= 0 && prefix[i] == hi[i]; i-- {
			prefix[i] = lo[i]
		}
		if i < 0 {
			return out
		}
		prefix[i]++
	}
}

func be(b []byte) uint32 {
	var v uint32
	for _, x := range b {
		v = v<<8 | uint32(x)
	}
	return v
}

func hexTok(t string) []byte {
	if len(t) < 2 || t[0] != '<' || t[len(t)-1] != '>' {
		return nil
	}
	h := t[1 : len(t)-1]
	if len(h)%2 != 0 || len(h) == 0 || len(h) > 8 {
		return nil
	}
	out := make([]byte, len(h)/2)
	for i := range out {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil
		}
		out[i] = byte(v)
	}
	return out
}

// tokens splits a CMap file into whitespace-separated words, comments
// dropped, so that <xx> strings, names and numbers come out whole.
func tokens(src []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '%'); i >= 0 {
			line = line[:i]
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// encode writes the CMap as uvarints: wmode, usecmap name, codespaces
// (length, lo bytes, hi bytes), then ranges sorted by (length, lo), each as
// length, gap from the previous range's end, size − 1, and CID as a zigzag
// delta from the CID the previous range would continue with. Adjacent
// ranges that continue each other are merged first.
func (c *cmap) encode() []byte {
	sort.Slice(c.ranges, func(i, j int) bool {
		a, b := c.ranges[i], c.ranges[j]
		if a.n != b.n {
			return a.n < b.n
		}
		return a.lo < b.lo
	})
	var merged []cidRange
	for _, r := range c.ranges {
		if k := len(merged) - 1; k >= 0 {
			p := &merged[k]
			if p.n == r.n && p.hi+1 == r.lo && p.cid+(p.hi-p.lo)+1 == r.cid && p.hi>>8 == r.lo>>8 {
				p.hi = r.hi
				continue
			}
		}
		merged = append(merged, r)
	}
	var b []byte
	b = binary.AppendUvarint(b, uint64(c.wmode))
	b = binary.AppendUvarint(b, uint64(len(c.usecmap)))
	b = append(b, c.usecmap...)
	b = binary.AppendUvarint(b, uint64(len(c.spaces)))
	for _, s := range c.spaces {
		b = binary.AppendUvarint(b, uint64(len(s.lo)))
		b = append(b, s.lo...)
		b = append(b, s.hi...)
	}
	b = binary.AppendUvarint(b, uint64(len(merged)))
	var end, nextCID uint32
	n := 0
	for _, r := range merged {
		if r.n != n {
			n, end = r.n, 0
		}
		b = binary.AppendUvarint(b, uint64(r.n))
		b = binary.AppendUvarint(b, uint64(r.lo-end))
		b = binary.AppendUvarint(b, uint64(r.hi-r.lo))
		b = binary.AppendVarint(b, int64(r.cid)-int64(nextCID))
		end = r.hi + 1
		nextCID = r.cid + (r.hi - r.lo) + 1
	}
	return b
}

// cidToUnicode merges Adobe's Adobe-GB1-UCS2 CMap with poppler's
// cidToUnicode table. The CMap comes first because it maps the half-width
// Latin CIDs (814–907) to ASCII and the vertical punctuation CIDs to the
// horizontal characters, where poppler's table gives full-width and
// presentation forms, which would hide digits from the matchers; the table
// fills the CIDs the CMap lacks.
func cidToUnicode(ucs2, table []byte) (map[uint32]rune, error) {
	m := map[uint32]rune{}
	toks := tokens(ucs2)
	text := func(t string) (rune, bool) {
		b := hexTok(t)
		if b == nil || len(b)%2 != 0 {
			return 0, false
		}
		var u []uint16
		for i := 0; i < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		// A sequence is a character and its variation selector: keep the
		// character.
		r := []rune(string(utf16.Decode(u)))[0]
		return r, r != utf8.RuneError && r != 0
	}
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "beginbfchar":
			for i++; toks[i] != "endbfchar"; i += 2 {
				if r, ok := text(toks[i+1]); ok {
					m[be(hexTok(toks[i]))] = r
				}
			}
		case "beginbfrange":
			for i++; toks[i] != "endbfrange"; i += 3 {
				lo, hi := be(hexTok(toks[i])), be(hexTok(toks[i+1]))
				r, ok := text(toks[i+2])
				if !ok {
					return nil, fmt.Errorf("Adobe-GB1-UCS2: unsupported bfrange %q", toks[i+2])
				}
				for c := lo; c <= hi; c++ {
					m[c] = r + rune(c-lo)
				}
			}
		}
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("Adobe-GB1-UCS2: no mappings")
	}
	for cid, line := range strings.Split(strings.TrimRight(string(table), "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		u, err := strconv.ParseUint(line, 16, 32)
		if err != nil {
			return nil, fmt.Errorf("cidToUnicode line %d: %w", cid+1, err)
		}
		if _, ok := m[uint32(cid)]; !ok && u != 0 {
			m[uint32(cid)] = rune(u)
		}
	}
	// The half-width space (CID 7716) is U+2002 to Adobe; downstream code
	// splits words on the ASCII space, which is what it means.
	for cid, r := range m {
		if r != 0x3000 && unicode.Is(unicode.Zs, r) {
			m[cid] = ' '
		}
	}
	return m, nil
}

// encodeCIDToUnicode writes runs of CIDs whose code points follow each
// other: count, then per run the CID gap from the previous run's end, the
// run length − 1, and the first code point as a zigzag delta from the
// previous run's last.
func encodeCIDToUnicode(m map[uint32]rune) []byte {
	type run struct {
		cid, n uint32
		u      rune
	}
	cids := make([]uint32, 0, len(m))
	for c := range m {
		cids = append(cids, c)
	}
	sort.Slice(cids, func(i, j int) bool { return cids[i] < cids[j] })
	var runs []run
	for _, cid := range cids {
		u := m[cid]
		if k := len(runs) - 1; k >= 0 && runs[k].cid+runs[k].n == cid && runs[k].u+rune(runs[k].n) == u {
			runs[k].n++
			continue
		}
		runs = append(runs, run{cid, 1, u})
	}
	var b []byte
	b = binary.AppendUvarint(b, uint64(len(runs)))
	var end uint32
	var last int64
	for _, r := range runs {
		b = binary.AppendUvarint(b, uint64(r.cid-end))
		b = binary.AppendUvarint(b, uint64(r.n-1))
		b = binary.AppendVarint(b, int64(r.u)-last)
		end = r.cid + r.n
		last = int64(r.u) + int64(r.n) - 1
	}
	return b
}
