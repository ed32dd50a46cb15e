// Package pdfsyntax reads the lexical pieces of PDF syntax that the
// content-stream lexer, the CMap lexer and the decryption rewriter share:
// white space, delimiters, comments, and strings in both forms. Its
// functions are pure and never read outside the data they are given.
package pdfsyntax

// IsSpace tells whether c is PDF white space.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// IsDelimiter tells whether c is a PDF delimiter.
func IsDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// IsRegular tells whether c is a regular character: neither white space
// nor a delimiter.
func IsRegular(c byte) bool { return !IsSpace(c) && !IsDelimiter(c) }

// SkipSpace returns the position after the white space and comments that
// start at pos.
func SkipSpace(data []byte, pos int) int {
	for pos < len(data) {
		switch c := data[pos]; {
		case IsSpace(c):
			pos++
		case c == '%':
			for pos < len(data) && data[pos] != '\n' && data[pos] != '\r' {
				pos++
			}
		default:
			return pos
		}
	}
	return pos
}

// Literal decodes the literal string whose opening parenthesis is at
// data[pos]: nested parentheses, the escapes \n \r \t \b \f, octal codes of
// one to three digits, line continuations, and any other escaped byte as
// itself. It returns the string and the position after its closing
// parenthesis. When the data ends first (or ends in a lone backslash), ok
// is false, s holds what was decoded and next is len(data).
func Literal(data []byte, pos int) (s []byte, next int, ok bool) {
	depth := 1
	i := pos + 1
	for i < len(data) {
		c := data[i]
		i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s, i, true
			}
		case '\\':
			if i >= len(data) {
				return s, len(data), false
			}
			e := data[i]
			i++
			switch e {
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
				if i < len(data) && data[i] == '\n' {
					i++
				}
				continue
			case '\n':
				continue
			default:
				if isOctal(e) {
					v := int(e - '0')
					for k := 0; k < 2 && i < len(data) && isOctal(data[i]); k++ {
						v = v*8 + int(data[i]-'0')
						i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		s = append(s, c)
	}
	return s, len(data), false
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// Hex decodes the hex string whose '<' is at data[pos], skipping any byte
// that is not a hex digit; an odd last digit is followed by a zero. It
// returns the string and the position after its '>'. ok is false when the
// data ends before the '>' (next is then len(data)) or when a skipped byte
// was not white space; s and next are the same either way.
func Hex(data []byte, pos int) (s []byte, next int, ok bool) {
	ok = true
	var hi byte
	half := false
	i := pos + 1
	for ; i < len(data) && data[i] != '>'; i++ {
		v, digit := unhex(data[i])
		if !digit {
			if !IsSpace(data[i]) {
				ok = false
			}
			continue
		}
		if half {
			s = append(s, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		s = append(s, hi<<4)
	}
	if i >= len(data) {
		return s, len(data), false
	}
	return s, i + 1, ok
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
