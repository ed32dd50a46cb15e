package doc

import (
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// TestPieces reads a piece table of two pieces as Word writes them for a
// fast-saved document: a Unicode piece stored after a compressed one that
// comes later in the text, and cp1252 bytes that are not Latin-1.
func TestPieces(t *testing.T) {
	word := make([]byte, 0x200)
	// CPs 0–3: "报告：" and a paragraph mark, UTF-16LE at byte 0x100.
	for i, u := range utf16.Encode([]rune("报告：\r")) {
		binary.LittleEndian.PutUint16(word[0x100+2*i:], u)
	}
	// CPs 4–7: “12” in cp1252 (0x93 0x31 0x32 0x94) at byte 0x40.
	copy(word[0x40:], "\x93\x31\x32\x94")
	le := binary.LittleEndian
	clx := []byte{0x01, 2, 0, 0x16, 0x24} // a Prc of two bytes, before the Pcdt
	clx = append(clx, 0x02)
	pcdt := make([]byte, 4*3+8*2)
	le.PutUint32(pcdt[0:], 0)
	le.PutUint32(pcdt[4:], 4)
	le.PutUint32(pcdt[8:], 8)
	le.PutUint32(pcdt[12+2:], 0x100)               // Unicode at 0x100
	le.PutUint32(pcdt[20+2:], 0x40000000|(0x40*2)) // compressed at 0x40
	clx = le.AppendUint32(clx, uint32(len(pcdt)))
	clx = append(clx, pcdt...)
	c, err := parseClx(clx, len(word))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.prcs) != 1 || len(c.pieces) != 2 || !c.pieces[1].compressed || c.pieces[1].fc != 0x40 {
		t.Fatalf("pieces %+v, property lists %d", c.pieces, len(c.prcs))
	}
	chars, err := c.text(word, 8)
	if err != nil {
		t.Fatal(err)
	}
	var got []rune
	for _, ch := range chars {
		got = append(got, ch.r)
	}
	if string(got) != "报告：\r“12”" {
		t.Errorf("text %q", string(got))
	}
	if chars[4].fc != 0x40 || chars[1].fc != 0x102 {
		t.Errorf("stream offsets %#x %#x", chars[4].fc, chars[1].fc)
	}
	// A piece past the end of the stream, or text the table does not cover.
	if _, err := parseClx(clx, 0x104); err == nil {
		t.Error("a piece past the end of the stream was accepted")
	}
	if _, err := c.text(word, 9); err == nil {
		t.Error("CPs beyond the piece table were accepted")
	}
}
