package decrypt

import (
	"bytes"
	"errors"
	"strconv"
)

// The little PDF syntax the rewriter needs: white space and comments,
// strings in both forms, and the extent of any value, so that a dictionary
// can be read key by key and a body copied with its strings replaced.

var errSyntax = errors.New("PDF syntax error")

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// skipSpace returns the position after white space and comments from i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\r' && b[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// literal decodes the literal string starting at b[i] == '(' and returns it
// with the position after its closing parenthesis.
func literal(b []byte, i int) ([]byte, int, error) {
	var out []byte
	depth := 0
	for i++; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out, i + 1, nil
			}
			depth--
		case '\\':
			i++
			if i >= len(b) {
				return nil, 0, errSyntax
			}
			switch e := b[i]; e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for n := 0; n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7'; n++ {
						v = v*8 + int(b[i]-'0')
						i++
					}
					i--
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, 0, errSyntax
}

// hexString decodes the hex string starting at b[i] == '<'.
func hexString(b []byte, i int) ([]byte, int, error) {
	var out []byte
	var hi byte
	odd := false
	for i++; i < len(b); i++ {
		c := b[i]
		var v byte
		switch {
		case c == '>':
			if odd {
				out = append(out, hi<<4)
			}
			return out, i + 1, nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return nil, 0, errSyntax
		}
		if odd {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		odd = !odd
	}
	return nil, 0, errSyntax
}

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 100

// skipValue returns the position after the value at i (after white space),
// a reference "n g R" counting as one value.
func skipValue(b []byte, i int) (int, error) { return skipNested(b, i, 0) }

func skipNested(b []byte, i, depth int) (int, error) {
	i = skipSpace(b, i)
	if i >= len(b) || depth > maxDepth {
		return 0, errSyntax
	}
	switch {
	case b[i] == '(':
		_, end, err := literal(b, i)
		return end, err
	case bytes.HasPrefix(b[i:], []byte("<<")):
		for i += 2; ; {
			i = skipSpace(b, i)
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
			i = skipSpace(b, i)
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
		for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
			i++
		}
		return i, nil
	case b[i] == ')' || b[i] == '>' || b[i] == ']' || b[i] == '{' || b[i] == '}':
		return 0, errSyntax
	}
	end := token(b, i)
	// A reference: two integers and R.
	if _, err := strconv.Atoi(string(b[i:end])); err == nil {
		j := skipSpace(b, end)
		k := token(b, j)
		if _, err := strconv.Atoi(string(b[j:k])); err == nil && k > j {
			l := skipSpace(b, k)
			if l < len(b) && b[l] == 'R' && (l+1 == len(b) || isSpace(b[l+1]) || isDelim(b[l+1])) {
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
	for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
		i++
	}
	return i
}

// dict reads the dictionary at i into its keys' raw values.
func dict(b []byte, i int) (map[string][]byte, int, error) {
	i = skipSpace(b, i)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, errSyntax
	}
	m := map[string][]byte{}
	for i += 2; ; {
		i = skipSpace(b, i)
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
