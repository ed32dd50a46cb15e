package identity

import (
	"strings"
	"testing"
)

func TestIdentify(t *testing.T) {
	tests := []struct {
		name string
		ev   Evidence
		want Identity
	}{
		{"title as file name, agency first, with spaces",
			Evidence{Name: "a/淮安市洪泽区人民政府 2024 年政府信息公开工作年度报告.pdf"},
			Identity{"淮安市洪泽区人民政府", 2024}},
		{"title as file name, year first",
			Evidence{Name: "2019年上海市人民政府办公厅政府信息公开工作年度报告.html"},
			Identity{"上海市人民政府办公厅", 2019}},
		{"title with 年度 and 关于",
			Evidence{Name: "关于北京市财政局2022年度政府信息公开工作报告.docx"},
			Identity{"北京市财政局", 2022}},
		{"title in Chinese numerals",
			Evidence{Name: "某某县人民政府二〇二三年政府信息公开工作年度报告.pdf"},
			Identity{"某某县人民政府", 2023}},
		{"full-width digits",
			Evidence{Name: "某某镇人民政府２０２１年政府信息公开工作年度报告.pdf"},
			Identity{"某某镇人民政府", 2021}},
		{"signature at the end of section 六",
			Evidence{Body: "一、总体情况\n2023年，我县……。\n六、其他需要报告的事项\n无。\n稷山县人民政府\n\n2024 年 2 月 19 日\n"},
			Identity{"稷山县人民政府", 2023}},
		{"signature alone: year before the signing date",
			Evidence{Body: "正文。\n某市教育局\n2021年1月28日\n"},
			Identity{"某市教育局", 2020}},
		{"a sentence above the date is no agency",
			Evidence{Body: "特此报告，请审阅。\n2021年1月28日"},
			Identity{"", 2020}},
		{"Chinese file name",
			Evidence{Name: "/archive/江苏/洪泽区人民政府2024年政府信息公开工作年度报告.pdf"},
			Identity{"洪泽区人民政府", 2024}},
		{"pinyin file name",
			Evidence{Name: "corpus/jiangsu_huaian_hongzequ_2024.pdf"},
			Identity{"jiangsu_huaian_hongzequ", 2024}},
		{"year in the middle of a file name names no agency",
			Evidence{Name: "official_template_2021_blank.docx"},
			Identity{"", 2021}},
		{"year first in a file name",
			Evidence{Name: "2022年_某县教育局.pdf"},
			Identity{"某县教育局", 2022}},
		{"dated file name gives a year but no agency",
			Evidence{Name: "2024-01-20_公告.pdf"},
			Identity{"", 2024}},
		{"signature beats file name",
			Evidence{Body: "甲县人民政府\n2023年1月5日", Name: "乙县_2021.pdf"},
			Identity{"甲县人民政府", 2022}},
		{"opening of 总体情况 as last resort",
			Evidence{Body: "2022年，本机关认真贯彻……", Name: "report.docx"},
			Identity{"", 2022}},
		{"a phrase in a file name names no agency",
			Evidence{Name: "你好，世界_2023.txt"},
			Identity{"", 2023}},
		{"nothing to go on",
			Evidence{Body: "无关内容", Name: "scan0001.pdf"},
			Identity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Identify(tt.ev); got != tt.want {
				t.Errorf("Identify = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Whatever the text and name, Identify returns a plausible year or none,
// and an agency that is a name, not a sentence.
func FuzzIdentify(f *testing.F) {
	f.Add("六、其他需要报告的事项\n无。\n稷山县人民政府\n2024 年 2 月 19 日", "稷山县_2023.txt")
	f.Add("二〇二三年", "二〇二三年某局政府信息公开工作年度报告.pdf")
	f.Add("\n\n2021年1月1日", "a/b\\c_1999.docx")
	f.Fuzz(func(t *testing.T, body, name string) {
		id := Identify(Evidence{Body: body, Name: name})
		if id.Year != 0 && (id.Year < 1989 || id.Year > 2100) {
			t.Errorf("year %d", id.Year)
		}
		if strings.ContainsAny(id.Agency, sentencePunct+"\n") {
			t.Errorf("agency %q", id.Agency)
		}
	})
}
