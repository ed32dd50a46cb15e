package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/fixtures/headless"
	"xxgk/schema"
)

// writePage writes the page for a batch into a temporary folder and returns
// its file URL.
func writePage(tb testing.TB, reports []*schema.Report, findings []schema.Finding) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := WriteFile(dir, reports, findings); err != nil {
		tb.Fatal(err)
	}
	return "file://" + filepath.Join(dir, FileName)
}

// load opens url and waits until the page's script has run to its end (it
// marks the body then): a script error fails here and not at a later wait.
func load(tb testing.TB, ctx context.Context, url string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		tb.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.ready === "1"`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		tb.Fatalf("page script did not finish: %v", err)
	}
}

// cellState is what the page shows on one value cell.
type cellState struct {
	Class    string `json:"class"`
	Rules    string `json:"rules"`
	Severity string `json:"severity"`
	Expected string `json:"expected"`
	Found    string `json:"found"`
	Text     string `json:"text"`
	Title    string `json:"title"`
}

func readCell(tb testing.TB, ctx context.Context, key string) cellState {
	tb.Helper()
	js := fmt.Sprintf(`(() => {
		const td = document.querySelector('#detail td[data-key="%s"]');
		if (!td) return null;
		return {class: td.className, rules: td.dataset.rules || "", severity: td.dataset.severity || "",
			expected: td.dataset.expected || "", found: td.dataset.found || "", text: td.innerText, title: td.title};
	})()`, key)
	c, err := chromedp.Run(ctx, chromedp.Evaluate[*cellState](js))
	if err != nil {
		tb.Fatalf("read cell %s: %v", key, err)
	}
	if c == nil {
		tb.Fatalf("cell %s not drawn", key)
	}
	return *c
}

func hasClass(c cellState, class string) bool {
	return strings.Contains(" "+c.Class+" ", " "+class+" ")
}

func evalString(tb testing.TB, ctx context.Context, js string) string {
	tb.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		tb.Fatalf("%s: %v", js, err)
	}
	return s
}

// openReport clicks a report in the list and waits for its tables.
func openReport(tb testing.TB, ctx context.Context, file string) {
	tb.Helper()
	sel := fmt.Sprintf(`#list .item[data-file="%s"]`, file)
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(sel)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#detail[data-file="%s"]`, file))))
	if err != nil {
		tb.Fatalf("open %s: %v", file, err)
	}
}

func TestPageMarksFailingCells(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := testBatch(t)
	url := writePage(t, reports, findings)
	load(t, ctx, url)

	// The list: grouped by status, the broken report first among the ok ones.
	groups := evalString(t, ctx, `[...document.querySelectorAll('#list .group')].map(g => g.textContent).join('|')`)
	if want := "读取失败（1）|正常（4）|旧版（无统计表）（1）"; groups != want {
		t.Errorf("list groups = %q, want %q", groups, want)
	}
	order := evalString(t, ctx, `[...document.querySelectorAll('#list .item')].map(i => i.dataset.file).join('|')`)
	if want := strings.Join([]string{fileFailed, fileBroken, fileText, filePrior, fileBlanks, fileLegacy}, "|"); order != want {
		t.Errorf("list order = %q, want %q", order, want)
	}

	openReport(t, ctx, fileBroken)
	// The known balance error: 结转下年度继续办理 总计 printed 2. The 总计
	// column fails requests.balance (95 + 0 received and carried over, 95 +
	// 2 handled and carried forward: the last two are marked) and the row
	// fails requests.row_total (0 in every column, 2 in 总计).
	c := readCell(t, ctx, brokenKey)
	if !hasClass(c, "fail-error") || c.Rules != "requests.balance requests.row_total" {
		t.Errorf("%s: class %q rules %q; want fail-error, requests.balance requests.row_total", brokenKey, c.Class, c.Rules)
	}
	if c.Expected != "95" || c.Found != "97" || c.Text != "2\n合计 97 应为 95\n申请数量收支平衡\n应为 0\n申请人合计" {
		t.Errorf("%s: expected %q found %q text %q; want 95, 97, and the value, both rules and what they expect", brokenKey, c.Expected, c.Found, c.Text)
	}
	// The tooltip starts with the place as a person follows it: the page,
	// the table as the template numbers it, the row as this report prints
	// it (（六）其他处理 in one row, so 四 is the 23rd) and the column.
	if want := "第3页 · 表三（收到和处理政府信息公开申请情况）· 第23行「四、结转下年度继续办理」· 总计列\n"; !strings.HasPrefix(c.Title, want) {
		t.Errorf("%s: tooltip does not start with %q:\n%s", brokenKey, want, c.Title)
	}
	if strings.Contains(c.Title, "框") || strings.Contains(c.Title, "表2") {
		t.Errorf("%s: tooltip has raw points or a file table number:\n%s", brokenKey, c.Title)
	}
	if total := readCell(t, ctx, "requests.results_total.total"); !hasClass(total, "fail-error") || total.Rules != "requests.balance" {
		t.Errorf("results_total.total: class %q rules %q; want fail-error, requests.balance", total.Class, total.Rules)
	}
	// The other cells of the equations are marked as parts, not as failing.
	for _, key := range []string{"requests.new_received.total", "requests.carried_forward.commercial"} {
		part := readCell(t, ctx, key)
		if !hasClass(part, "part-error") || hasClass(part, "fail-error") {
			t.Errorf("%s: class %q rules %q; want part-error", key, part.Class, part.Rules)
		}
	}
	// A cell no finding touches is plain.
	if plain := readCell(t, ctx, "requests.granted.natural_person"); plain.Rules != "" || strings.Contains(plain.Class, "fail") || plain.Text != "50" {
		t.Errorf("granted.natural_person: class %q rules %q text %q; want plain 50", plain.Class, plain.Rules, plain.Text)
	}
	// The cross-year finding on this (later) report: carried over.
	carry := readCell(t, ctx, carryColumn)
	if !hasClass(carry, "fail-error") || carry.Rules != "continuity.carry" {
		t.Errorf("%s: class %q rules %q; want fail-error continuity.carry", carryColumn, carry.Class, carry.Rules)
	}
	if got := evalString(t, ctx, `document.querySelectorAll('#detail table.findings tr[data-rule]').length + ''`); got != "3" {
		t.Errorf("findings listed = %s, want 3", got)
	}
	// Clicking the finding brings its cell into view; clicking the cell
	// shows what its tooltip says.
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#detail tr[data-rule="requests.balance"]`)),
		chromedp.Click(chromedp.CSS(`#detail td[data-key="`+brokenKey+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#info`)))
	if err != nil {
		t.Fatal(err)
	}
	if info := evalString(t, ctx, `document.getElementById('info').textContent`); !strings.Contains(info, "[错误] 申请数量收支平衡：应为 95，实为 97") {
		t.Errorf("info panel:\n%s", info)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector('#detail .flash')`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal(err)
	}
	shot := screenshot(t, ctx, "audit.png")

	// The same finding on the earlier report: carried forward, reached by
	// the link in the findings table.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#detail tr[data-rule="continuity.carry"] a.other`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#detail[data-file="%s"]`, filePrior))))
	if err != nil {
		t.Fatal(err)
	}
	fwd := readCell(t, ctx, "requests.carried_forward.natural_person")
	if !hasClass(fwd, "part-error") || fwd.Rules != "continuity.carry" {
		t.Errorf("prior carried_forward: class %q rules %q; want part-error continuity.carry", fwd.Class, fwd.Rules)
	}
	if over := readCell(t, ctx, carryColumn); over.Rules != "" {
		t.Errorf("prior %s marked with %q: it is not in the equation", carryColumn, over.Rules)
	}

	// A warning is drawn differently from an error.
	openReport(t, ctx, fileBlanks)
	w := readCell(t, ctx, "requests.granted.total")
	if !hasClass(w, "fail-warning") || w.Severity != "warning" || w.Rules != "requests.results_sum requests.row_total" || w.Expected != "272" || w.Found != "0" {
		t.Errorf("warning cell: class %q severity %q rules %q found %q", w.Class, w.Severity, w.Rules, w.Found)
	}
	if grids := evalString(t, ctx, `[...document.querySelectorAll('#detail table.grid')].map(t => t.dataset.grid).join(' ')`); grids != "active2019 requests1 appeals" {
		t.Errorf("shanghai grids = %q", grids)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#detail tr[data-rule="requests.results_sum"]`))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector('#detail .flash')`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal(err)
	}
	warnShot := screenshot(t, ctx, "audit-warning.png")

	// The text report read by the extractor: the changed 总计 fails both
	// rules, and says on which line of the text it sits.
	openReport(t, ctx, fileText)
	txt := readCell(t, ctx, brokenKey)
	if !hasClass(txt, "fail-error") || txt.Rules != "requests.balance requests.row_total" || txt.Expected != "12" || txt.Found != "15" {
		t.Errorf("text report %s: class %q rules %q expected %q found %q; want fail-error, both rules, 12, 15",
			brokenKey, txt.Class, txt.Rules, txt.Expected, txt.Found)
	}
	if !strings.Contains(txt.Title, "来源位置：文本第74行") {
		t.Errorf("text report %s: tooltip lacks line 74:\n%s", brokenKey, txt.Title)
	}

	// The failed file shows its reason, and says it was not checked.
	openReport(t, ctx, fileFailed)
	if msg := evalString(t, ctx, `document.querySelector('#detail .errmsg').textContent`); !strings.Contains(msg, "no_text_layer") {
		t.Errorf("failed file message = %q", msg)
	}
	if msg := evalString(t, ctx, `document.querySelector('#detail .empty').textContent`); msg != "未读到统计表，未作勾稽检查。" {
		t.Errorf("failed file note = %q", msg)
	}
	t.Logf("screenshots: %s (%s), %s (%s)", shot, fileBroken, warnShot, fileBlanks)
}

// screenshot saves the viewport as a PNG named name in $XXGK_AUDIT_SHOTS (or
// the test's temporary folder) and returns its path.
func screenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("XXGK_AUDIT_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPageFilters(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := testBatch(t)
	url := writePage(t, reports, findings)
	load(t, ctx, url)
	count := func() string {
		return evalString(t, ctx, `document.getElementById('count').textContent`)
	}
	set := func(id, value string) {
		t.Helper()
		js := fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event('change')); return s.value; })()`, id, value)
		if got := evalString(t, ctx, js); got != value {
			t.Fatalf("%s has no option %q", id, value)
		}
	}
	tests := []struct {
		id, value, want string
	}{
		{"f-rule", "continuity.carry", "显示 2 / 6 份报告"}, // both reports of the pair
		{"f-rule", "", "显示 6 / 6 份报告"},
		{"f-sev", "warning", "显示 1 / 6 份报告"},
		{"f-sev", "clean", "显示 2 / 6 份报告"},
		{"f-sev", "", "显示 6 / 6 份报告"},
		{"f-year", "2023", "显示 2 / 6 份报告"},
		{"f-year", "", "显示 6 / 6 份报告"},
		{"f-status", "failed", "显示 1 / 6 份报告"},
		{"f-status", "", "显示 6 / 6 份报告"},
	}
	for _, tt := range tests {
		set(tt.id, tt.value)
		if got := count(); got != tt.want {
			t.Errorf("%s=%q: %q, want %q", tt.id, tt.value, got, tt.want)
		}
	}
	err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#f-agency`), "上海"))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('count').textContent === '显示 1 / 6 份报告'`,
			chromedp.WithPollingTimeout(5*time.Second)))
	}
	if err != nil {
		t.Errorf("agency filter 上海: %v (count %q)", err, count())
	}
}

func TestPageEmptyBatch(t *testing.T) {
	ctx := headless.Chromium(t)
	load(t, ctx, writePage(t, nil, nil))
	if got := evalString(t, ctx, `document.getElementById('count').textContent + '|' + document.getElementById('summary').textContent`); got != "显示 0 / 0 份报告|共 0 份报告 · 错误 0 条 · 警告 0 条" {
		t.Errorf("empty page says %q", got)
	}
}

// A big batch draws its list 200 items at a time and no table until a
// report is opened.
func TestPageDrawsLazily(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := syntheticBatch(450)
	load(t, ctx, writePage(t, reports, findings))
	drawn := func() string {
		return evalString(t, ctx, `document.querySelectorAll('#list .item').length + ' items, ' +
			document.querySelectorAll('table.grid').length + ' tables, more: ' + (document.getElementById('more')?.textContent || 'none')`)
	}
	steps := []string{
		"200 items, 0 tables, more: 显示更多（还有 250 份）",
		"400 items, 0 tables, more: 显示更多（还有 50 份）",
		"450 items, 0 tables, more: none",
	}
	for i, want := range steps {
		if got := drawn(); got != want {
			t.Fatalf("step %d: %s, want %s", i, got, want)
		}
		if i < len(steps)-1 {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#more`))); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// A link to a report (#f=FILE) opens it.
func TestPageOpensFromHash(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := testBatch(t)
	url := writePage(t, reports, findings) + "#f=" + strings.ReplaceAll(fileBlanks, "/", "%2F")
	err := chromedp.Do(ctx, chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#detail[data-file="%s"]`, fileBlanks))))
	if err != nil {
		t.Fatal(err)
	}
	if h := evalString(t, ctx, `document.querySelector('#detail h2').textContent`); h != "上海市人民政府办公厅" {
		t.Errorf("heading = %q", h)
	}
}

// BenchmarkPageLoad opens the page for 1,000 and 5,000 synthetic reports
// and reports the time from navigation start until the list is drawn
// (ms/load, measured by the page itself) and the page's size.
func BenchmarkPageLoad(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("reports=%d", n), func(b *testing.B) {
			ctx := headless.Chromium(b)
			reports, findings := syntheticBatch(n)
			url := writePage(b, reports, findings)
			st, err := os.Stat(strings.TrimPrefix(url, "file://"))
			if err != nil {
				b.Fatal(err)
			}
			var total float64
			for b.Loop() {
				ready, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) (float64, error) {
					if _, err := chromedp.Navigate(url)(ctx, t); err != nil {
						return 0, err
					}
					return chromedp.Evaluate[float64](`window.auditReady`)(ctx, t)
				})
				if err != nil {
					b.Fatal(err)
				}
				total += ready
			}
			b.ReportMetric(total/float64(b.N), "ms/load")
			b.ReportMetric(float64(st.Size())/1e6, "MB/page")
		})
	}
}

// Every cell the extractors read from the corpus is drawn once, showing its
// value, in the tables or under them.
func TestPageDrawsEveryCorpusCell(t *testing.T) {
	fixtures.NeedCorpus(t)
	ctx := headless.Chromium(t)
	truths, err := filepath.Glob(filepath.Join(fixtures.CorpusDir(), "*.truth.json"))
	if err != nil || len(truths) == 0 {
		t.Fatalf("no corpus truth files in %s (%v)", fixtures.CorpusDir(), err)
	}
	var reports []*schema.Report
	var findings []schema.Finding
	for _, path := range truths {
		truth, err := fixtures.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(fixtures.CorpusDir(), truth.Source))
		if err != nil {
			t.Fatal(err)
		}
		r := extract.Parse(context.Background(), truth.Source, data)
		reports = append(reports, r)
		findings = append(findings, extract.Check(r)...)
	}
	load(t, ctx, writePage(t, reports, findings))
	for _, r := range reports {
		t.Run(r.File, func(t *testing.T) {
			want := map[string]string{}
			for _, c := range r.Cells {
				if schema.KeyOrder(c.Key) >= 0 {
					want[c.Key] = shown(c)
				}
			}
			if len(want) == 0 {
				t.Skipf("%s: no cells read (%s %s)", r.File, r.Status, r.ErrorMessage)
			}
			openReport(t, ctx, r.File)
			got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => {
				const out = {};
				for (const td of document.querySelectorAll('#detail td.v:not(.k-absent)')) {
					if (td.dataset.key in out) out[td.dataset.key] = "drawn twice";
					else out[td.dataset.key] = td.firstChild && td.firstChild.nodeType === 3 ? td.firstChild.nodeValue : "";
				}
				return out;
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("%d cells drawn, report has %d", len(got), len(want))
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: drawn %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

// The page opens on the batch overview: reports by status, the rules that
// fail most (by their Chinese names, errors first), the agencies with
// errors; clicking a line filters the list, and 批次概览 comes back.
func TestPageOverview(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := testBatch(t)
	load(t, ctx, writePage(t, reports, findings))
	text := func(sel string) string {
		return evalString(t, ctx, fmt.Sprintf(`[...document.querySelectorAll(%q)].map(e => e.innerText.replace(/\s+/g, " ").trim()).join("|")`, sel))
	}
	if got, want := text(`#overview [data-part=status] .card`), "1 读取失败|4 正常|1 旧版（无统计表）|3 份有错误|1 份有警告"; got != want {
		t.Errorf("status cards = %q, want %q", got, want)
	}
	// Rules: id, errors/warnings/reports; the name first in the cell.
	rules := evalString(t, ctx, `[...document.querySelectorAll('#overview [data-part=rules] tr[data-rule]')].map(r => r.dataset.rule + ' ' + r.cells[0].querySelector('b').textContent + ' ' + r.cells[1].textContent + '/' + r.cells[2].textContent + '/' + r.cells[3].textContent).join('|')`)
	if want := "requests.row_total 申请人合计 2/11/3|requests.balance 申请数量收支平衡 2//2|continuity.carry 跨年度结转一致 1//1|requests.results_sum 办理结果合计 /1/1"; rules != want {
		t.Errorf("rules = %q, want %q", rules, want)
	}
	if got, want := text(`#overview [data-part=agencies] tr[data-agency]`), "淮安市洪泽区人民政府 4 2|稷山县人民政府 2 1"; got != want {
		t.Errorf("agencies = %q, want %q", got, want)
	}
	shot := screenshot(t, ctx, "audit-overview.png")
	count := func() string { return evalString(t, ctx, `document.getElementById('count').textContent`) }

	// A rule's line filters the list by it; the select shows its name.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#overview tr[data-rule="continuity.carry"]`))); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != "显示 2 / 6 份报告" {
		t.Errorf("after clicking continuity.carry: %q", got)
	}
	if got := evalString(t, ctx, `(() => { const s = document.getElementById('f-rule'); return s.value + ' ' + s.options[s.selectedIndex].text; })()`); got != "continuity.carry 跨年度结转一致（1 条）" {
		t.Errorf("rule filter = %q", got)
	}
	// 批次概览 comes back; an agency's line shows its reports with errors.
	err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#home`)),
		chromedp.WaitVisible(chromedp.CSS(`#overview`)))
	if err != nil {
		t.Fatal(err)
	}
	set := func(id, value string) {
		evalString(t, ctx, fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.value = %q; s.dispatchEvent(new Event('change')); return s.value; })()`, id, value))
	}
	set("f-rule", "")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#overview tr[data-agency="淮安市洪泽区人民政府"]`))); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != "显示 2 / 6 份报告" {
		t.Errorf("after clicking 淮安市洪泽区人民政府: %q", got)
	}
	if got := evalString(t, ctx, `[...document.querySelectorAll('#list .item')].map(i => i.dataset.file).join('|')`); got != fileBroken+"|"+filePrior {
		t.Errorf("agency's reports = %q", got)
	}
	t.Logf("screenshot: %s", shot)
}

// With ?lang=en the page's own words, the rules, statuses and places are
// English; the findings table has no Chinese left (the template's row
// labels in the drawn tables stay as printed).
func TestPageInEnglish(t *testing.T) {
	ctx := headless.Chromium(t)
	reports, findings := testBatch(t)
	load(t, ctx, writePage(t, reports, findings)+"?lang=en")
	if got := evalString(t, ctx, `document.querySelector('#overview h2').textContent + '|' + document.getElementById('count').textContent + '|' + document.querySelector('#list .group').textContent`); got != "Batch overview|showing 6 of 6 reports|failed (1)" {
		t.Errorf("page = %q", got)
	}
	if got := evalString(t, ctx, `document.querySelector('#overview tr[data-rule] b').textContent`); got != "Applicants add up to the row total" {
		t.Errorf("first rule = %q", got)
	}
	openReport(t, ctx, fileBroken)
	c := readCell(t, ctx, brokenKey)
	if c.Text != "2\nsum 97, expected 95\nRequests in and out balance\nexpected 0\nApplicants add up to the row total" {
		t.Errorf("cell text %q", c.Text)
	}
	if want := "page 3 · table 3 (requests for disclosure received and handled) · row 23 requests.carried_forward · column total\n"; !strings.HasPrefix(c.Title, want) {
		t.Errorf("tooltip does not start with %q:\n%s", want, c.Title)
	}
	cjk := evalString(t, ctx, `[...document.querySelectorAll('#detail table.findings td, #detail table.findings th, #detail h3, #detail .meta span:not(:first-child), #detail .legend')].map(e => e.textContent).join('\n').match(/[\u4e00-\u9fff].*/g)?.join(' | ') || ''`)
	if cjk != "" {
		t.Errorf("Chinese left in the English findings: %s", cjk)
	}
	screenshot(t, ctx, "audit-en.png")
}
