package numfmt

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"},
		{10, "chineseCounting", "十"},
		{11, "chineseCountingThousand", "十一"},
		{20, "chineseCounting", "二十"},
		{23, "chineseCounting", "二十三"},
		{3, "chineseLegalSimplified", "叁"},
		{12, "chineseLegalSimplified", "拾贰"},
		{10, "ideographDigital", "一〇"},
		{1, "ideographTraditional", "甲"},
		{3, "decimalEnclosedCircle", "③"},
		{12, "decimalFullWidth", "１２"},
		{5, "decimalZero", "05"},
		{2, "lowerLetter", "b"},
		{28, "upperLetter", "BB"},
		{4, "upperRoman", "IV"},
		{9, "lowerRoman", "ix"},
		{7, "decimal", "7"},
		{7, "someFutureFormat", "7"},
	}
	for _, tt := range tests {
		if got := Format(tt.n, tt.format); got != tt.want {
			t.Errorf("Format(%d, %s) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
}
