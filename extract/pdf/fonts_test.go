package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"xxgk/schema"
)

// matrixLine is one line of expected.json: the text a line of a test-matrix
// PDF shows and the box of each glyph.
type matrixLine struct {
	Text   string `json:"text"`
	Glyphs []struct {
		Text string     `json:"text"`
		Box  [4]float64 `json:"box"`
	} `json:"glyphs"`
	Vertical bool `json:"vertical"`
}

// TestFontMatrix decodes each PDF of testdata/fonts (one per encoding
// without ToUnicode: predefined GB CMaps, Identity-H/V through the
// embedded TrueType cmap or Adobe-GB1, /Differences glyph names, Type3 with
// ToUnicode) to the exact glyphs and boxes gen.py placed.
func TestFontMatrix(t *testing.T) {
	dir := filepath.Join("testdata", "fonts")
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected map[string][]matrixLine
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(expected))
	for n := range expected {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			d, note, err := open(data)
			if err != nil {
				t.Fatal(err)
			}
			if note != nil {
				t.Errorf("a sound file repaired: %s", note.Message)
			}
			p, err := d.page(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			var want []glyphWant
			for _, l := range expected[name] {
				for _, g := range l.Glyphs {
					want = append(want, glyphWant{g.Text, g.Box, l.Vertical})
				}
			}
			if len(p.Glyphs) != len(want) {
				var got string
				for _, g := range p.Glyphs {
					got += g.Text
				}
				t.Fatalf("%d glyphs %q, want %d", len(p.Glyphs), got, len(want))
			}
			for i, g := range p.Glyphs {
				w := want[i]
				box := [4]float64{g.Box.X0, g.Box.Y0, g.Box.X1, g.Box.Y1}
				if g.Text != w.text || g.Vertical != w.vertical || !near(box, w.box) {
					t.Errorf("glyph %d: %q %v vertical=%v, want %q %v vertical=%v", i, g.Text, box, g.Vertical, w.text, w.box, w.vertical)
				}
			}
			if q := d.tallies[0]; q.Glyphs != len(want) || q.Plausible != q.Glyphs {
				t.Errorf("page quality %+v, want all %d glyphs plausible", q, len(want))
			}
		})
	}
}

type glyphWant struct {
	text     string
	box      [4]float64
	vertical bool
}

func near(a, b [4]float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.01 {
			return false
		}
	}
	return true
}

// TestUnreadableText checks the files whose text must not be read: fonts
// that nothing decodes, and scans.
func TestUnreadableText(t *testing.T) {
	tests := []struct {
		file string
		code schema.ErrorCode
		msg  string
	}{
		{"undecodable-wps-like.pdf", schema.ErrUndecodableText,
			"page 1 has text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"image-only.pdf", schema.ErrNoTextLayer, "pages 1–3 have no text layer: scanned?"},
		// Read as Latin-1, as poppler does, its codes would be "1234567".
		{"undecodable-symbolic.pdf", schema.ErrUndecodableText,
			"page 1 has text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
		{"hongzequ-no-tounicode.pdf", schema.ErrUndecodableText,
			"pages 1–5 have text in fonts that cannot be decoded (no ToUnicode map, no usable cmap): no values read from it"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "fonts", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Extract(context.Background(), data)
			var e *schema.Error
			if !errors.As(err, &e) || e.Code != tt.code || e.Error() != tt.msg {
				t.Fatalf("err = %v, want %s %q", err, tt.code, tt.msg)
			}
			if doc == nil || doc.Pages == 0 {
				t.Fatalf("doc = %+v, want the page count", doc)
			}
		})
	}
}

// BenchmarkFontMatrix extracts every PDF of the font test matrix: font
// loading (predefined CMaps, embedded cmap tables) dominates.
func BenchmarkFontMatrix(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "fonts", "*-[HV]*.pdf"))
	var data [][]byte
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range data {
			if _, err := Extract(context.Background(), d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestFontMatrixIsGenerated regenerates the font test matrix in a temporary
// folder and compares it with the committed files, so the PDFs stay what
// gen.py says they are. Needs Debian's python3-fonttools and
// fonts-arphic-uming; skipped without them.
func TestFontMatrixIsGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating takes a few seconds")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import fontTools").Run(); err != nil {
		t.Skip("python3-fonttools is not installed")
	}
	if _, err := os.Stat("/usr/share/fonts/truetype/arphic/uming.ttc"); err != nil {
		t.Skip("fonts-arphic-uming is not installed")
	}
	dir := filepath.Join("testdata", "fonts")
	tmp := t.TempDir()
	gen, err := os.ReadFile(filepath.Join(dir, "gen.py"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "gen.py"), gen, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/python3", "gen.py")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen.py: %v\n%s", err, out)
	}
	made, _ := filepath.Glob(filepath.Join(tmp, "*"))
	if len(made) < 20 {
		t.Fatalf("gen.py made %d files", len(made))
	}
	for _, m := range made {
		want, err := os.ReadFile(filepath.Join(dir, filepath.Base(m)))
		if err != nil {
			t.Errorf("%s is not committed: %v", filepath.Base(m), err)
			continue
		}
		got, _ := os.ReadFile(m)
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what gen.py makes: run it in %s", filepath.Base(m), dir)
		}
	}
}
