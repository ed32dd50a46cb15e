package serve

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"xxgk/extract"
	"xxgk/fixtures"
	"xxgk/fixtures/headless"
	"xxgk/schema"
)

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func poll(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// End to end: upload a report with known errors on the desk page, watch it
// being read, see its failing cells boxed red in the audit view, download
// findings.csv.
func TestDeskInBrowser(t *testing.T) {
	ctx := headless.Chromium(t)
	url, _ := newServer(t, Options{})

	// The errors the report holds, from the extractor and the verifier.
	const name = "official_09.pdf"
	src := filepath.Join(fixtures.Dir(), "pdf", name)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, f := range extract.Check(extract.Parse(context.Background(), name, data)) {
		if f.Severity == schema.SeverityError {
			failing = append(failing, f.Keys[len(f.Keys)-1]) // the checked cell
		}
	}
	if len(failing) == 0 {
		t.Fatalf("%s has no error finding: pick another fixture", name)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the page's script", `document.body.dataset.ready === "1"`)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#files`), []string{src})); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the batch to finish", `!!document.getElementById('done')`)
	if got := eval[string](t, ctx, `document.getElementById('done').textContent`); got != "已完成：1 个文件。" {
		t.Errorf("state line = %q", got)
	}
	// The list of batches shows the result by status, errors counted.
	poll(t, ctx, "the list of batches", `document.querySelector('#batches tr[data-id="1"]')?.cells[2].textContent === "已完成"`)
	if got, want := eval[string](t, ctx, `[...document.querySelectorAll('#batches tr[data-id="1"] .st')].map(s => s.textContent).join(' ')`), fmt.Sprintf("正常 1 错误 %d", len(failing)); got != want {
		t.Errorf("batch row result = %q, want %q", got, want)
	}

	// The audit view in the page: open the report, its failing cells are red.
	doc := `document.getElementById('audit').contentDocument`
	poll(t, ctx, "the audit view", doc+`?.body?.dataset.ready === "1"`)
	if got := eval[string](t, ctx, doc+`.querySelector('#overview h2').textContent`); got != "批次概览" {
		t.Errorf("audit view opens on %q", got)
	}
	eval[bool](t, ctx, doc+`.querySelector('#list .item[data-file="`+name+`"]').click() || true`)
	poll(t, ctx, "the report's tables", doc+`.querySelector('#detail[data-file="`+name+`"] table.grid') !== null`)
	for _, key := range failing {
		class := eval[string](t, ctx, fmt.Sprintf(`(%s.querySelector('#detail td[data-key="%s"]') || {className: "not drawn"}).className`, doc, key))
		if !strings.Contains(" "+class+" ", " fail-error ") {
			t.Errorf("%s: class %q, want fail-error", key, class)
		}
	}
	// Scroll the first red cell into view for the screenshot.
	// (The audit view's own pane scrolls, not the desk around it.)
	eval[bool](t, ctx, fmt.Sprintf(`(() => { const d = %s.getElementById('detail'), td = d.querySelector('td[data-key="%s"]');
		d.scrollTop += td.getBoundingClientRect().top - d.getBoundingClientRect().top - 150; return true; })()`, doc, failing[0]))
	shot(t, ctx, "serve.png")

	// Download findings.csv as a person does: click its link.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#state a.dl[data-name="findings.csv"]`))); err != nil {
		t.Fatal(err)
	}
	var csv []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if csv, err = os.ReadFile(filepath.Join(dir, "xxgk-1-findings.csv")); err == nil {
			break
		}
	}
	if err != nil {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("findings.csv not downloaded: %v (%d files in the download folder)", err, len(entries))
	}
	if !strings.HasPrefix(string(csv), "file,other_file,rule,severity,") || !strings.Contains(string(csv), "\n"+name+",,requests.") {
		t.Errorf("downloaded findings.csv:\n%s", csv)
	}
}

// A drop over the limit is refused on the page with the limit named.
func TestDeskRefusesLargeUpload(t *testing.T) {
	ctx := headless.Chromium(t)
	url, _ := newServer(t, Options{MaxUpload: 1 << 20})
	big := filepath.Join(t.TempDir(), "big.pdf")
	if err := os.WriteFile(big, make([]byte, 3<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the page's script", `document.body.dataset.ready === "1"`)
	if got := eval[string](t, ctx, `document.getElementById('limit').textContent`); got != "一次最多上传 1 MiB" {
		t.Errorf("limit hint = %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#files`), []string{big})); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the refusal", `!!document.querySelector('#state .err')`)
	if got := eval[string](t, ctx, `document.querySelector('#state .err').textContent`); !strings.HasPrefix(got, "上传被拒绝：共 3.0 MiB，超过大小限制 1 MiB") {
		t.Errorf("refusal = %q", got)
	}
}

// shot saves the viewport as a PNG in $XXGK_AUDIT_SHOTS (or the test's
// temporary folder) and logs where.
func shot(t *testing.T, ctx context.Context, name string) {
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
	t.Logf("screenshot: %s", path)
}

// Dropping a zip archive on the page: its reports are read one by one and
// named by their path inside it.
func TestDeskDropZip(t *testing.T) {
	ctx := headless.Chromium(t)
	url, _ := newServer(t, Options{})
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, name := range []string{"jishan_2022.txt", "jishan_2023.txt"} {
		w, err := zw.Create("稷山/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(fixture(t, "continuity/"+name))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the page's script", `document.body.dataset.ready === "1"`)
	// A drop event as the browser fires it for a file dragged from the
	// desktop.
	eval[bool](t, ctx, fmt.Sprintf(`(() => {
		const bytes = Uint8Array.from(atob(%q), (c) => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], "reports.zip", { type: "application/zip" }));
		document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
		return true;
	})()`, base64.StdEncoding.EncodeToString(zbuf.Bytes())))
	poll(t, ctx, "the batch to finish", `!!document.getElementById('done')`)
	doc := `document.getElementById('audit').contentDocument`
	poll(t, ctx, "the audit view", doc+`?.body?.dataset.ready === "1"`)
	got := eval[string](t, ctx, `[...`+doc+`.querySelectorAll('#list .item')].map(i => i.dataset.file).join('|')`)
	if want := "reports.zip!/稷山/jishan_2022.txt|reports.zip!/稷山/jishan_2023.txt"; got != want {
		t.Errorf("reports listed = %q, want %q", got, want)
	}
}
