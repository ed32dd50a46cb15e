package repair

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"xxgk/extract/bounded"
	"xxgk/extract/pdf/pdfsyntax"
)

// Stats say what a rebuild found.
type Stats struct {
	// Objects is how many objects the new table lists, InStreams how many
	// of them are inside object streams.
	Objects, InStreams int
	// Dropped objects were damaged or cut off (no value, a stream without
	// endstream); Ignored ones had numbers beyond maxObjectNumber.
	Dropped, Ignored int
}

func (s Stats) String() string {
	out := fmt.Sprintf("the %d objects found in the file", s.Objects)
	if s.InStreams > 0 {
		out += fmt.Sprintf(" (%d in object streams)", s.InStreams)
	}
	if s.Dropped > 0 {
		out += fmt.Sprintf(", %d damaged or cut-off objects left out", s.Dropped)
	}
	if s.Ignored > 0 {
		out += fmt.Sprintf(", %d objects with impossible numbers ignored", s.Ignored)
	}
	return out
}

// Rebuild scans body, a PDF from its header on, for its objects and
// returns it with a new cross-reference stream appended that lists them.
// The scan is linear: every byte is looked at a bounded number of times,
// stream data is skipped (by its /Length when that ends at endstream,
// else up to the next endstream), and where one object number occurs more
// than once the last one in the file wins, as in an incremental update.
func Rebuild(body []byte) ([]byte, Stats, error) {
	s := scanner{data: body, objs: map[int]object{}, maxNum: min(len(body)/2+1024, maxObjectNumber)}
	s.scan()
	s.unpack()
	if len(s.objs) == 0 {
		return nil, s.stats, errors.New("no objects found")
	}
	tr, root, err := s.root()
	if err != nil {
		return nil, s.stats, err
	}
	for _, o := range s.objs {
		s.stats.Objects++
		if o.inStm {
			s.stats.InStreams++
		}
	}
	return s.write(tr, root), s.stats, nil
}

// object is where one object is: at off, or at place idx of object
// stream stm.
type object struct {
	gen      int
	off      int
	inStm    bool
	stm, idx int
	// order is where the object (or its object stream) is in the file,
	// to let the last one win.
	order int
	// catalog tells whether it is a /Type /Catalog dictionary.
	catalog bool
}

// objStm is an object stream met in the scan.
type objStm struct {
	num        int
	off        int
	dict       map[string][]byte
	start, end int // its data
}

// trailer is a trailer dictionary or a cross-reference stream's.
type trailer struct {
	order int
	dict  map[string][]byte
}

type scanner struct {
	data     []byte
	objs     map[int]object
	objStms  []objStm
	trailers []trailer
	maxNum   int
	top      int // the largest object number met
	stats    Stats
}

// candidate is a "N G obj" header found in the file.
type candidate struct {
	start, body int // where N starts, where the body after obj starts
	num, gen    int
}

// candidates finds every "N G obj" header: each "obj" keyword with two
// numbers before it, looked for a bounded way back.
func candidates(d []byte) []candidate {
	const maxBack = 32 // white space looked back over
	var out []candidate
	for pos := 0; ; {
		i := bytes.Index(d[pos:], []byte("obj"))
		if i < 0 {
			return out
		}
		i += pos
		pos = i + 3
		if pos < len(d) && pdfsyntax.IsRegular(d[pos]) {
			continue
		}
		j := i - 1
		gen, j, ok := numberBefore(d, j, maxBack)
		if !ok {
			continue
		}
		num, j, ok := numberBefore(d, j, maxBack)
		if !ok || j >= 0 && pdfsyntax.IsRegular(d[j]) || num == 0 {
			continue
		}
		out = append(out, candidate{start: j + 1, body: pos, num: num, gen: gen})
	}
}

// numberBefore reads back from d[j] over white space (at least one byte,
// at most maxBack) and up to ten digits, and returns the number and the
// position before it.
func numberBefore(d []byte, j, maxBack int) (int, int, bool) {
	k := j
	for k >= 0 && j-k < maxBack && pdfsyntax.IsSpace(d[k]) {
		k--
	}
	if k == j {
		return 0, 0, false
	}
	end := k + 1
	for k >= 0 && end-k <= 10 && d[k] >= '0' && d[k] <= '9' {
		k--
	}
	if k+1 == end {
		return 0, 0, false
	}
	n, err := strconv.Atoi(string(d[k+1 : end]))
	return n, k, err == nil
}

// scan records every object, skipping stream data.
func (s *scanner) scan() {
	d := s.data
	var ends []int // every endstream
	for pos := 0; ; {
		i := bytes.Index(d[pos:], []byte("endstream"))
		if i < 0 {
			break
		}
		ends = append(ends, pos+i)
		pos += i + len("endstream")
	}
	cands := candidates(d)
	skipUntil := 0
	for ci, c := range cands {
		if c.start < skipUntil {
			continue // inside the data of the stream before
		}
		if c.num > s.maxNum || c.gen > 65535 {
			s.stats.Ignored++
			continue
		}
		s.top = max(s.top, c.num)
		// A value never runs into the next header: a damaged one cannot
		// swallow the objects after it.
		region := d
		if ci+1 < len(cands) {
			region = d[:cands[ci+1].start]
		}
		p := pdfsyntax.SkipSpace(region, c.body)
		end, err := pdfsyntax.SkipValue(region, p)
		if err != nil {
			s.stats.Dropped++
			continue
		}
		// The dictionary is read only where it matters: streams and
		// catalogs.
		q := pdfsyntax.SkipSpace(region, end)
		isStream := bytes.HasPrefix(d[q:], []byte("stream"))
		var dict map[string][]byte
		if bytes.HasPrefix(d[p:], []byte("<<")) && (isStream || bytes.Contains(d[p:end], []byte("/Catalog"))) {
			dict, _, _ = pdfsyntax.Dict(region, p)
		}
		o := object{gen: c.gen, off: c.start, order: c.start, catalog: string(dict["Type"]) == "/Catalog"}
		if dict != nil && isStream {
			start, stop, after, ok := streamData(d, q+len("stream"), dict, ends)
			if !ok {
				s.stats.Dropped++
				continue
			}
			skipUntil = after
			switch string(dict["Type"]) {
			case "/ObjStm":
				s.objStms = append(s.objStms, objStm{num: c.num, off: c.start, dict: dict, start: start, end: stop})
			case "/XRef":
				s.trailers = append(s.trailers, trailer{order: c.start, dict: dict})
			}
		}
		s.objs[c.num] = o
	}
	for pos := 0; ; {
		i := bytes.Index(d[pos:], []byte("trailer"))
		if i < 0 {
			break
		}
		pos += i + len("trailer")
		if tr, _, err := pdfsyntax.Dict(d, pos); err == nil {
			s.trailers = append(s.trailers, trailer{order: pos, dict: tr})
		}
	}
	sort.SliceStable(s.trailers, func(i, j int) bool { return s.trailers[i].order < s.trailers[j].order })
	// The trailers' /Size also counts objects not found (in an object
	// stream that cannot be read): their numbers stay unused too.
	for _, tr := range s.trailers {
		if n, err := strconv.Atoi(string(tr.dict["Size"])); err == nil && n-1 <= s.maxNum {
			s.top = max(s.top, n-1)
		}
	}
}

// streamData finds the data of the stream whose keyword ends at pos: from
// after its line end to its /Length when endstream follows there, else to
// the next endstream. after is the position after endstream.
func streamData(d []byte, pos int, dict map[string][]byte, ends []int) (start, stop, after int, ok bool) {
	start = pos
	switch {
	case bytes.HasPrefix(d[start:], []byte("\r\n")):
		start += 2
	case bytes.HasPrefix(d[start:], []byte("\n")), bytes.HasPrefix(d[start:], []byte("\r")):
		start++
	}
	if n, err := strconv.Atoi(string(dict["Length"])); err == nil && n >= 0 && n <= len(d)-start {
		e := start + n
		k := e
		for k < len(d) && k-e < 4 && pdfsyntax.IsSpace(d[k]) {
			k++
		}
		if bytes.HasPrefix(d[k:], []byte("endstream")) {
			return start, e, k + len("endstream"), true
		}
	}
	i := sort.SearchInts(ends, start)
	if i == len(ends) {
		return 0, 0, 0, false
	}
	stop = ends[i]
	for stop > start && (d[stop-1] == '\n' || d[stop-1] == '\r') {
		stop--
	}
	return start, stop, ends[i] + len("endstream"), true
}

// unpack lists the objects of every object stream still current.
func (s *scanner) unpack() {
	budget := maxObjStmTotal
	for _, st := range s.objStms {
		if o, ok := s.objs[st.num]; !ok || o.inStm || o.off != st.off {
			continue // replaced later in the file
		}
		data, err := s.decode(st, &budget)
		n, err2 := strconv.Atoi(string(st.dict["N"]))
		first, err3 := strconv.Atoi(string(st.dict["First"]))
		if err != nil || err2 != nil || err3 != nil || n < 0 || first < 0 || first > len(data) {
			s.stats.Dropped++
			continue
		}
		fields := bytes.Fields(data[:first])
		for k := 0; k < n && 2*k+1 < len(fields); k++ {
			num, err1 := strconv.Atoi(string(fields[2*k]))
			off, err2 := strconv.Atoi(string(fields[2*k+1]))
			if err1 != nil || err2 != nil || num <= 0 || off < 0 || first+off > len(data) {
				s.stats.Dropped++
				continue
			}
			if num > s.maxNum {
				s.stats.Ignored++
				continue
			}
			s.top = max(s.top, num)
			if o, ok := s.objs[num]; ok && o.order > st.off {
				continue // a newer copy outside the stream
			}
			next := len(data)
			if 2*k+3 < len(fields) {
				if m, err := strconv.Atoi(string(fields[2*k+3])); err == nil && first+m >= first+off && first+m <= len(data) {
					next = first + m
				}
			}
			member := data[first+off : next]
			catalog := false
			if bytes.Contains(member, []byte("/Catalog")) {
				d, _, _ := pdfsyntax.Dict(member, 0)
				catalog = string(d["Type"]) == "/Catalog"
			}
			s.objs[num] = object{inStm: true, stm: st.num, idx: k, order: st.off, catalog: catalog}
		}
	}
}

// decode returns an object stream's data, FlateDecode or none, within the
// budget left of decompressed bytes.
func (s *scanner) decode(st objStm, budget *int) ([]byte, error) {
	raw := s.data[st.start:st.end]
	if _, ok := st.dict["DecodeParms"]; ok {
		return nil, errors.New("object stream with /DecodeParms")
	}
	switch f := string(bytes.Trim(st.dict["Filter"], "[] ")); f {
	case "":
		return raw, nil
	case "/FlateDecode":
	default:
		return nil, fmt.Errorf("object stream filter %s", f)
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	// A stream cut short is dropped whole: the library could not read
	// the objects in it either.
	data, err := bounded.ReadAll(zr, int64(min(maxObjStm, *budget)), 0, fmt.Sprintf("object stream %d", st.num))
	*budget -= len(data)
	return data, err
}

// root chooses the trailer (nil if none serves) and the document catalog:
// the last trailer whose /Root is an object found, else the last catalog.
func (s *scanner) root() (map[string][]byte, string, error) {
	for i := len(s.trailers) - 1; i >= 0; i-- {
		tr := s.trailers[i].dict
		if num, gen, ok := pdfsyntax.Ref(tr["Root"]); ok {
			if o, found := s.objs[num]; found && (o.inStm || o.gen == gen) {
				return tr, string(tr["Root"]), nil
			}
		}
	}
	best, at := -1, -1
	for num, o := range s.objs {
		if o.catalog && (o.order > at || o.order == at && num > best) {
			best, at = num, o.order
		}
	}
	if best < 0 {
		return nil, "", errors.New("no document catalog (/Root) found")
	}
	return nil, fmt.Sprintf("%d %d R", best, s.objs[best].gen), nil
}

// write appends the new cross-reference stream to the file.
func (s *scanner) write(tr map[string][]byte, root string) []byte {
	// The new stream's number is above every number met, left-out
	// objects' too: a reference to one of them must find nothing.
	xnum := s.top + 1
	var rows bytes.Buffer
	row := func(typ byte, f2, f3 int) {
		rows.WriteByte(typ)
		for _, v := range []int{f2, f3} {
			rows.Write([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		}
	}
	out := make([]byte, 0, len(s.data)+9*(xnum+1)+256)
	out = append(append(out, s.data...), '\n')
	xoff := len(out)
	for n := 0; n <= xnum; n++ {
		o, ok := s.objs[n]
		switch {
		case n == xnum:
			row(1, xoff, 0)
		case !ok:
			row(0, 0, 0)
		case o.inStm:
			row(2, o.stm, o.idx)
		default:
			row(1, o.off, o.gen)
		}
	}
	out = fmt.Appendf(out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Root %s", xnum, xnum+1, root)
	for _, k := range []string{"Info", "ID", "Encrypt"} {
		if v := tr[k]; v != nil {
			out = fmt.Appendf(out, " /%s %s", k, v)
		}
	}
	out = fmt.Appendf(out, " /Length %d >>\nstream\n", rows.Len())
	out = append(out, rows.Bytes()...)
	out = fmt.Appendf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", xoff)
	// A header the library refuses ("%PDF-2.0", "%PDF-1.4 %…") is made
	// one it reads, in place: only the header comment changes.
	if !libraryHeader(out) && len(out) > 9 && out[5] >= '0' && out[5] <= '9' && out[6] == '.' && out[7] >= '0' && out[7] <= '9' && !pdfsyntax.IsRegular(out[8]) {
		copy(out[5:], "1.7\n")
	}
	return out
}
