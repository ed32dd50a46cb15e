package match

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"xxgk/extract/document"
	"xxgk/schema"
)

func TestSplitRunTogether(t *testing.T) {
	tests := []struct {
		name   string
		digits string
		cells  int
		want   string // the split, or "ambiguous"
	}{
		{"zeros between", "120000315", 7, "[12 0 0 0 0 3 15]"},
		{"all zero", "0000000", 7, "[0 0 0 0 0 0 0]"},
		{"one applicant", "1000001", 7, "[1 0 0 0 0 0 1]"},
		{"three-digit parts", "821350021859", 7, "[821 35 0 0 2 1 859]"},
		{"two zeros then one", "1100002", 7, "[1 1 0 0 0 0 2]"},
		{"a pair", "11", 2, "[1 1]"},
		{"one digit for two cells", "2", 2, "ambiguous"},
		{"the issue's example adds up no way", "2200003252", 7, "ambiguous"},
		{"too few digits", "000000", 7, "ambiguous"},
		{"too many zeros", "00000000", 7, "ambiguous"},
		{"two splits add up", "20110520157", 7, "ambiguous"}, // 20 1 10 5 20 1 | 20 11 0 5 20 1
		{"five splits add up", "510010100116", 7, "ambiguous"},
		{"no split adds up", "1111112", 6, "ambiguous"},
		{"not digits", "12a0003", 7, "ambiguous"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SplitRunTogether(tt.digits, tt.cells)
			s := fmt.Sprint(got)
			if err != nil {
				var e *schema.Error
				if !errors.As(err, &e) || e.Code != schema.ErrAmbiguous {
					t.Fatalf("err = %v, want code %s", err, schema.ErrAmbiguous)
				}
				s = "ambiguous"
			}
			if s != tt.want {
				t.Errorf("SplitRunTogether(%q, %d) = %s (%v), want %s", tt.digits, tt.cells, s, err, tt.want)
			}
		})
	}
}

// FuzzSplitRunTogether checks that a split, when one is returned, spells
// the digits back and adds up.
func FuzzSplitRunTogether(f *testing.F) {
	f.Add("120000315", 7)
	f.Add("510010100116", 7)
	f.Add("0000000", 7)
	f.Fuzz(func(t *testing.T, digits string, cells int) {
		parts, err := SplitRunTogether(digits, cells%16)
		if err != nil {
			return
		}
		var joined string
		var sum int64
		for i, p := range parts {
			joined += fmt.Sprint(p)
			if i < len(parts)-1 {
				sum += p
			}
		}
		if joined != digits || len(parts) != cells%16 || sum != parts[len(parts)-1] {
			t.Errorf("SplitRunTogether(%q, %d) = %v", digits, cells%16, parts)
		}
	})
}

func BenchmarkSplitRunTogether(b *testing.B) {
	for b.Loop() {
		if _, err := SplitRunTogether("8213500211859", 7); err == nil {
			b.Fatal("want ambiguous")
		}
	}
}

// TestRunTogetherRows reads table 3 of a plain-text report whose rows lost
// their tabs: a row splits when exactly one split adds up to its total, and
// is reported, not guessed, when several do.
func TestRunTogetherRows(t *testing.T) {
	textTable := func(lines ...[]string) document.Block {
		tab := &document.Table{}
		for i, l := range lines {
			var row document.Row
			for col, c := range l {
				row.Cells = append(row.Cells, document.Cell{Text: c, Col: col, Span: 1, Loc: schema.Location{Line: i + 1}})
			}
			tab.Rows = append(tab.Rows, row)
		}
		return document.Block{Table: tab}
	}
	doc := &document.Document{Blocks: []document.Block{textTable(
		[]string{"", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"},
		[]string{"一、本年新收政府信息公开申请数量", "120000315"},
		[]string{"二、上年结转政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"},
		[]string{"（一）予以公开", "20110520157"},
	)}}
	got := MatchTables(doc)
	want := map[string]float64{
		"requests.new_received.natural_person": 12, "requests.new_received.commercial": 0,
		"requests.new_received.research": 0, "requests.new_received.social_welfare": 0,
		"requests.new_received.legal_services": 0, "requests.new_received.other_org": 3,
		"requests.new_received.total": 15, "requests.carried_over.natural_person": 1,
		"requests.carried_over.total": 1,
	}
	cells := map[string]schema.Cell{}
	for _, c := range got.Cells {
		cells[c.Key] = c
	}
	for k, v := range want {
		if n, ok := cells[k].Number(); !ok || n != v {
			t.Errorf("%s = %v (%q), want %v", k, cells[k].Value, cells[k].Raw, v)
		}
	}
	if loc := cells["requests.new_received.total"].Loc; loc.Line != 2 {
		t.Errorf("split cell at %+v, want line 2", loc)
	}
	if _, ok := cells["requests.granted.total"]; ok {
		t.Error("the ambiguous row was read")
	}
	if len(got.Problems) != 1 || !strings.Contains(got.Problems[0], "予以公开") || !strings.Contains(got.Problems[0], "more than one way") {
		t.Errorf("problems = %q, want the 予以公开 row as ambiguous", got.Problems)
	}
}
