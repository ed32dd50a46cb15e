package pdfsyntax

import (
	"bytes"
	"errors"
	"strconv"
)

// Values as raw bytes: the extent of any value, so that a dictionary can be
// read key by key without building objects (the decryption rewriter and
// the repair scanner need no more).

// ErrSyntax is the error of a value that is not well formed.
var ErrSyntax = errors.New("PDF syntax error")

func literal(b []byte, i int) ([]byte, int, error) { return wellFormed(Literal(b, i)) }

func hexString(b []byte, i int) ([]byte, int, error) { return wellFormed(Hex(b, i)) }

func wellFormed(s []byte, end int, ok bool) ([]byte, int, error) {
	if !ok {
		return nil, 0, ErrSyntax
	}
	return s, end, nil
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 100

// SkipValue returns the position after the value at i (after white space),
// a reference "n g R" counting as one value.
func SkipValue(b []byte, i int) (int, error) { return skipNested(b, i, 0) }

func skipNested(b []byte, i, depth int) (int, error) {
	i = SkipSpace(b, i)
	if i >= len(b) || depth > maxDepth {
		return 0, ErrSyntax
	}
	switch {
	case b[i] == '(':
		_, end, err := literal(b, i)
		return end, err
	case bytes.HasPrefix(b[i:], []byte("<<")):
		for i += 2; ; {
			i = SkipSpace(b, i)
			if bytes.HasPrefix(b[i:], []byte(">>")) {
				return i + 2, nil
			}
			var err error
			if i, err = skipNested(b, i, depth+1); err != nil {
				return 0, err
			}
		}
	case b[i] == '<':
		_, end, err := hexString(b, i)
		return end, err
	case b[i] == '[':
		for i++; ; {
			i = SkipSpace(b, i)
			if i >= len(b) {
				return 0, ErrSyntax
			}
			if b[i] == ']' {
				return i + 1, nil
			}
			var err error
			if i, err = skipNested(b, i, depth+1); err != nil {
				return 0, err
			}
		}
	case b[i] == '/':
		i++
		for i < len(b) && IsRegular(b[i]) {
			i++
		}
		return i, nil
	case b[i] == ')' || b[i] == '>' || b[i] == ']' || b[i] == '{' || b[i] == '}':
		return 0, ErrSyntax
	}
	end := TokenEnd(b, i)
	// A reference: two integers and R.
	if _, err := strconv.Atoi(string(b[i:end])); err == nil {
		j := SkipSpace(b, end)
		k := TokenEnd(b, j)
		if _, err := strconv.Atoi(string(b[j:k])); err == nil && k > j {
			l := SkipSpace(b, k)
			if l < len(b) && b[l] == 'R' && (l+1 == len(b) || !IsRegular(b[l+1])) {
				return l + 1, nil
			}
		}
	}
	if end == i {
		return 0, ErrSyntax
	}
	return end, nil
}

// TokenEnd returns the end of the regular characters from i.
func TokenEnd(b []byte, i int) int {
	for i < len(b) && IsRegular(b[i]) {
		i++
	}
	return i
}

// Dict reads the dictionary at i into its keys' raw values.
func Dict(b []byte, i int) (map[string][]byte, int, error) {
	i = SkipSpace(b, i)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, ErrSyntax
	}
	m := map[string][]byte{}
	for i += 2; ; {
		i = SkipSpace(b, i)
		if i >= len(b) {
			return nil, 0, ErrSyntax
		}
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return m, i + 2, nil
		}
		if b[i] != '/' {
			return nil, 0, ErrSyntax
		}
		end := TokenEnd(b, i+1)
		key := string(b[i+1 : end])
		vEnd, err := SkipValue(b, end)
		if err != nil {
			return nil, 0, err
		}
		m[key] = bytes.TrimSpace(b[end:vEnd])
		i = vEnd
	}
}

// Str decodes a raw string value in either form.
func Str(v []byte) []byte {
	if len(v) == 0 {
		return nil
	}
	var s []byte
	var err error
	switch v[0] {
	case '(':
		s, _, err = literal(v, 0)
	case '<':
		s, _, err = hexString(v, 0)
	}
	if err != nil {
		return nil
	}
	return s
}

// Int reads an integer value, 0 when it is not one.
func Int(v []byte) int {
	n, _ := strconv.Atoi(string(v))
	return n
}

// Ref reads a raw reference value "n g R".
func Ref(v []byte) (num, gen int, ok bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return 0, 0, false
	}
	num, err1 := strconv.Atoi(string(f[0]))
	gen, err2 := strconv.Atoi(string(f[1]))
	return num, gen, err1 == nil && err2 == nil
}
