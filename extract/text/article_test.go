package text_test

import (
	"context"
	"strings"
	"testing"

	"xxgk/extract/text"
)

// TestArticle: the navigation a crawler saved before the title is dropped,
// the title kept (with the agency on the line before when the title opens
// with its year), and a sentence naming the report is no title.
func TestArticle(t *testing.T) {
	tests := []struct{ in, first string }{
		{"首页\n某局2022年政府信息公开工作年度报告\n当前位置：首页\n某局2023年政府信息公开工作年度报告\n一、总体情况\n", "某局2023年政府信息公开工作年度报告"},
		{"稷山县人民政府\n\n2023 年政府信息公开工作年度报告\n一、总体情况\n", "稷山县人民政府"},
		{"某局2023年政府信息公开工作年度报告\n现公布本局2023年度政府信息公开工作年度报告。\n一、总体情况\n", "某局2023年政府信息公开工作年度报告"},
		{"没有标题\n一、总体情况\n", "没有标题"},
	}
	for _, tt := range tests {
		doc, err := text.Extract(context.Background(), []byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := doc.Blocks[0].Text; got != tt.first {
			t.Errorf("%q: first block %q, want %q", strings.SplitN(tt.in, "\n", 2)[0], got, tt.first)
		}
	}
}
