package repair

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"

	"xxgk/extract/pdf/pdfsyntax"
)

// Check tells whether the PDF library can use the cross-reference
// information data states, following what the library does: the header,
// the startxref in the last 100 bytes before %%EOF, every section of the
// /Prev chain (tables and streams), the /Root. Every object the sections
// say is in use must start at its offset; an error says the first thing
// that is wrong.
func Check(data []byte) error {
	if !libraryHeader(data) {
		return errors.New("a header the PDF library does not read")
	}
	at, err := startXref(data)
	if err != nil {
		return err
	}
	c := checker{data: data, limit: int64(len(data))/2 + 1024, inUse: map[int]bool{}}
	seen := map[int64]bool{}
	var root []byte
	classic := false
	for n := 0; ; n++ {
		switch {
		case n == maxSections:
			return fmt.Errorf("more than %d cross-reference sections", maxSections)
		case seen[at]:
			return errors.New("the /Prev chain of cross-reference sections loops")
		case at < 0 || at >= int64(len(data)):
			return fmt.Errorf("a cross-reference section at offset %d, outside the file", at)
		}
		seen[at] = true
		pos := pdfsyntax.SkipSpace(data, int(at))
		isTable := bytes.HasPrefix(data[pos:], []byte("xref"))
		if n == 0 {
			classic = isTable
		} else if isTable != classic {
			return fmt.Errorf("the /Prev at offset %d points at another kind of cross-reference section", at)
		}
		var tr map[string][]byte
		if isTable {
			tr, err = c.table(pos+len("xref"), n == 0)
		} else {
			tr, err = c.stream(pos, n == 0)
		}
		if err != nil {
			return err
		}
		if n == 0 {
			root = tr["Root"]
		}
		if hybrid := tr["XRefStm"]; hybrid != nil && isTable {
			// The library reads only the table of a hybrid file: objects
			// listed in its stream alone would be missing.
			if err := c.hybrid(hybrid); err != nil {
				return err
			}
		}
		prev, ok := tr["Prev"]
		if !ok {
			break
		}
		if at, err = strconv.ParseInt(string(prev), 10, 64); err != nil {
			return fmt.Errorf("a /Prev that is not an offset: %q", prev)
		}
	}
	num, _, ok := pdfsyntax.Ref(root)
	if !ok || !c.inUse[num] {
		return errors.New("no /Root in the trailer, or one the table does not list")
	}
	return nil
}

// libraryHeader tells whether data starts the way the library requires.
func libraryHeader(b []byte) bool {
	return len(b) >= 9 && bytes.HasPrefix(b, []byte("%PDF-1.")) && b[7] >= '0' && b[7] <= '7' && (b[8] == '\r' || b[8] == '\n')
}

// startXref reads the offset after the last startxref as the library does:
// within the last 100 bytes, which must end with %%EOF, white space
// aside.
func startXref(data []byte) (int64, error) {
	const endChunk = 100
	tail := bytes.TrimRight(data[max(0, len(data)-endChunk):], "\r\n\t ")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		return 0, errors.New("no %%EOF at the end")
	}
	i := -1
	for end := len(tail); ; {
		j := bytes.LastIndex(tail[:end], []byte("startxref"))
		if j <= 0 || j+9 >= len(tail) {
			return 0, errNoStartxref
		}
		if eol(tail[j-1]) && eol(tail[j+9]) {
			i = j
			break
		}
		end = j
	}
	tok := word(tail, i+9)
	n, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("startxref followed by %q, not an offset", tok)
	}
	return n, nil
}

func eol(c byte) bool { return c == '\n' || c == '\r' }

// word returns the regular characters after the white space at i.
func word(b []byte, i int) []byte {
	i = pdfsyntax.SkipSpace(b, i)
	return b[i:pdfsyntax.TokenEnd(b, i)]
}

// checker follows the sections of one file.
type checker struct {
	data  []byte
	limit int64 // the most objects a file of this size can have
	// inUse are the objects some section lists as in use.
	inUse map[int]bool
	// size is the /Size of the newest cross-reference stream.
	size int64
}

// table checks the classic table whose subsections start at pos and
// returns its trailer.
func (c *checker) table(pos int, first bool) (map[string][]byte, error) {
	d := c.data
	for {
		pos = pdfsyntax.SkipSpace(d, pos)
		if bytes.HasPrefix(d[pos:], []byte("trailer")) {
			break
		}
		start, err1 := strconv.ParseInt(string(word(d, pos)), 10, 64)
		pos = pdfsyntax.TokenEnd(d, pdfsyntax.SkipSpace(d, pos))
		n, err2 := strconv.ParseInt(string(word(d, pos)), 10, 64)
		pos = pdfsyntax.TokenEnd(d, pdfsyntax.SkipSpace(d, pos))
		if err1 != nil || err2 != nil || start < 0 || n < 0 || start+n > c.limit {
			return nil, errors.New("a damaged cross-reference table")
		}
		for x := start; x < start+n; x++ {
			var f [3][]byte
			for k := range f {
				pos = pdfsyntax.SkipSpace(d, pos)
				end := pdfsyntax.TokenEnd(d, pos)
				f[k], pos = d[pos:end], end
			}
			off, err1 := strconv.ParseInt(string(f[0]), 10, 64)
			gen, err2 := strconv.ParseInt(string(f[1]), 10, 64)
			if err1 != nil || err2 != nil || string(f[2]) != "n" && string(f[2]) != "f" {
				return nil, errors.New("a damaged cross-reference table")
			}
			if string(f[2]) == "n" && off != 0 {
				if err := c.object(int(x), gen, off); err != nil {
					return nil, err
				}
			}
		}
	}
	tr, _, err := pdfsyntax.Dict(d, pos+len("trailer"))
	if err != nil {
		return nil, errors.New("a cross-reference table without a trailer dictionary")
	}
	if _, err := strconv.Atoi(string(tr["Size"])); first && err != nil {
		return nil, errors.New("a trailer without /Size")
	}
	return tr, nil
}

// object checks that object num, generation gen, starts at off.
func (c *checker) object(num int, gen, off int64) error {
	if off < 0 || off >= int64(len(c.data)) {
		return fmt.Errorf("object %d at offset %d, outside the file", num, off)
	}
	n, g, _, ok := header(c.data, int(off))
	if !ok || n != num || g != gen {
		return fmt.Errorf("object %d is not at offset %d", num, off)
	}
	c.inUse[num] = true
	return nil
}

// header reads "N G obj" at pos (after white space) and returns the
// numbers and the position after obj.
func header(d []byte, pos int) (num int, gen int64, end int, ok bool) {
	pos = pdfsyntax.SkipSpace(d, pos)
	e := pdfsyntax.TokenEnd(d, pos)
	n, err1 := strconv.Atoi(string(d[pos:e]))
	pos = pdfsyntax.SkipSpace(d, e)
	e = pdfsyntax.TokenEnd(d, pos)
	g, err2 := strconv.ParseInt(string(d[pos:e]), 10, 64)
	pos = pdfsyntax.SkipSpace(d, e)
	e = pdfsyntax.TokenEnd(d, pos)
	if err1 != nil || err2 != nil || string(d[pos:e]) != "obj" {
		return 0, 0, 0, false
	}
	return n, g, e, true
}

// xrefStream is a cross-reference stream's dictionary and rows.
type xrefStream struct {
	dict  map[string][]byte
	w     [3]int
	index []int64 // start, count pairs
	size  int64
	rows  io.Reader
	wide  []byte // one row
}

// stream checks the cross-reference stream object at pos and returns its
// dictionary.
func (c *checker) stream(pos int, first bool) (map[string][]byte, error) {
	xs, err := c.openStream(pos)
	if err != nil {
		return nil, err
	}
	// The library reads older sections into the table the newest sized.
	if first {
		c.size = xs.size
	} else if xs.size > c.size {
		return nil, errors.New("an older cross-reference stream larger than the newest")
	}
	err = xs.each(func(x int64, typ, f2, f3 int) error {
		switch typ {
		case 1:
			if f2 != 0 {
				return c.object(int(x), int64(f3), int64(f2))
			}
		case 2:
			c.inUse[int(x)] = true
		}
		return nil
	})
	return xs.dict, err
}

// hybrid checks the stream of a hybrid file: it must list no object the
// table does not.
func (c *checker) hybrid(at []byte) error {
	off, err := strconv.Atoi(string(at))
	if err != nil || off < 0 || off >= len(c.data) {
		return errors.New("a hybrid file's /XRefStm is not an offset in the file")
	}
	xs, err := c.openStream(pdfsyntax.SkipSpace(c.data, off))
	if err != nil {
		return err
	}
	return xs.each(func(x int64, typ, f2, f3 int) error {
		if typ == 2 && !c.inUse[int(x)] {
			return errors.New("a hybrid file: objects in object streams listed only in its /XRefStm, which the PDF library does not read")
		}
		return nil
	})
}

// openStream reads the dictionary of the cross-reference stream at pos and
// opens its rows, as the library would read them.
func (c *checker) openStream(pos int) (*xrefStream, error) {
	d := c.data
	broken := func(what string) error {
		return fmt.Errorf("a broken cross-reference stream at offset %d: %s", pos, what)
	}
	_, _, end, ok := header(d, pos)
	if !ok {
		return nil, fmt.Errorf("no cross-reference section at offset %d", pos)
	}
	dict, end, err := pdfsyntax.Dict(d, end)
	if err != nil {
		return nil, broken("its dictionary")
	}
	end = pdfsyntax.SkipSpace(d, end)
	if !bytes.HasPrefix(d[end:], []byte("stream")) {
		return nil, broken("no stream")
	}
	start := end + len("stream")
	switch {
	case bytes.HasPrefix(d[start:], []byte("\r\n")):
		start += 2
	case bytes.HasPrefix(d[start:], []byte("\n")), bytes.HasPrefix(d[start:], []byte("\r")):
		start++
	default:
		return nil, broken("no line end after stream")
	}
	xs := &xrefStream{dict: dict}
	if string(dict["Type"]) != "/XRef" {
		return nil, broken("not /Type /XRef")
	}
	if xs.size, err = strconv.ParseInt(string(dict["Size"]), 10, 64); err != nil || xs.size < 0 || xs.size > c.limit {
		return nil, broken("its /Size")
	}
	w := bytes.Fields(bytes.Trim(dict["W"], "[]"))
	if len(w) < 3 {
		return nil, broken("its /W")
	}
	total := 0
	for k, f := range w {
		n, err := strconv.Atoi(string(f))
		if err != nil || n < 0 || n > 8 {
			return nil, broken("its /W")
		}
		if k < 3 {
			xs.w[k] = n
		}
		total += n
	}
	xs.wide = make([]byte, total)
	xs.index = []int64{0, xs.size}
	if idx, ok := dict["Index"]; ok {
		f := bytes.Fields(bytes.Trim(idx, "[]"))
		xs.index = xs.index[:0]
		if len(f)%2 != 0 {
			return nil, broken("its /Index")
		}
		for k := 0; k < len(f); k += 2 {
			s, err1 := strconv.ParseInt(string(f[k]), 10, 64)
			n, err2 := strconv.ParseInt(string(f[k+1]), 10, 64)
			if err1 != nil || err2 != nil || s < 0 || n < 0 || s+n > c.limit {
				return nil, broken("its /Index")
			}
			xs.index = append(xs.index, s, n)
		}
	}
	length, err := strconv.Atoi(string(dict["Length"]))
	if err != nil || length < 0 || start+length > len(d) {
		return nil, broken("its /Length")
	}
	raw := d[start : start+length]
	switch f := string(bytes.Trim(dict["Filter"], "[] ")); f {
	case "":
		xs.rows = bytes.NewReader(raw)
	case "/FlateDecode":
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, broken(err.Error())
		}
		xs.rows = zr
	default:
		return nil, broken("filter " + f)
	}
	if parms, ok := dict["DecodeParms"]; ok {
		p, _, err := pdfsyntax.Dict(bytes.Trim(parms, "[] "), 0)
		switch pred := string(p["Predictor"]); {
		case err != nil:
			return nil, broken("its /DecodeParms")
		case pred == "12":
			columns, err := strconv.Atoi(string(p["Columns"]))
			if err != nil || columns <= 0 || columns > 64 {
				return nil, broken("its /Columns")
			}
			xs.rows = &pngUp{r: xs.rows, row: make([]byte, 1+columns), prev: make([]byte, columns)}
		case pred != "" && pred != "1":
			// The library knows PNG Up (12) only.
			return nil, broken("predictor " + pred)
		}
	}
	return xs, nil
}

// each calls f with every row of the stream: object number, type, fields.
func (xs *xrefStream) each(f func(x int64, typ, f2, f3 int) error) error {
	for k := 0; k < len(xs.index); k += 2 {
		for x := xs.index[k]; x < xs.index[k]+xs.index[k+1]; x++ {
			if _, err := io.ReadFull(xs.rows, xs.wide); err != nil {
				return fmt.Errorf("a broken cross-reference stream: %v", err)
			}
			typ := 1
			if xs.w[0] > 0 {
				typ = field(xs.wide[:xs.w[0]])
			}
			f2 := field(xs.wide[xs.w[0] : xs.w[0]+xs.w[1]])
			f3 := field(xs.wide[xs.w[0]+xs.w[1] : xs.w[0]+xs.w[1]+xs.w[2]])
			if err := f(x, typ, f2, f3); err != nil {
				return err
			}
		}
	}
	return nil
}

func field(b []byte) int {
	x := 0
	for _, c := range b {
		x = x<<8 | int(c)
	}
	return x
}

// pngUp undoes the PNG Up predictor row by row, as the library does: a
// row with another PNG filter is an error.
type pngUp struct {
	r    io.Reader
	row  []byte
	prev []byte
	pend []byte
}

func (p *pngUp) Read(b []byte) (int, error) {
	if len(p.pend) == 0 {
		if _, err := io.ReadFull(p.r, p.row); err != nil {
			return 0, err
		}
		if p.row[0] != 2 {
			return 0, errors.New("a row not PNG Up encoded")
		}
		for i, c := range p.row[1:] {
			p.prev[i] += c
		}
		p.pend = p.prev
	}
	n := copy(b, p.pend)
	p.pend = p.pend[n:]
	return n, nil
}
