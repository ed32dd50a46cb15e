// Package decrypt turns a PDF encrypted with the standard security handler
// and an empty user password (an owner password only: anyone may open it)
// into the same PDF unencrypted. The PDF library decrypts neither AES-256
// (revisions 5 and 6) nor RC4 keys shorter than 88 bits correctly, and such
// files are common among reports "protected" against copying.
//
// The rewrite copies every object with its strings and streams decrypted,
// lists the objects kept in object streams, and ends the file with a new
// cross-reference stream and no /Encrypt.
package decrypt

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"xxgk/extract/bounded"
	"xxgk/extract/pdf/pdfsyntax"
	"xxgk/schema"
)

// Plain returns data unencrypted: data itself when it is not encrypted, a
// rewritten file when it opens with the empty user password, and a
// *schema.Error with code encrypted when it needs a password. Other errors
// mean the file could not be rewritten.
func Plain(data []byte) (plain []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			plain, err = nil, fmt.Errorf("rewriting the encrypted PDF: %v", p)
		}
	}()
	tr, err := lastTrailer(data)
	if err != nil || tr["Encrypt"] == nil {
		return data, nil
	}
	encNum, _, isRef := pdfsyntax.Ref(tr["Encrypt"])
	var encDict map[string][]byte
	if isRef {
		body, _, err := findObject(data, encNum)
		if err != nil {
			return nil, fmt.Errorf("the encryption dictionary: %w", err)
		}
		if encDict, _, err = pdfsyntax.Dict(body, 0); err != nil {
			return nil, fmt.Errorf("the encryption dictionary: %w", err)
		}
	} else if encDict, _, err = pdfsyntax.Dict(tr["Encrypt"], 0); err != nil {
		return nil, fmt.Errorf("the encryption dictionary: %w", err)
	}
	s, err := readSecurity(encDict)
	if err != nil {
		return nil, err
	}
	var id0 []byte
	if ids := tr["ID"]; len(ids) > 1 && ids[0] == '[' {
		if end, err := pdfsyntax.SkipValue(ids, 1); err == nil {
			id0 = pdfsyntax.Str(bytes.TrimSpace(ids[1:end]))
		}
	}
	key, err := s.fileKey(id0)
	if errors.Is(err, errPassword) {
		return nil, &schema.Error{Code: schema.ErrEncrypted, Err: fmt.Errorf("the PDF is encrypted: %w", err)}
	}
	if err != nil {
		return nil, fmt.Errorf("the encryption key: %w", err)
	}
	w := rewriter{data: data, s: s, key: key, encNum: -1}
	if isRef {
		w.encNum = encNum
	}
	return w.rewrite(tr)
}

func readSecurity(d map[string][]byte) (*security, error) {
	if string(d["Filter"]) != "/Standard" {
		return nil, &schema.Error{Code: schema.ErrEncrypted, Err: fmt.Errorf("the PDF is encrypted with the %s security handler", d["Filter"])}
	}
	p, _ := strconv.ParseInt(string(d["P"]), 10, 64)
	s := &security{V: pdfsyntax.Int(d["V"]), R: pdfsyntax.Int(d["R"]), Length: pdfsyntax.Int(d["Length"]), P: uint32(p),
		O: pdfsyntax.Str(d["O"]), U: pdfsyntax.Str(d["U"]), OE: pdfsyntax.Str(d["OE"]), UE: pdfsyntax.Str(d["UE"]),
		EncryptMetadata: string(d["EncryptMetadata"]) != "false"}
	if s.Length == 0 {
		s.Length = 40
	}
	if s.V >= 4 {
		filters, _, _ := pdfsyntax.Dict(d["CF"], 0)
		method := func(name []byte) (aes, none bool) {
			if len(name) == 0 || string(name) == "/Identity" {
				return false, true
			}
			f, _, _ := pdfsyntax.Dict(filters[string(name[1:])], 0)
			switch string(f["CFM"]) {
			case "/AESV2", "/AESV3":
				return true, false
			case "/V2":
				return false, false
			}
			return false, true
		}
		s.StmAES, s.StmNone = method(d["StmF"])
		s.StrAES, s.StrNone = method(d["StrF"])
	}
	if s.V >= 5 {
		s.StmAES, s.StrAES = !s.StmNone, !s.StrNone
	}
	return s, nil
}

// lastTrailer reads the trailer that counts: the dictionary after the
// last "trailer" keyword, or else that of the last cross-reference stream.
func lastTrailer(data []byte) (map[string][]byte, error) {
	if i := bytes.LastIndex(data, []byte("trailer")); i >= 0 {
		if d, _, err := pdfsyntax.Dict(data, i+len("trailer")); err == nil {
			return d, nil
		}
	}
	if i := bytes.LastIndex(data, []byte("/XRef")); i >= 0 {
		if j := bytes.LastIndex(data[:i], []byte("<<")); j >= 0 {
			d, _, err := pdfsyntax.Dict(data, j)
			return d, err
		}
	}
	return nil, errors.New("no trailer")
}

// maxObjectStream bounds an object stream inflated to index the objects in
// it: a stream over it fails the file rather than losing its last objects.
const maxObjectStream = 64 << 20

var objHeader = regexp.MustCompile(`(\d+)\s+(\d+)\s+obj\b`)

// findObject returns the body of the last object numbered num in data.
func findObject(data []byte, num int) ([]byte, int, error) {
	re := regexp.MustCompile(`(?:^|[^0-9])` + strconv.Itoa(num) + `\s+(\d+)\s+obj\b`)
	all := re.FindAllSubmatchIndex(data, -1)
	if len(all) == 0 {
		return nil, 0, fmt.Errorf("object %d not found", num)
	}
	m := all[len(all)-1]
	return data[m[1]:], pdfsyntax.Int(data[m[2]:m[3]]), nil
}

// rewriter writes the decrypted file.
type rewriter struct {
	data   []byte
	s      *security
	key    []byte
	encNum int // the encryption dictionary's object, left as it is
	out    bytes.Buffer
	// where each object ended up: an offset in out, or a place in an
	// object stream.
	offsets map[int][2]int // object → offset, generation
	inStm   map[int][2]int // object → object stream, index
	maxNum  int
	index   map[int]int // object → where its body starts in data
}

func (w *rewriter) rewrite(tr map[string][]byte) ([]byte, error) {
	w.offsets, w.inStm = map[int][2]int{}, map[int][2]int{}
	w.out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for pos := 0; ; {
		m := objHeader.FindSubmatchIndex(w.data[pos:])
		if m == nil {
			break
		}
		start := pos + m[0]
		if start > 0 && pdfsyntax.IsRegular(w.data[start-1]) {
			pos += m[1]
			continue
		}
		num, gen := pdfsyntax.Int(w.data[pos+m[2]:pos+m[3]]), pdfsyntax.Int(w.data[pos+m[4]:pos+m[5]])
		end, err := w.object(num, gen, pos+m[1])
		if err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
		pos = end
	}
	if len(w.offsets) == 0 {
		return nil, errors.New("no objects")
	}
	w.xref(tr)
	return w.out.Bytes(), nil
}

// object copies object num from its body at i and returns where it ends.
func (w *rewriter) object(num, gen, i int) (int, error) {
	w.maxNum = max(w.maxNum, num)
	offset := w.out.Len()
	fmt.Fprintf(&w.out, "%d %d obj\n", num, gen)
	plain := num == w.encNum
	strKey := w.s.objectKey(w.key, num, gen, w.s.StrAES)
	body, end, kw, err := w.copyStrings(i, strKey, plain || w.s.StrNone)
	if err != nil {
		return 0, err
	}
	if kw == "endobj" {
		w.out.Write(body)
		w.out.WriteString("\nendobj\n")
		w.offsets[num] = [2]int{offset, gen}
		return end, nil
	}
	// A stream: its dictionary is body.
	d, _, err := pdfsyntax.Dict(body, 0)
	if err != nil {
		return 0, fmt.Errorf("stream dictionary: %w", err)
	}
	start := end
	if start < len(w.data) && w.data[start] == '\r' {
		start++
	}
	if start < len(w.data) && w.data[start] == '\n' {
		start++
	}
	n, err := w.length(d["Length"])
	if err != nil || start+n > len(w.data) || !bytes.HasPrefix(bytes.TrimLeft(w.data[start+n:], "\r\n \t"), []byte("endstream")) {
		// A wrong /Length: the data ends at endstream.
		k := bytes.Index(w.data[start:], []byte("endstream"))
		if k < 0 {
			return 0, errors.New("stream without endstream")
		}
		n = k
		for n > 0 && (w.data[start+n-1] == '\n' || w.data[start+n-1] == '\r') {
			n--
		}
	}
	raw := w.data[start : start+n]
	typ := string(d["Type"])
	if !plain && !w.s.StmNone && typ != "/XRef" && !(typ == "/Metadata" && !w.s.EncryptMetadata) {
		raw, err = open(w.s.objectKey(w.key, num, gen, w.s.StmAES), raw, w.s.StmAES)
		if err != nil {
			return 0, err
		}
	}
	if typ == "/XRef" {
		// Replaced by the new cross-reference stream.
		w.out.Truncate(offset)
	} else {
		w.out.Write(withLength(body, len(raw)))
		w.out.WriteString("\nstream\n")
		w.out.Write(raw)
		w.out.WriteString("\nendstream\nendobj\n")
		w.offsets[num] = [2]int{offset, gen}
		if typ == "/ObjStm" {
			if err := w.members(num, d, raw); err != nil {
				return 0, err
			}
		}
	}
	k := bytes.Index(w.data[start+n:], []byte("endobj"))
	if k < 0 {
		return len(w.data), nil
	}
	return start + n + k + len("endobj"), nil
}

// copyStrings copies the body from i up to the keyword stream or endobj,
// decrypting its strings with key (unless plain), and returns the copy,
// the position after the keyword and the keyword.
func (w *rewriter) copyStrings(i int, key []byte, plain bool) ([]byte, int, string, error) {
	var out []byte
	b := w.data
	for i < len(b) {
		c := b[i]
		switch {
		case c == '%':
			j := i
			for j < len(b) && b[j] != '\r' && b[j] != '\n' {
				j++
			}
			out = append(out, b[i:j]...)
			i = j
		case c == '(' || c == '<' && !bytes.HasPrefix(b[i:], []byte("<<")):
			var s []byte
			var end int
			var err error
			if c == '(' {
				s, end, err = literal(b, i)
			} else {
				s, end, err = hexString(b, i)
			}
			if err != nil {
				return nil, 0, "", err
			}
			if !plain {
				if s, err = open(key, s, w.s.StrAES); err != nil {
					// Some writers leave a string unencrypted:
					// keep it.
					s = pdfsyntax.Str(b[i:end])
				}
			}
			out = fmt.Appendf(out, "<%x>", s)
			i = end
		case c == '<': // "<<": hex strings are the case above
			out = append(out, "<<"...)
			i += 2
		case c == '/':
			j := pdfsyntax.TokenEnd(b, i+1)
			out = append(out, b[i:j]...)
			i = j
		case pdfsyntax.IsRegular(c):
			j := pdfsyntax.TokenEnd(b, i)
			switch kw := string(b[i:j]); kw {
			case "stream", "endobj":
				return out, j, kw, nil
			}
			out = append(out, b[i:j]...)
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
	return nil, 0, "", errors.New("no endobj")
}

// length resolves a stream's /Length, direct or indirect.
func (w *rewriter) length(v []byte) (int, error) {
	if num, _, ok := pdfsyntax.Ref(v); ok {
		if w.index == nil {
			// Where each object starts, found once: the last one wins, as
			// in an incremental update.
			w.index = map[int]int{}
			for _, m := range objHeader.FindAllSubmatchIndex(w.data, -1) {
				w.index[pdfsyntax.Int(w.data[m[2]:m[3]])] = m[1]
			}
		}
		at, ok := w.index[num]
		if !ok {
			return 0, fmt.Errorf("object %d not found", num)
		}
		body := w.data[at:]
		j := pdfsyntax.SkipSpace(body, 0)
		v = body[j:pdfsyntax.TokenEnd(body, j)]
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad /Length %q", v)
	}
	return n, nil
}

var lengthKey = regexp.MustCompile(`/Length\s+\d+(\s+\d+\s+R)?`)

// withLength sets a stream dictionary's /Length to n.
func withLength(d []byte, n int) []byte {
	loc := lengthKey.FindIndex(d)
	if loc == nil {
		i := bytes.LastIndex(d, []byte(">>"))
		return fmt.Appendf(append([]byte{}, d[:i]...), " /Length %d >>", n)
	}
	return fmt.Appendf(append([]byte{}, d[:loc[0]]...), "/Length %d%s", n, d[loc[1]:])
}

// members lists the objects kept in an object stream.
func (w *rewriter) members(num int, d map[string][]byte, raw []byte) error {
	if f := string(d["Filter"]); f != "/FlateDecode" && f != "[/FlateDecode]" && f != "" || d["DecodeParms"] != nil {
		return fmt.Errorf("object stream %d: filter %s", num, d["Filter"])
	}
	data := raw
	if len(d["Filter"]) > 0 {
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return fmt.Errorf("object stream %d: %w", num, err)
		}
		if data, err = bounded.ReadAll(zr, maxObjectStream, 0, fmt.Sprintf("object stream %d", num)); err != nil {
			// Not wrapped: Plain fails a file only with its own codes
			// (encrypted); on damage the reader gets the file as it is,
			// and its own bounded reads judge it.
			return fmt.Errorf("object stream %d: %v", num, err)
		}
	}
	fields := bytes.Fields(data[:min(len(data), max(0, pdfsyntax.Int(d["First"])))])
	for i := 0; i+1 < len(fields) && i/2 < pdfsyntax.Int(d["N"]); i += 2 {
		m := pdfsyntax.Int(fields[i])
		w.inStm[m] = [2]int{num, i / 2}
		w.maxNum = max(w.maxNum, m)
	}
	return nil
}

// xref ends the file with a cross-reference stream for every object kept
// and the trailer's /Root, /Info and /ID, without /Encrypt.
func (w *rewriter) xref(tr map[string][]byte) {
	xrefNum := w.maxNum + 1
	offset := w.out.Len()
	w.offsets[xrefNum] = [2]int{offset, 0}
	var rows bytes.Buffer
	for n := 0; n <= xrefNum; n++ {
		if at, ok := w.offsets[n]; ok {
			off, gen := at[0], at[1]
			rows.Write([]byte{1, byte(off >> 24), byte(off >> 16), byte(off >> 8), byte(off), byte(gen >> 8), byte(gen)})
		} else if at, ok := w.inStm[n]; ok {
			rows.Write([]byte{2, byte(at[0] >> 24), byte(at[0] >> 16), byte(at[0] >> 8), byte(at[0]), byte(at[1] >> 8), byte(at[1])})
		} else {
			rows.Write([]byte{0, 0, 0, 0, 0, 0xff, 0xff})
		}
	}
	fmt.Fprintf(&w.out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2]", xrefNum, xrefNum+1)
	for _, k := range []string{"Root", "Info", "ID"} {
		if v := tr[k]; v != nil {
			fmt.Fprintf(&w.out, " /%s %s", k, v)
		}
	}
	fmt.Fprintf(&w.out, " /Length %d >>\nstream\n", rows.Len())
	w.out.Write(rows.Bytes())
	fmt.Fprintf(&w.out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", offset)
}
