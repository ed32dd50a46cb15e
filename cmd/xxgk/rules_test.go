package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"xxgk/fixtures"
	"xxgk/schema"
)

func TestRulesText(t *testing.T) {
	code, out, _ := xxgk(t, "rules")
	require.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "requests.balance\t申请数量收支平衡\n  检查：表三每一列："), out)
	assert.Contains(t, out, "check.not_checkable\t无法检查\n")
	assert.Contains(t, out, "ocr.uncertain\t识别存疑\n")
	assert.Equal(t, len(schema.Rules), strings.Count(out, "\n\n")+1)

	code, out, _ = xxgk(t, "rules", "--lang", "en")
	require.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "requests.balance\tRequests in and out balance\n  check: Each column of table 3:"), out)

	code, out, _ = xxgk(t, "rules", "--format", "json")
	require.Equal(t, 0, code)
	var rules []schema.Rule
	require.NoError(t, json.Unmarshal([]byte(out), &rules))
	assert.Equal(t, schema.Rules, rules)

	code, _, errOut := xxgk(t, "rules", "--lang", "fr")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--lang must be zh or en")
}

// docs/rules.md is `xxgk rules --format md`: the registry written out, never
// edited by hand.
func TestRulesDocIsCurrent(t *testing.T) {
	_, out, _ := xxgk(t, "rules", "--format", "md")
	path := filepath.Join(fixtures.Root(), "docs", "rules.md")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
	}
	doc, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, out, string(doc), "run: go run ./cmd/xxgk rules --format md > docs/rules.md")
}

// Every command's --help exits 0 with a usage line and two examples.
func TestSubcommandHelp(t *testing.T) {
	for _, cmd := range []string{"parse", "check", "keys", "batch", "rules", "serve"} {
		for _, flag := range []string{"--help", "-h"} {
			code, out, errOut := xxgk(t, cmd, flag)
			assert.Equal(t, 0, code, "%s %s: %s", cmd, flag, errOut)
			assert.True(t, strings.HasPrefix(out, "usage: xxgk "+cmd), "%s: %q", cmd, out)
			_, examples, ok := strings.Cut(out, "\nExamples:\n")
			require.True(t, ok, "%s --help has no examples", cmd)
			n := 0
			for _, l := range strings.Split(examples, "\n") {
				if strings.HasPrefix(l, "  xxgk "+cmd) {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, 2, "%s --help: %d examples", cmd, n)
		}
	}
}

// A partly read file says why in Chinese, names its notes, and names blank
// cells by row and column, never by key.
func TestCheckTextPartial(t *testing.T) {
	exp, found := 10.0, 7.0
	r := checkResult{File: "a.pdf", Status: schema.StatusPartial, ErrorCode: schema.ErrUndecodableText,
		ErrorMessage: "page 2: 3 numbers undecodable", Template: schema.Template2021,
		Notes: []schema.Note{{Code: "repaired", Message: "PDF 的交叉引用表已损坏，已按对象重建"}},
		Findings: []checkFinding{{Finding: schema.Finding{Rule: schema.RuleRowTotal, Severity: schema.SeverityWarning,
			Keys:      []string{"requests.granted.natural_person", "requests.granted.research", "requests.granted.total"},
			BlankKeys: []string{"requests.granted.research"}, Expected: &exp, Found: &found,
			Message:  "“（一）予以公开”行：各类申请人之和为10，总计为7（表中有空白单元格，填入数字后可能平衡）",
			Location: map[string]schema.Location{"requests.granted.total": {Page: 4}}}, RuleName: "申请人合计"}},
		layout: schema.Layout{Template: schema.Template2021}}
	r.Errors, r.Warnings = 0, 1
	want := "a.pdf\t部分读取 · 2021年模板\t错误 0 · 警告 1\n" +
		"  说明  文字无法解码（undecodable_text）：page 2: 3 numbers undecodable\n" +
		"  说明  PDF 的交叉引用表已损坏，已按对象重建\n" +
		"  警告  申请人合计  “（一）予以公开”行：各类申请人之和为10，总计为7（表中有空白单元格，填入数字后可能平衡）\n" +
		"        应为 10 · 实为 7 · 第4页 · 表三（收到和处理政府信息公开申请情况）· 第3行「（一）予以公开」· 总计列 · 空白：「（一）予以公开」科研机构列 · 规则 requests.row_total\n"
	assert.Equal(t, want, checkText(r, schema.LangZH))
}

// xxgk serve listens on loopback, says where, answers, and stops cleanly
// when its context ends (Ctrl-C).
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() { done <- runServe(ctx, []string{"--addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, rest, ok := strings.Cut(stdout.String(), "http://"); ok {
			url = "http://" + strings.Fields(rest)[0]
		}
	}
	require.NotEmpty(t, url, "serve printed no address: %s %s", stdout.String(), stderr.String())
	resp, err := http.Get(url)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Empty(t, stderr.String(), "no warning on loopback")
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
