package batch

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"xxgk/schema"
)

var testHeaders = [3][]string{{"file", "wide"}, {"file", "cell"}, {"file", "rule"}}

func testRows(i int) (rows, Record) {
	f := fmt.Sprintf("f%d", i)
	return rows{
		json:     []byte(fmt.Sprintf("{\"file\":%q}\n", f)),
		wide:     []string{f, "w"},
		cells:    [][]string{{f, "c1"}, {f, "c2"}},
		findings: [][]string{{f, "requests.balance"}},
	}, Record{File: f, SHA256: fmt.Sprint("sha", i), Status: schema.StatusOK}
}

// readOutputs returns the content of the four outputs and done.jsonl.
func readOutputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range append(outputNames[:], DoneLog) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	return out
}

func appendRows(t *testing.T, s *store, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		r, rec := testRows(i)
		if err := s.append(r, rec); err != nil {
			t.Fatal(err)
		}
	}
}

func files(recs []Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.File)
	}
	return out
}

// After a run of three files, the outputs hold headers and three files'
// rows; damage of every kind a kill or a power cut can leave after that is
// cut off on opening, back to exactly those bytes.
func TestStoreRecovers(t *testing.T) {
	dir := t.TempDir()
	s, err := openStore(dir, testHeaders)
	if err != nil {
		t.Fatal(err)
	}
	appendRows(t, s, 0, 3)
	s.close()
	clean := readOutputs(t, dir)
	if want := "file,cell\nf0,c1\nf0,c2\nf1,c1\nf1,c2\nf2,c1\nf2,c2\n"; clean[CellsCSV] != want {
		t.Fatalf("cells.csv = %q, want %q", clean[CellsCSV], want)
	}

	appendTo := func(name, text string) {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(text)
		f.Close()
	}
	damage := []struct {
		name string
		do   func()
	}{
		{"nothing", func() {}},
		{"killed while writing a file's rows", func() {
			appendTo(ReportsJSONL, "{\"file\":\"f3\"}\n")
			appendTo(ReportsCSV, "f3,w\n")
			appendTo(CellsCSV, "f3,c")
		}},
		{"killed while writing the done line", func() {
			appendTo(ReportsJSONL, "{\"file\":\"f3\"}\n")
			appendTo(ReportsCSV, "f3,w\n")
			appendTo(CellsCSV, "f3,c1\nf3,c2\n")
			appendTo(FindingsCSV, "f3,requests.balance\n")
			appendTo(DoneLog, `{"file":"f3","sha256":"sha3","status":"ok","sizes":[`)
		}},
		{"power cut: done line kept, rows lost", func() {
			appendTo(DoneLog, `{"file":"f3","sha256":"sha3","status":"ok","sizes":[999,999,999,999]}`+"\n")
		}},
		{"finished run's cross-report findings", func() {
			appendTo(FindingsCSV, "f2,continuity.carry\n")
			sizes := fmt.Sprint(len(clean[ReportsJSONL]), ",", len(clean[ReportsCSV]), ",",
				len(clean[CellsCSV]), ",", len(clean[FindingsCSV])+len("f2,continuity.carry\n"))
			appendTo(DoneLog, `{"final":true,"sizes":[`+sizes+"]}\n")
		}},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			d.do()
			s, err := openStore(dir, testHeaders)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := files(s.records), []string{"f0", "f1", "f2"}; !reflect.DeepEqual(got, want) {
				t.Errorf("records %v, want %v", got, want)
			}
			s.close()
			if got := readOutputs(t, dir); !reflect.DeepEqual(got, clean) {
				t.Errorf("outputs after recovery:\n%q\nwant\n%q", got, clean)
			}
		})
	}

	// Going on after recovery gives the same bytes as one run throughout.
	s, err = openStore(dir, testHeaders)
	if err != nil {
		t.Fatal(err)
	}
	appendRows(t, s, 3, 5)
	s.close()
	one := t.TempDir()
	s, err = openStore(one, testHeaders)
	if err != nil {
		t.Fatal(err)
	}
	appendRows(t, s, 0, 5)
	s.close()
	if got, want := readOutputs(t, dir), readOutputs(t, one); !reflect.DeepEqual(got, want) {
		t.Errorf("resumed outputs differ from one run:\n%q\n%q", got, want)
	}
}

// A folder whose done log lists nothing is started afresh, headers once.
func TestStoreStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	for _, name := range outputNames {
		os.WriteFile(filepath.Join(dir, name), []byte("left over\n"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, DoneLog), []byte("not json\n"), 0o644)
	s, err := openStore(dir, testHeaders)
	if err != nil {
		t.Fatal(err)
	}
	s.close()
	want := map[string]string{ReportsJSONL: "", ReportsCSV: "file,wide\n", CellsCSV: "file,cell\n", FindingsCSV: "file,rule\n", DoneLog: ""}
	if got := readOutputs(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStoreRefusesASecondWriter(t *testing.T) {
	dir := t.TempDir()
	s, err := openStore(dir, testHeaders)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openStore(dir, testHeaders); err == nil {
		t.Error("a second store opened the same folder")
	}
	s.close()
	s, err = openStore(dir, testHeaders)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	s.close()
}

// Whatever a crash leaves after three complete files (torn rows, torn or
// forged done lines), opening keeps those three files and cuts the outputs
// to the sizes of the last done line it believes: the third file's, unless
// a forged line fits the files and is taken for a fourth.
func FuzzStoreRecover(f *testing.F) {
	f.Add([]byte(`{"file":"f3","status":"ok","sizes":[1,2,3,4]}`+"\n"), []byte("f3,c"))
	f.Add([]byte(`{"final":true,"sizes":[0,0,0,0]}`+"\n"), []byte{})
	f.Add([]byte("{\"file\":\"f3\",\"sizes\":[99"), []byte("x\n"))
	f.Fuzz(func(t *testing.T, doneTail, outTail []byte) {
		dir := t.TempDir()
		s, err := openStore(dir, testHeaders)
		if err != nil {
			t.Fatal(err)
		}
		appendRows(t, s, 0, 3)
		s.close()
		clean := readOutputs(t, dir)
		for _, name := range outputNames {
			appendFile(t, filepath.Join(dir, name), outTail)
		}
		appendFile(t, filepath.Join(dir, DoneLog), doneTail)

		s, err = openStore(dir, testHeaders)
		if err != nil {
			t.Fatal(err)
		}
		defer s.close()
		if got := files(s.records); len(got) < 3 || !reflect.DeepEqual(got[:3], []string{"f0", "f1", "f2"}) {
			t.Fatalf("records %v", got)
		}
		for i, name := range outputNames {
			st, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if st.Size() != s.sizes[i] {
				t.Errorf("%s: %d bytes, store says %d", name, st.Size(), s.sizes[i])
			}
			if len(s.records) == 3 && st.Size() != int64(len(clean[name])) {
				t.Errorf("%s: %d bytes after recovery, want %d", name, st.Size(), len(clean[name]))
			}
		}
	})
}

func appendFile(t *testing.T, path string, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
}
