package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"xxgk/schema"
)

// InstallHint is what the ocr_unavailable message tells users to run.
const InstallHint = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"

// Check reports whether the tesseract command and its Simplified Chinese
// and English models are installed: nil, or an ocr_unavailable *schema.Error that says
// what to install.
func Check(ctx context.Context, tesseract string) error {
	if tesseract == "" {
		tesseract = "tesseract"
	}
	path, err := exec.LookPath(tesseract)
	if err != nil {
		return &schema.Error{Code: schema.ErrOCRUnavailable,
			Err: fmt.Errorf("the file is a scan and needs OCR, but tesseract is not installed (%s)", InstallHint)}
	}
	cmd := exec.CommandContext(ctx, path, "--list-langs")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &schema.Error{Code: schema.ErrOCRUnavailable,
			Err: fmt.Errorf("the file is a scan and needs OCR, but tesseract does not run (%v; %s)", err, InstallHint)}
	}
	have := map[string]bool{}
	for _, l := range strings.Fields(string(out)) {
		have[l] = true
	}
	// chi_sim reads the text; eng reads the digits-only second pass.
	for _, lang := range []string{"chi_sim", "eng"} {
		if !have[lang] {
			return &schema.Error{Code: schema.ErrOCRUnavailable,
				Err: fmt.Errorf("the file is a scan and needs OCR, but tesseract has no %s model (%s tesseract-ocr-eng)", lang, InstallHint)}
		}
	}
	return nil
}

// word is one word tesseract read, in the crop numbered crop (0-based).
type word struct {
	crop int
	text string
	conf float64
}

// recognize runs one tesseract process over crops (one line of text each,
// --psm 7) and returns each crop's text and its lowest word confidence
// (-1 where nothing was read). digits restricts the reading to digits and
// the decimal point. The crops are written as PGM files into dir.
func recognize(ctx context.Context, opt Options, dir, name string, crops []*image.Gray, digits bool) ([]string, []float64, error) {
	texts := make([]string, len(crops))
	confs := make([]float64, len(crops))
	for i := range confs {
		confs[i] = -1
	}
	if len(crops) == 0 {
		return texts, confs, nil
	}
	var list bytes.Buffer
	for i, c := range crops {
		p := filepath.Join(dir, fmt.Sprintf("%s-%04d.pgm", name, i))
		if err := writePGM(p, c); err != nil {
			return nil, nil, err
		}
		list.WriteString(p + "\n")
	}
	listPath := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(listPath, list.Bytes(), 0o600); err != nil {
		return nil, nil, err
	}
	args := []string{listPath, "stdout", "--psm", "7"}
	if digits {
		args = append(args, "-l", "eng", "-c", "tessedit_char_whitelist=-0123456789.,")
	} else {
		args = append(args, "-l", "chi_sim")
	}
	args = append(args, "tsv")
	cmd := exec.CommandContext(ctx, opt.tesseract(), args...)
	// tesseract's own OpenMP threads make it several times slower on a
	// small machine; pages run in parallel instead.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4 << 10}
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, nil, &schema.Error{Code: schema.ErrOCRUnavailable, Err: fmt.Errorf("running tesseract: %w (%s)", err, InstallHint)}
		}
		return nil, nil, fmt.Errorf("tesseract: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	for _, w := range parseTSV(out) {
		if w.crop < 0 || w.crop >= len(crops) {
			continue
		}
		if texts[w.crop] != "" {
			texts[w.crop] += " "
		}
		texts[w.crop] += w.text
		if confs[w.crop] < 0 || w.conf < confs[w.crop] {
			confs[w.crop] = w.conf
		}
	}
	return texts, confs, nil
}

// parseTSV reads tesseract's TSV output: the words (level 5) with their
// image number (page_num, 1-based in a list) and confidence.
func parseTSV(out []byte) []word {
	var ws []word
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		page, err1 := strconv.Atoi(f[1])
		conf, err2 := strconv.ParseFloat(f[10], 64)
		text := strings.TrimSpace(f[11])
		if err1 != nil || err2 != nil || text == "" {
			continue
		}
		ws = append(ws, word{crop: page - 1, text: text, conf: conf})
	}
	return ws
}

func writePGM(path string, g *image.Gray) error {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var b bytes.Buffer
	b.Grow(w*h + 32)
	fmt.Fprintf(&b, "P5\n%d %d\n255\n", w, h)
	for y := 0; y < h; y++ {
		o := y * g.Stride
		b.Write(g.Pix[o : o+w])
	}
	return os.WriteFile(path, b.Bytes(), 0o600)
}

// limitedWriter keeps the first n bytes written to it.
type limitedWriter struct {
	w interface{ Write([]byte) (int, error) }
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
