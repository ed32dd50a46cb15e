package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"

	"xxgk/extract/bounded"
	"xxgk/extract/pdf/decrypt"
	"xxgk/extract/pdf/font"
	"xxgk/extract/pdf/repair"
	"xxgk/extract/quality"
	"xxgk/schema"
)

// reader owns every call into the PDF library. The library panics on
// damaged files, so each call runs under safely.
type reader struct {
	lib *pdf.Reader
	// pages are the page objects in order (pageList).
	pages []pdf.Value
	// fonts and forms are loaded once per PDF object, shared by pages.
	fonts map[string]*font.Font
	forms map[string]*form
	// fontErr is the first font that could not be loaded.
	fontErr error
	// missingPages are the page-tree kids that are no object,
	// missingContent the pages whose /Contents is no object.
	missingPages   int
	missingContent []int
	// tallies say, page by page, how readable the text shown was.
	tallies []quality.Page
}

// resources is a resource dictionary with its fonts and forms looked up
// once by name.
type resources struct {
	v      pdf.Value
	fonts  map[string]*font.Font
	forms  map[string]*form
	refs   map[string]string // "Font"/"XObject" → the dictionary as text
	parent *resources        // forms without /Resources use their page's
}

func newResources(v pdf.Value, parent *resources) *resources {
	return &resources{v: v, fonts: map[string]*font.Font{}, forms: map[string]*form{}, refs: map[string]string{}, parent: parent}
}

// form is a form XObject ready to run.
type form struct {
	content []byte
	matrix  matrix
	res     *resources
}

// safely runs f, turning a library panic or an error into an unreadable
// *schema.Error that names what was being read.
func safely(what string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s: %v", what, p)}
		}
	}()
	if err := f(); err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			return err
		}
		return &schema.Error{Code: schema.ErrUnreadable, Err: fmt.Errorf("%s: %w", what, err)}
	}
	return nil
}

// open opens data with the library, repaired first when its structure is
// damaged (repair.Repair); the note says how. A file the library still
// cannot open although its cross-reference table looked usable is rebuilt
// and tried once more.
func open(data []byte) (*reader, *schema.Note, error) {
	var fixed repair.Result
	err := safely("repairing the file", func() (err error) {
		fixed, err = repair.Repair(data)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if !fixed.Repaired() {
		if err := checkXref(data); err != nil {
			return nil, nil, err
		}
	}
	d, err := openLib(fixed.Data)
	var se *schema.Error
	if err != nil && !fixed.Repaired() && errors.As(err, &se) && se.Code == schema.ErrUnreadable {
		var rebuilt []byte
		var stats repair.Stats
		if rerr := safely("repairing the file", func() (err error) {
			rebuilt, stats, err = repair.Rebuild(data)
			return err
		}); rerr != nil {
			return nil, nil, err
		}
		fixed = repair.Result{Data: rebuilt, How: []string{fmt.Sprintf("the PDF library could not open it (%v): the cross-reference table was rebuilt from %s", se.Err, stats)}}
		d, err = openLib(rebuilt)
	}
	if err != nil {
		return nil, nil, err
	}
	if !fixed.Repaired() {
		return d, nil, nil
	}
	return d, &schema.Note{Code: NoteRepaired, Message: fixed.Note()}, nil
}

// NoteRepaired is the code of the note on a document read from a repaired
// PDF (docs/repair.md).
const NoteRepaired = "repaired"

// openLib decrypts data when it opens without a password and hands it to
// the library.
func openLib(data []byte) (*reader, error) {
	// Files that open without a password are decrypted here: the library
	// gets AES-256 and short RC4 keys wrong. When the rewrite fails, the
	// library gets the file as it is.
	plain, err := decrypt.Plain(data)
	var se *schema.Error
	switch {
	case errors.As(err, &se):
		return nil, err
	case err == nil:
		data = plain
	}
	var lib *pdf.Reader
	err = safely("opening the file", func() error {
		var err error
		lib, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		return err
	})
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(strings.ToLower(err.Error()), "encrypt") {
			return nil, &schema.Error{Code: schema.ErrEncrypted, Err: fmt.Errorf("the PDF is encrypted: %w", err)}
		}
		return nil, err
	}
	if err := weakEncryption(lib); err != nil {
		return nil, err
	}
	return &reader{lib: lib, fonts: map[string]*font.Font{}, forms: map[string]*form{}}, nil
}

// numPages returns the page count.
func (d *reader) numPages() (n int, err error) {
	err = safely("reading the page tree", func() error {
		var err error
		d.pages, d.missingPages, err = pageList(d.lib.Trailer().Key("Root").Key("Pages"))
		n = len(d.pages)
		return err
	})
	return n, err
}

// pageSetup is what the interpreter needs of a page object.
type pageSetup struct {
	content       []byte
	res           *resources
	ctm           matrix // user space → displayed top-left coordinates
	width, height float64
}

// setup reads page n (1-based): its boxes, rotation, content and resources.
func (d *reader) setup(n int) (*pageSetup, error) {
	s := &pageSetup{}
	err := safely(fmt.Sprintf("page %d", n), func() error {
		if d.pages == nil {
			var err error
			if d.pages, d.missingPages, err = pageList(d.lib.Trailer().Key("Root").Key("Pages")); err != nil {
				return err
			}
		}
		if n < 1 || n > len(d.pages) {
			return errors.New("missing from the page tree")
		}
		p := pdf.Page{V: d.pages[n-1]}
		box := [4]float64{0, 0, 595, 842}
		for _, key := range []string{"MediaBox", "CropBox"} {
			if b := inherited(p.V, key); b.Len() == 4 {
				box = [4]float64{b.Index(0).Float64(), b.Index(1).Float64(), b.Index(2).Float64(), b.Index(3).Float64()}
			}
		}
		llx, lly := min(box[0], box[2]), min(box[1], box[3])
		urx, ury := max(box[0], box[2]), max(box[1], box[3])
		rotate := ((int(inherited(p.V, "Rotate").Int64())%360 + 360) % 360) / 90 * 90
		// The initial CTM maps user space straight to the page as
		// displayed: rotated clockwise by /Rotate, origin top-left, y down.
		switch rotate {
		case 90:
			s.ctm, s.width, s.height = matrix{0, 1, 1, 0, -lly, -llx}, ury-lly, urx-llx
		case 180:
			s.ctm, s.width, s.height = matrix{-1, 0, 0, 1, urx, -lly}, urx-llx, ury-lly
		case 270:
			s.ctm, s.width, s.height = matrix{0, -1, -1, 0, ury, urx}, ury-lly, urx-llx
		default:
			s.ctm, s.width, s.height = matrix{1, 0, 0, -1, -llx, ury}, urx-llx, ury-lly
		}
		var err error
		contents := p.V.Key("Contents")
		s.content, err = readContents(contents)
		s.res = newResources(inherited(p.V, "Resources"), nil)
		// The library hides a reference to no object as null: only the
		// page printed shows that it names one.
		if contents.IsNull() && strings.Contains(p.V.String(), "/Contents ") {
			d.missingContent = append(d.missingContent, n)
		}
		return err
	})
	if err != nil {
		var se *schema.Error
		if errors.As(err, &se) {
			se.Page = n
		}
		return nil, err
	}
	return s, nil
}

func inherited(v pdf.Value, key string) pdf.Value {
	// The depth bound guards against a /Parent loop.
	for i := 0; i < 64 && !v.IsNull(); i, v = i+1, v.Key("Parent") {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
	}
	return pdf.Value{}
}

// readContents concatenates a page's content streams.
func readContents(v pdf.Value) ([]byte, error) {
	switch v.Kind() {
	case pdf.Stream:
		return readStream(v)
	case pdf.Array:
		var out []byte
		for i := 0; i < v.Len(); i++ {
			b, err := readStream(v.Index(i))
			if err != nil {
				return nil, err
			}
			out = append(append(out, b...), '\n')
		}
		return out, nil
	}
	return nil, nil
}

func readStream(v pdf.Value) ([]byte, error) {
	rc := v.Reader()
	defer rc.Close()
	return bounded.ReadAll(rc, maxStream, 0, "a stream")
}

// font returns the font named in res, loading it once per PDF object. A
// font that cannot be loaded is nil: its text is lost (and counted), the
// rest of the page is still read.
func (d *reader) font(res *resources, name string) (*font.Font, error) {
	for r := res; r != nil; r = r.parent {
		if f, ok := r.fonts[name]; ok {
			return f, nil
		}
	}
	var f *font.Font
	err := safely("font "+name, func() error {
		for r := res; r != nil && f == nil; r = r.parent {
			dict := r.v.Key("Font")
			v := dict.Key(name)
			if v.IsNull() {
				continue
			}
			id := r.ref("Font", dict, name)
			if id == "" {
				id = v.String()
			}
			if cached, ok := d.fonts[id]; ok {
				f = cached
				break
			}
			loaded, err := font.Load(v)
			if err != nil {
				if d.fontErr == nil {
					d.fontErr = err
				}
			}
			d.fonts[id] = loaded
			f = loaded
			break
		}
		return nil
	})
	res.fonts[name] = f
	return f, err
}

// ref returns the "N G R" reference under name in the resource dictionary
// dict of kind (Font, XObject), or "" for a direct object. The library
// hides references, but prints them unresolved.
func (r *resources) ref(kind string, dict pdf.Value, name string) string {
	text, ok := r.refs[kind]
	if !ok {
		text = dict.String()
		r.refs[kind] = text
	}
	i := strings.Index(text, "/"+name+" ")
	if i < 0 {
		return ""
	}
	rest := text[i+len(name)+2:]
	fields := strings.Fields(rest)
	if len(fields) < 3 || strings.TrimRight(fields[2], ">]/") != "R" && !strings.HasPrefix(fields[2], "R") {
		return ""
	}
	return fields[0] + " " + fields[1] + " R"
}

// xobject returns the form XObject named in res, or nil for images and
// anything else that draws no text or lines.
func (d *reader) xobject(res *resources, name string) (*form, error) {
	for r := res; r != nil; r = r.parent {
		if f, ok := r.forms[name]; ok {
			return f, nil
		}
	}
	var f *form
	err := safely("XObject "+name, func() error {
		for r := res; r != nil && f == nil; r = r.parent {
			dict := r.v.Key("XObject")
			v := dict.Key(name)
			if v.IsNull() {
				continue
			}
			if v.Key("Subtype").Name() != "Form" {
				return nil
			}
			id := r.ref("XObject", dict, name)
			if cached, ok := d.forms[id]; ok && id != "" {
				f = cached
				return nil
			}
			content, err := readStream(v)
			if err != nil {
				return err
			}
			m := identityMatrix
			if mv := v.Key("Matrix"); mv.Len() == 6 {
				for i := range 6 {
					m[i] = mv.Index(i).Float64()
				}
			}
			fres := res
			if rv := v.Key("Resources"); rv.Kind() == pdf.Dict {
				fres = newResources(rv, res)
			}
			f = &form{content: content, matrix: m, res: fres}
			if id != "" {
				d.forms[id] = f
			}
		}
		return nil
	})
	res.forms[name] = f
	return f, err
}
