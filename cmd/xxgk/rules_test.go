package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
