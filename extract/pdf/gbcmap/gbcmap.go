// Package gbcmap holds the predefined CMaps of the Adobe-GB1 character
// collection (GBK-EUC-H, GB-EUC-H, GBpc-EUC-H, GBK2K-H, UniGB-UCS2-H,
// UniGB-UTF16-H, their -V forms and a few kin), which map the bytes a PDF
// string holds to CIDs, and the Adobe-GB1 CID→Unicode table. Fonts that name
// such a CMap as their /Encoding and carry no ToUnicode map are decoded
// through them.
//
// The tables come from Debian's poppler-data, converted once by ./gen into
// the compressed files under data/ (see format.go).
package gbcmap

//go:generate go run ./gen -poppler /usr/share/poppler -out data

import (
	"embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

//go:embed data/*.bin
var files embed.FS

// CMap maps character codes to CIDs of Adobe-GB1.
type CMap struct {
	name     string
	vertical bool
	spaces   []space
	ranges   []cidRange // sorted by (n, lo), not overlapping
	parent   *CMap      // the usecmap CMap, consulted after ranges
}

type space struct {
	lo, hi []byte
}

type cidRange struct {
	n      uint8 // code length in bytes
	lo, hi uint32
	cid    uint32
}

// predefined decodes each embedded CMap once per process, on first use.
// The tables are only read after that, so goroutines may share them.
var predefined = newRegistry()

type registry map[string]func() (*CMap, error)

func newRegistry() registry {
	reg := registry{}
	entries, _ := files.ReadDir("data")
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".bin")
		if name == cidToUnicodeFile {
			continue
		}
		reg[name] = sync.OnceValues(func() (*CMap, error) { return reg.load(name) })
	}
	return reg
}

// Names lists the predefined CMaps this package knows, sorted.
func Names() []string {
	var out []string
	for n := range predefined {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the predefined CMap called name (as written after
// /Encoding, without the slash). ok is false for a name this package does not
// hold, such as Identity-H or a CMap of another collection.
func Lookup(name string) (c *CMap, ok bool, err error) {
	return predefined.lookup(name)
}

func (reg registry) lookup(name string) (c *CMap, ok bool, err error) {
	f, ok := reg[name]
	if !ok {
		return nil, false, nil
	}
	c, err = f()
	return c, true, err
}

func (reg registry) load(name string) (*CMap, error) {
	c, parent, err := decodeCMap(name)
	if err != nil {
		return nil, err
	}
	if parent != "" {
		p, ok, err := reg.lookup(parent)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("gbcmap: %s uses unknown CMap %s", name, parent)
		}
		c.parent = p
		if len(c.spaces) == 0 {
			c.spaces = p.spaces
		}
	}
	return c, nil
}

// Name returns the CMap's name, e.g. "GBK-EUC-H".
func (c *CMap) Name() string { return c.name }

// Vertical reports whether the CMap sets text top to bottom (WMode 1, the
// -V forms).
func (c *CMap) Vertical() bool { return c.vertical }

// Unicode reports whether the codes are themselves Unicode (the UniGB
// CMaps), so that text can be read from the code without the CID.
func (c *CMap) Unicode() bool { return strings.HasPrefix(c.name, "UniGB-") }

// Next reads the character code at the start of s and returns it as a
// big-endian number with its length in bytes: that of the shortest
// codespace range s matches byte for byte. A broken code (no range matches,
// or s ends inside the code) is as long as a range whose first byte
// matches, else 1 byte, so callers always advance; it comes back as
// BrokenCode, which maps to no CID and no text, lest a stray byte read as
// a digit.
func (c *CMap) Next(s []byte) (code uint32, n int) {
	if len(s) == 0 {
		return 0, 0
	}
	n, ok := c.codeLen(s)
	if !ok {
		return BrokenCode, min(n, len(s))
	}
	for _, b := range s[:n] {
		code = code<<8 | uint32(b)
	}
	return code, n
}

// BrokenCode is what Next returns for bytes that form no valid code. No GB
// CMap maps it: their longest codes end at 0xFE39FE39.
const BrokenCode = 0xFFFFFFFF

// codeLen is the length of the code s starts with (see Next) and whether s
// holds a whole valid code.
func (c *CMap) codeLen(s []byte) (int, bool) {
	partial := 0
	for _, sp := range c.spaces {
		n := len(sp.lo)
		if s[0] < sp.lo[0] || s[0] > sp.hi[0] {
			continue
		}
		if partial == 0 {
			partial = n
		}
		if n > len(s) {
			continue
		}
		match := true
		for i := 1; i < n; i++ {
			if s[i] < sp.lo[i] || s[i] > sp.hi[i] {
				match = false
				break
			}
		}
		if match {
			return n, true
		}
	}
	return max(partial, 1), false
}

// CID returns the CID of a code read by Next. The GB CMaps give codes of
// different lengths different values (1-byte codes below 0x80, 2-byte ones
// from 0x8140, 4-byte ones from 0x81308130), so the value alone finds it.
func (c *CMap) CID(code uint32) (uint32, bool) {
	if code == BrokenCode {
		return 0, false
	}
	for n := uint8(1); n <= 4; n++ {
		if n < 4 && code>>(8*n) != 0 {
			continue
		}
		for m := c; m != nil; m = m.parent {
			if cid, ok := m.lookup(n, code); ok {
				return cid, true
			}
		}
	}
	return 0, false
}

func (c *CMap) lookup(n uint8, code uint32) (uint32, bool) {
	i := sort.Search(len(c.ranges), func(i int) bool {
		r := c.ranges[i]
		return r.n > n || (r.n == n && r.hi >= code)
	})
	if i == len(c.ranges) {
		return 0, false
	}
	r := c.ranges[i]
	if r.n != n || code < r.lo {
		return 0, false
	}
	return r.cid + code - r.lo, true
}

// Text returns the text of a code read by Next: for the UniGB CMaps the
// code itself read as UCS-2 or UTF-16, otherwise the character of its
// Adobe-GB1 CID. ok is false when neither gives a character.
func (c *CMap) Text(code uint32) (string, bool) {
	if code == BrokenCode {
		return "", false
	}
	if c.Unicode() {
		r := rune(code)
		if code > 0xFFFF {
			r = utf16.DecodeRune(rune(code>>16), rune(code&0xFFFF))
		}
		if r == 0 || r == utf8.RuneError || utf16.IsSurrogate(r) {
			return "", false
		}
		return string(r), true
	}
	cid, ok := c.CID(code)
	if !ok {
		return "", false
	}
	r, ok := GB1Unicode(cid)
	if !ok {
		return "", false
	}
	return string(r), true
}
