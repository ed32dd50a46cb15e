package font

import "testing"

func TestIdeographs(t *testing.T) {
	for in, want := range map[string]string{
		"上海市⼈⺠政府办公厅":   "上海市人民政府办公厅",
		"⾏政规范性⽂件":      "行政规范性文件",
		"意⻅":           "意见",
		"政府信息公开工作年度报告": "政府信息公开工作年度报告",
		"12,345":       "12,345",
	} {
		if got := ideographs(in); got != want {
			t.Errorf("ideographs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGlyphText(t *testing.T) {
	for name, want := range map[string]string{
		"uni4E09": "三", "u1F600": "😀", "zero": "0", "A": "A", "one.oldstyle": "1",
		"parenleft": "(", "g123": "", "uniZZZZ": "",
	} {
		if got := glyphText(name); got != want {
			t.Errorf("glyphText(%q) = %q, want %q", name, got, want)
		}
	}
}
