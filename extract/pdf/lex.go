package pdf

import "strconv"

// operandKind tells what a content-stream operand holds.
type operandKind uint8

const (
	numOp operandKind = iota
	strOp
	nameOp
	arrayOp
	otherOp // dictionaries, booleans, null: read past, not used
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind operandKind
	num  float64
	str  []byte    // string bytes, or a name without its slash
	arr  []operand // array elements
}

// lexer reads the operators of a content stream with their operands.
type lexer struct {
	data []byte
	pos  int
	args []operand
}

// next returns the next operator and its operands (valid until the next
// call), or ok == false at the end of the stream.
func (lx *lexer) next() (op string, args []operand, ok bool) {
	lx.args = lx.args[:0]
	for {
		lx.skipSpace()
		if lx.pos >= len(lx.data) {
			return "", nil, false
		}
		c := lx.data[lx.pos]
		if isRegular(c) && !isNumberStart(c) {
			word := lx.word()
			switch word {
			case "true", "false", "null":
				lx.args = append(lx.args, operand{kind: otherOp})
				continue
			case "BI":
				lx.skipInlineImage()
				return "BI", nil, true
			}
			return word, lx.args, true
		}
		v, ok := lx.operand()
		if !ok {
			continue
		}
		// Keep the stack bounded whatever the stream holds.
		if len(lx.args) < 64 {
			lx.args = append(lx.args, v)
		}
	}
}

// operand reads one operand; ok is false for a stray delimiter, which is
// skipped.
func (lx *lexer) operand() (operand, bool) {
	c := lx.data[lx.pos]
	switch {
	case isNumberStart(c):
		start := lx.pos
		lx.pos++
		for lx.pos < len(lx.data) && isRegular(lx.data[lx.pos]) {
			lx.pos++
		}
		f, err := strconv.ParseFloat(string(lx.data[start:lx.pos]), 64)
		if err != nil {
			f = 0
		}
		return operand{kind: numOp, num: f}, true
	case c == '(':
		return operand{kind: strOp, str: lx.literal()}, true
	case c == '<' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<':
		lx.skipDict()
		return operand{kind: otherOp}, true
	case c == '<':
		return operand{kind: strOp, str: lx.hex()}, true
	case c == '/':
		lx.pos++
		return operand{kind: nameOp, str: []byte(lx.word())}, true
	case c == '[':
		lx.pos++
		var arr []operand
		for {
			lx.skipSpace()
			if lx.pos >= len(lx.data) {
				break
			}
			if lx.data[lx.pos] == ']' {
				lx.pos++
				break
			}
			if isRegular(lx.data[lx.pos]) && !isNumberStart(lx.data[lx.pos]) {
				lx.word() // a stray keyword inside an array: damage, skip it
				continue
			}
			if v, ok := lx.operand(); ok {
				arr = append(arr, v)
			}
		}
		return operand{kind: arrayOp, arr: arr}, true
	}
	lx.pos++
	return operand{}, false
}

func (lx *lexer) skipSpace() {
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		if c == '%' {
			for lx.pos < len(lx.data) && lx.data[lx.pos] != '\n' && lx.data[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		lx.pos++
	}
}

func (lx *lexer) word() string {
	start := lx.pos
	for lx.pos < len(lx.data) && isRegular(lx.data[lx.pos]) {
		lx.pos++
	}
	return string(lx.data[start:lx.pos])
}

func (lx *lexer) literal() []byte {
	lx.pos++ // (
	var b []byte
	depth := 1
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return b
			}
		case '\\':
			if lx.pos >= len(lx.data) {
				return b
			}
			e := lx.data[lx.pos]
			lx.pos++
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
				if lx.pos < len(lx.data) && lx.data[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.data) && lx.data[lx.pos] >= '0' && lx.data[lx.pos] <= '7'; k++ {
						v = v*8 + int(lx.data[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return b
}

func (lx *lexer) hex() []byte {
	lx.pos++ // <
	var b []byte
	var hi byte
	half := false
	for lx.pos < len(lx.data) && lx.data[lx.pos] != '>' {
		c := lx.data[lx.pos]
		lx.pos++
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			b = append(b, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		b = append(b, hi<<4)
	}
	lx.pos++ // >
	return b
}

// skipDict reads past a << … >> dictionary (marked-content properties).
func (lx *lexer) skipDict() {
	lx.pos += 2
	depth := 1
	for lx.pos < len(lx.data) && depth > 0 {
		c := lx.data[lx.pos]
		switch {
		case c == '(':
			lx.literal()
			continue
		case c == '<' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<':
			depth++
			lx.pos += 2
			continue
		case c == '>' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '>':
			depth--
			lx.pos += 2
			continue
		}
		lx.pos++
	}
}

// skipInlineImage reads past BI … ID <binary data> EI. The data is binary,
// so the end is the first EI standing alone between white space.
func (lx *lexer) skipInlineImage() {
	for lx.pos+2 < len(lx.data) {
		if lx.data[lx.pos] == 'I' && lx.data[lx.pos+1] == 'D' && isSpace(lx.data[lx.pos+2]) && (lx.pos == 0 || !isRegular(lx.data[lx.pos-1])) {
			lx.pos += 3
			break
		}
		lx.pos++
	}
	for lx.pos+2 <= len(lx.data) {
		if lx.data[lx.pos] == 'E' && lx.data[lx.pos+1] == 'I' && (lx.pos == 0 || isSpace(lx.data[lx.pos-1])) &&
			(lx.pos+2 == len(lx.data) || !isRegular(lx.data[lx.pos+2])) {
			lx.pos += 2
			return
		}
		lx.pos++
	}
	lx.pos = len(lx.data)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

func isNumberStart(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' }
