package decrypt

import "xxgk/extract/pdf/pdfsyntax"

// The rewriter copies a body with its strings replaced; the values it
// reads key by key are pdfsyntax's.

// literal decodes the literal string starting at b[i] == '(' and returns it
// with the position after its closing parenthesis.
func literal(b []byte, i int) ([]byte, int, error) { return wellFormed(pdfsyntax.Literal(b, i)) }

// hexString decodes the hex string starting at b[i] == '<': only white
// space may stand between its digits.
func hexString(b []byte, i int) ([]byte, int, error) { return wellFormed(pdfsyntax.Hex(b, i)) }

// wellFormed turns a string the data ends inside, or a hex string with a
// byte other than digits and space, into pdfsyntax.ErrSyntax.
func wellFormed(s []byte, end int, ok bool) ([]byte, int, error) {
	if !ok {
		return nil, 0, pdfsyntax.ErrSyntax
	}
	return s, end, nil
}
