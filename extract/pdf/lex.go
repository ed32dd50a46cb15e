package pdf

import (
	"strconv"

	"xxgk/extract/pdf/pdfsyntax"
)

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
		if pdfsyntax.IsRegular(c) && !isNumberStart(c) {
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
		for lx.pos < len(lx.data) && pdfsyntax.IsRegular(lx.data[lx.pos]) {
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
			if pdfsyntax.IsRegular(lx.data[lx.pos]) && !isNumberStart(lx.data[lx.pos]) {
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

func (lx *lexer) skipSpace() { lx.pos = pdfsyntax.SkipSpace(lx.data, lx.pos) }

func (lx *lexer) word() string {
	start := lx.pos
	for lx.pos < len(lx.data) && pdfsyntax.IsRegular(lx.data[lx.pos]) {
		lx.pos++
	}
	return string(lx.data[start:lx.pos])
}

func (lx *lexer) literal() []byte {
	s, next, _ := pdfsyntax.Literal(lx.data, lx.pos)
	lx.pos = next
	return s
}

func (lx *lexer) hex() []byte {
	s, next, _ := pdfsyntax.Hex(lx.data, lx.pos)
	lx.pos = next
	return s
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
		if lx.data[lx.pos] == 'I' && lx.data[lx.pos+1] == 'D' && pdfsyntax.IsSpace(lx.data[lx.pos+2]) && (lx.pos == 0 || !pdfsyntax.IsRegular(lx.data[lx.pos-1])) {
			lx.pos += 3
			break
		}
		lx.pos++
	}
	for lx.pos+2 <= len(lx.data) {
		if lx.data[lx.pos] == 'E' && lx.data[lx.pos+1] == 'I' && (lx.pos == 0 || pdfsyntax.IsSpace(lx.data[lx.pos-1])) &&
			(lx.pos+2 == len(lx.data) || !pdfsyntax.IsRegular(lx.data[lx.pos+2])) {
			lx.pos += 2
			return
		}
		lx.pos++
	}
	lx.pos = len(lx.data)
}

func isNumberStart(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' }
