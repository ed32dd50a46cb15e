package narrative

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xxgk/fixtures"
	"xxgk/schema"
)

// overviewOf cuts section 一 out of a report's text.
func overviewOf(t testing.TB, text string) string {
	t.Helper()
	const from, to = "一、总体情况", "二、主动公开政府信息情况"
	i, j := strings.Index(text, from), strings.Index(text, to)
	if i < 0 || j < i {
		t.Fatalf("no section 一 in the text")
	}
	return text[i+len(from) : j]
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var (
	breakRe = regexp.MustCompile(`(?i)<(p|br|div|h[1-6])\b[^>]*>`)
	tagRe   = regexp.MustCompile(`<[^>]*>`)
)

// htmlText is the text of an HTML article, one paragraph a line.
func htmlText(s string) string {
	return html.UnescapeString(tagRe.ReplaceAllString(breakRe.ReplaceAllString(s, "\n"), ""))
}

// TestCorpus checks the whole section 一 of each real report against its
// true tables: the findings its truth implies. All three agree where they
// speak of the agency's own totals: 稷山 共收到12件，办结12件; 上海
// 受理859件，答复805件（含上年度结转18件，另有72件顺延）, 行政复议7件，诉讼9件;
// 洪泽 speaks of the 17 requests the office handled (the table has 95).
// The 洪泽 text is pdftotext's, kept in testdata.
func TestCorpus(t *testing.T) {
	fixtures.NeedCorpus(t)
	corpus := fixtures.CorpusDir()
	tests := []struct {
		id   string
		text func(t *testing.T) string
	}{
		{jishan, func(t *testing.T) string {
			return overviewOf(t, readFile(t, filepath.Join(corpus, jishan+".txt")))
		}},
		{shanghai, func(t *testing.T) string {
			return overviewOf(t, htmlText(readFile(t, filepath.Join(corpus, shanghai+".html"))))
		}},
		{hongze, func(t *testing.T) string {
			return readFile(t, filepath.Join("testdata", "hongze_2024_overview.txt"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			text := tt.text(t)
			r := truthReport(t, corpusTruth(tt.id), text)
			if got := Check(r); len(got) != 0 {
				t.Errorf("findings %+v, want none", got)
			}
			// The statements the check must have understood, so that its
			// silence is agreement and not blindness.
			if n := len(statements(normalize(text), r.Year, r.Agency)); n != understood[tt.id] {
				t.Errorf("%d statements understood, want %d", n, understood[tt.id])
			}
		})
	}
}

// understood counts the statements of each corpus overview the check
// compares: 稷山 收到12, 办结12; 上海 受理859, 答复805, 上年度结转18,
// 顺延72, 行政复议7, 诉讼9; 洪泽 none (the 17 are the office's).
var understood = map[string]int{jishan: 2, shanghai: 6, hongze: 0}

// TestFixture is the generated report whose prose and table disagree on new
// requests: exactly the findings of its truth file.
func TestFixture(t *testing.T) {
	dir := filepath.Join(fixtures.Dir(), "narrative")
	truth, err := fixtures.Load(filepath.Join(dir, "new_received_disagrees.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	text := overviewOf(t, readFile(t, filepath.Join(dir, truth.Source)))
	r := truthReport(t, filepath.Join(dir, "new_received_disagrees.truth.json"), text)
	assertTruthFindings(t, Check(r), truth.Findings)
}

func assertTruthFindings(t *testing.T, got []schema.Finding, want []fixtures.TruthFinding) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d findings %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Rule != w.Rule || string(g.Severity) != w.Severity ||
			strings.Join(g.Keys, ",") != strings.Join(w.Keys, ",") ||
			*g.Expected != w.Expected || *g.Found != w.Found || g.Quote == "" {
			t.Errorf("finding %d = %+v, want %+v", i, g, w)
		}
	}
}

// BenchmarkCheck checks the longest corpus overview (上海, about 4,000
// characters) against its tables.
func BenchmarkCheck(b *testing.B) {
	fixtures.NeedCorpus(b)
	data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), shanghai+".html"))
	if err != nil {
		b.Fatal(err)
	}
	r := truthReport(b, corpusTruth(shanghai), overviewOf(b, htmlText(string(data))))
	b.ReportAllocs()
	for b.Loop() {
		Check(r)
	}
}

// FuzzCheck feeds arbitrary section text: the check must not panic, and
// every finding must quote a sentence of the text and hold both numbers.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"2023年全县各行政机关共收到政府信息公开申请12件，办结12件。",
		"答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。",
		"未发生因政府信息公开引起的行政复议和行政诉讼。",
		"行政复议、行政诉讼各1,234件；收到申请十二件",
	} {
		f.Add(s)
	}
	r := truthReport(f, corpusTruth(jishan), "")
	f.Fuzz(func(t *testing.T, text string) {
		r.Sections[0].Text = text
		for _, fd := range Check(r) {
			if fd.Expected == nil || fd.Found == nil || fd.Quote == "" ||
				!strings.Contains(normalize(text), fd.Quote) {
				t.Fatalf("bad finding %+v for %q", fd, text)
			}
		}
	})
}
