package agency

import "testing"

func TestIDs(t *testing.T) {
	tests := []struct {
		name    string
		reports []Report
		want    map[string]string
	}{
		{"a region prefix added in a later year", []Report{
			{"洪泽区人民政府", 2023}, {"淮安市洪泽区人民政府", 2024},
		}, map[string]string{"洪泽区人民政府": "淮安市洪泽区人民政府", "淮安市洪泽区人民政府": "淮安市洪泽区人民政府"}},
		{"two prefixes, spaces and full-width brackets", []Report{
			{"江苏省淮安市洪泽区人民政府", 2022}, {"淮安市 洪泽区人民政府", 2023}, {"洪泽区人民政府", 2024},
		}, map[string]string{
			"江苏省淮安市洪泽区人民政府": "江苏省淮安市洪泽区人民政府",
			"淮安市 洪泽区人民政府":   "江苏省淮安市洪泽区人民政府",
			"洪泽区人民政府":       "江苏省淮安市洪泽区人民政府",
		}},
		{"the city is not its district", []Report{
			{"淮安市人民政府", 2023}, {"洪泽区人民政府", 2023}, {"淮安市洪泽区人民政府", 2024}, {"淮安市人民政府", 2024},
		}, map[string]string{
			"淮安市人民政府": "淮安市人民政府", "洪泽区人民政府": "淮安市洪泽区人民政府", "淮安市洪泽区人民政府": "淮安市洪泽区人民政府",
		}},
		{"a district name two cities have joins neither", []Report{
			{"南京市鼓楼区人民政府", 2023}, {"福州市鼓楼区人民政府", 2023}, {"鼓楼区人民政府", 2024},
		}, map[string]string{
			"南京市鼓楼区人民政府": "南京市鼓楼区人民政府", "福州市鼓楼区人民政府": "福州市鼓楼区人民政府", "鼓楼区人民政府": "鼓楼区人民政府",
		}},
		{"a committee and its area", []Report{
			{"苏州工业园区管理委员会", 2022}, {"苏州工业园区管委会", 2023}, {"苏州工业园区", 2024},
		}, map[string]string{
			"苏州工业园区管理委员会": "苏州工业园区", "苏州工业园区管委会": "苏州工业园区", "苏州工业园区": "苏州工业园区",
		}},
		{"a committee with its city prefix dropped", []Report{
			{"淮安经济技术开发区管委会", 2023}, {"江苏省淮安经济技术开发区管理委员会", 2024},
		}, map[string]string{
			"淮安经济技术开发区管委会": "江苏省淮安经济技术开发区", "江苏省淮安经济技术开发区管理委员会": "江苏省淮安经济技术开发区",
		}},
		{"an office signing for its government in another year is the government", []Report{
			{"稷山县人民政府办公室", 2022}, {"稷山县人民政府", 2023},
		}, map[string]string{"稷山县人民政府办公室": "稷山县人民政府", "稷山县人民政府": "稷山县人民政府"}},
		{"an office publishing beside its government is an agency of its own", []Report{
			{"淮安市人民政府办公室", 2023}, {"淮安市人民政府", 2023}, {"淮安市人民政府", 2024}, {"淮安市人民政府办公室", 2024},
		}, map[string]string{"淮安市人民政府办公室": "淮安市人民政府办公室", "淮安市人民政府": "淮安市人民政府"}},
		{"a department is not its government", []Report{
			{"淮安市教育局", 2023}, {"淮安市人民政府", 2023}, {"教育局", 2024},
		}, map[string]string{"淮安市教育局": "淮安市教育局", "淮安市人民政府": "淮安市人民政府", "教育局": "教育局"}},
		{"a prefix that is no division does not shorten", []Report{
			{"洪泽湖管理办公室", 2023}, {"泽湖管理办公室", 2024},
		}, map[string]string{"洪泽湖管理办公室": "洪泽湖管理办公室", "泽湖管理办公室": "泽湖管理办公室"}},
		{"no name", []Report{{"", 2023}}, map[string]string{"": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IDs(tt.reports)
			if len(got) != len(tt.want) {
				t.Errorf("got %d names, want %d: %v", len(got), len(tt.want), got)
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("IDs()[%q] = %q, want %q", name, got[name], want)
				}
			}
		})
	}
}

// The id does not depend on the order of the reports.
func TestIDsOrder(t *testing.T) {
	a := []Report{{"稷山县人民政府办公室", 2022}, {"洪泽区人民政府", 2023}, {"稷山县人民政府", 2023}, {"淮安市洪泽区人民政府", 2024}}
	b := []Report{a[3], a[2], a[1], a[0]}
	ga, gb := IDs(a), IDs(b)
	for k, v := range ga {
		if gb[k] != v {
			t.Errorf("%q: %q in one order, %q in the other", k, v, gb[k])
		}
	}
}

// Any names: IDs does not panic, every id is one of the names normalized,
// names equal once normalized share an id, and the order of the reports
// does not matter.
func FuzzIDs(f *testing.F) {
	f.Add("洪泽区人民政府", 2023, "淮安市洪泽区人民政府", 2024, "淮安市人民政府办公室")
	f.Add("苏州工业园区管理委员会", 2022, "苏州工业园区", 2023, "ＡＢ县人民政府")
	f.Add("鼓楼区人民政府", 2023, "南京市鼓楼区人民政府", 2023, "福州市鼓楼区人民政府")
	f.Fuzz(func(t *testing.T, a string, ya int, b string, yb int, c string) {
		reports := []Report{{a, ya}, {b, yb}, {c, ya}}
		ids := IDs(reports)
		norm := map[string]bool{}
		for _, r := range reports {
			norm[Normalize(r.Name)] = true
		}
		for _, r := range reports {
			id := ids[r.Name]
			if !norm[id] {
				t.Errorf("%q: id %q is none of the names", r.Name, id)
			}
			for _, o := range reports {
				if Normalize(o.Name) == Normalize(r.Name) && ids[o.Name] != id {
					t.Errorf("%q and %q normalize alike but have ids %q and %q", r.Name, o.Name, id, ids[o.Name])
				}
			}
		}
		rev := IDs([]Report{reports[2], reports[1], reports[0]})
		for name, id := range ids {
			if rev[name] != id {
				t.Errorf("%q: %q in one order, %q in the other", name, id, rev[name])
			}
		}
	})
}
