package decrypt

import (
	"bytes"
	"errors"
	"strconv"

	"xxgk/extract/pdf/pdfsyntax"
)

// The little PDF syntax the rewriter needs: white space and comments,
// strings in both forms, and the extent of any value, so that a dictionary
// can be read key by key and a body copied with its strings replaced.

var errSyntax = errors.New("PDF syntax error")

// literal decodes the literal string starting at b[i] == '(' and returns it
// with the position after its closing parenthesis.
func literal(b []byte, i int) ([]byte, int, error) { return wellFormed(pdfsyntax.Literal(b, i)) }

// hexString decodes the hex string starting at b[i] == '<': only white
// space may stand between its digits.
func hexString(b []byte, i int) ([]byte, int, error) { return wellFormed(pdfsyntax.Hex(b, i)) }

// wellFormed turns a string the data ends inside, or a hex string with a
// byte other than digits and space, into errSyntax.
func wellFormed(s []byte, end int, ok bool) ([]byte, int, error) {
	if !ok {
		return nil, 0, errSyntax
	}
	return s, end, nil
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 100

// skipValue returns the position after the value at i (after white space),
// a reference "n g R" counting as one value.
func skipValue(b []byte, i int) (int, error) { return skipNested(b, i, 0) }

func skipNested(b []byte, i, depth int) (int, error) {
	i = pdfsyntax.SkipSpace(b, i)
	if i >= len(b) || depth > maxDepth {
		return 0, errSyntax
	}
	switch {
	case b[i] == '(':
		_, end, err := literal(b, i)
		return end, err
	case bytes.HasPrefix(b[i:], []byte("<<")):
		for i += 2; ; {
			i = pdfsyntax.SkipSpace(b, i)
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
			i = pdfsyntax.SkipSpace(b, i)
			if i >= len(b) {
				return 0, errSyntax
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
		for i < len(b) && pdfsyntax.IsRegular(b[i]) {
			i++
		}
		return i, nil
	case b[i] == ')' || b[i] == '>' || b[i] == ']' || b[i] == '{' || b[i] == '}':
		return 0, errSyntax
	}
	end := token(b, i)
	// A reference: two integers and R.
	if _, err := strconv.Atoi(string(b[i:end])); err == nil {
		j := pdfsyntax.SkipSpace(b, end)
		k := token(b, j)
		if _, err := strconv.Atoi(string(b[j:k])); err == nil && k > j {
			l := pdfsyntax.SkipSpace(b, k)
			if l < len(b) && b[l] == 'R' && (l+1 == len(b) || !pdfsyntax.IsRegular(b[l+1])) {
				return l + 1, nil
			}
		}
	}
	if end == i {
		return 0, errSyntax
	}
	return end, nil
}

// token returns the end of the regular characters from i.
func token(b []byte, i int) int {
	for i < len(b) && pdfsyntax.IsRegular(b[i]) {
		i++
	}
	return i
}

// dict reads the dictionary at i into its keys' raw values.
func dict(b []byte, i int) (map[string][]byte, int, error) {
	i = pdfsyntax.SkipSpace(b, i)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, errSyntax
	}
	m := map[string][]byte{}
	for i += 2; ; {
		i = pdfsyntax.SkipSpace(b, i)
		if i >= len(b) {
			return nil, 0, errSyntax
		}
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return m, i + 2, nil
		}
		if b[i] != '/' {
			return nil, 0, errSyntax
		}
		end := token(b, i+1)
		key := string(b[i+1 : end])
		vEnd, err := skipValue(b, end)
		if err != nil {
			return nil, 0, err
		}
		m[key] = bytes.TrimSpace(b[end:vEnd])
		i = vEnd
	}
}

// str decodes a raw string value in either form.
func str(v []byte) []byte {
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

func integer(v []byte) int {
	n, _ := strconv.Atoi(string(v))
	return n
}

// ref reads a raw reference value "n g R".
func ref(v []byte) (num, gen int, ok bool) {
	f := bytes.Fields(v)
	if len(f) != 3 || string(f[2]) != "R" {
		return 0, 0, false
	}
	num, err1 := strconv.Atoi(string(f[0]))
	gen, err2 := strconv.Atoi(string(f[1]))
	return num, gen, err1 == nil && err2 == nil
}
