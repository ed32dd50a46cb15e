// Package identity says who published a report and for which year: the
// one step every command runs (extract.Parse calls Fill), so that parse,
// check and batch agree. The title, read by the matcher, comes first; where
// it is silent, the 落款 (signing agency and date), the file name and the
// opening of 总体情况 are read, in that order.
package identity

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"xxgk/schema"
)

// Evidence is what a report tells about who published it and for which
// year, besides the title the matcher reads: its body text, whose last lines
// are the 落款 (the signing agency and date), and its file name.
type Evidence struct {
	Body string // the text of the report, 落款 last
	Name string // file name or path; only its last element is read
}

// Identity is the publishing agency and the report year.
type Identity struct {
	Agency string
	Year   int
}

// Fill sets the report's agency and year where the title did not tell
// them, from its sections and its file name.
func Fill(r *schema.Report) {
	if r.Agency != "" && r.Year != 0 {
		return
	}
	var body strings.Builder
	for _, s := range r.Sections {
		body.WriteString(s.Heading + "\n" + s.Text + "\n")
	}
	id := Identify(Evidence{Body: body.String(), Name: r.File})
	if r.Agency == "" {
		r.Agency = id.Agency
	}
	if r.Year == 0 {
		r.Year = id.Year
	}
}

// Identify infers agency and report year where the title did not tell
// them: from the 落款, whose date is in the year after the report year
// because reports are due by 31 January; then from the file name, a title
// (淮安市洪泽区人民政府2024年政府信息公开工作年度报告.pdf, or the year first)
// or a name and a year (hongzequ_2024.pdf); last, from the opening of
// 总体情况 ("2023年，…"). A part that no source tells is left zero.
func Identify(ev Evidence) Identity {
	var id Identity
	fill := func(agency string, year int) {
		if id.Agency == "" {
			id.Agency = agency
		}
		if id.Year == 0 {
			id.Year = year
		}
	}
	fill(fromSignature(ev.Body))
	fill(fromFileName(ev.Name))
	fill("", fromOpening(ev.Body))
	return id
}

var (
	// agency then year: 稷山县人民政府2023年政府信息公开工作年度报告
	titleAgencyFirst = regexp.MustCompile(`^(.*?)(\d{4})年度?(?:的)?政府信息公开(?:工作)?(?:年度)?(?:工作)?报告`)
	// year then agency: 2019年上海市人民政府办公厅政府信息公开工作年度报告
	titleYearFirst = regexp.MustCompile(`^(\d{4})年度?(.+?)(?:的)?政府信息公开(?:工作)?(?:年度)?(?:工作)?报告`)
	signatureDate  = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	fileYear       = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)(?:[^0-9]|$)`)
	openingYear    = regexp.MustCompile(`^(\d{4})年`)
)

func fromTitle(title string) (string, int) {
	t := compact(title)
	if m := titleAgencyFirst.FindStringSubmatch(t); m != nil && m[1] != "" {
		return agencyName(m[1]), year(m[2])
	}
	if m := titleYearFirst.FindStringSubmatch(t); m != nil {
		return agencyName(m[2]), year(m[1])
	}
	return "", 0
}

// fromSignature reads the 落款: a date line among the last lines, and the
// agency name on the line above it.
func fromSignature(body string) (string, int) {
	lines := nonEmptyLines(body)
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
		m := signatureDate.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		y := year(m[1])
		if y != 0 {
			y--
		}
		agency := ""
		if i > 0 && looksLikeAgency(lines[i-1]) {
			agency = lines[i-1]
		}
		return agency, y
	}
	return "", 0
}

// fromFileName reads a title-like file name, or else a name such as
// jiangsu_huaian_hongzequ_2024.pdf, whose part beside the year stands for
// the agency: enough to group one agency's reports across years.
func fromFileName(name string) (string, int) {
	stem := path.Base(strings.ReplaceAll(name, `\`, "/"))
	stem = strings.TrimSuffix(stem, path.Ext(stem))
	if a, y := fromTitle(stem); y != 0 {
		return a, y
	}
	m := fileYear.FindStringSubmatchIndex(stem)
	if m == nil {
		return "", 0
	}
	y := year(stem[m[2]:m[3]])
	// The name is what stands before a closing year or after an opening
	// one; a year in the middle (template_2021_blank) names nothing.
	var rest string
	switch {
	case strings.Trim(stem[m[3]:], " _-.·年") == "":
		rest = stem[:m[2]]
	case strings.Trim(stem[:m[2]], " _-.·") == "":
		rest = strings.TrimPrefix(stem[m[3]:], "年")
	}
	rest = strings.Trim(rest, " _-.·")
	if strings.ContainsAny(rest, "0123456789"+sentencePunct) || strings.IndexFunc(rest, unicode.IsSpace) >= 0 {
		rest = "" // a date, a serial number or a phrase, not a name
	}
	return rest, y
}

func fromOpening(body string) int {
	for _, l := range nonEmptyLines(body) {
		if m := openingYear.FindStringSubmatch(l); m != nil {
			return year(m[1])
		}
		return 0
	}
	return 0
}

// compact drops spaces (titles are often printed as 2024 年政府…) and maps
// full-width digits and years in Chinese numerals (二〇二三年) to ASCII, so
// one pattern reads all.
func compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		default:
			b.WriteRune(r)
		}
	}
	return numeralYear.ReplaceAllStringFunc(b.String(), func(y string) string {
		var d strings.Builder
		for _, r := range y {
			d.WriteRune(numeralDigit(r))
		}
		return d.String()
	})
}

var numeralYear = regexp.MustCompile(`[〇零○Ｏ一二三四五六七八九]{4}年`)

func numeralDigit(r rune) rune {
	if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
		return '1' + rune(len([]rune("一二三四五六七八九"[:i])))
	}
	if strings.ContainsRune("〇零○Ｏ", r) {
		return '0'
	}
	return r
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = compact(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func year(s string) int {
	y, err := strconv.Atoi(s)
	if err != nil || y < 1990 || y > 2100 {
		return 0
	}
	return y
}

// agencyName trims what titles wrap around the name.
func agencyName(s string) string {
	s = strings.TrimPrefix(s, "关于")
	s = strings.Trim(s, "《》“”\"：:")
	if !looksLikeAgency(s) {
		return ""
	}
	return s
}

// sentencePunct never stands in a name.
const sentencePunct = "，。；：！？,;:!?、"

// looksLikeAgency accepts a short line of Chinese without sentence
// punctuation: a name, not a sentence of the report.
func looksLikeAgency(s string) bool {
	n := 0
	for _, r := range s {
		n++
		if strings.ContainsRune(sentencePunct, r) || unicode.IsDigit(r) {
			return false
		}
	}
	return n >= 2 && n <= 40 && strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
