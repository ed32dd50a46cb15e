package repair

import (
	"bytes"
	"testing"

	"xxgk/schema"
)

// FuzzRepair feeds damaged files to Repair: it must return (no panic, no
// hang), fail only as unreadable, and a file it repairs must be sound (its
// own check passes, a second repair changes nothing) and only as much
// larger as the new cross-reference stream.
func FuzzRepair(f *testing.F) {
	for _, seed := range [][]byte{
		classic(pageObjects...), compressed(), hybrid(), prevLoop(), prevChain(3),
		append([]byte("\xef\xbb\xbf\n"), classic(pageObjects...)...),
		classic(pageObjects...)[:300],
		bytes.Replace(compressed(), []byte("/W [1 2 1]"), []byte("/W [1 9 1]"), 1),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Repair(data)
		if err != nil {
			if schema.CodeOf(err) != schema.ErrUnreadable {
				t.Fatalf("error %v, want code unreadable", err)
			}
			return
		}
		if !res.Repaired() {
			if !bytes.Equal(res.Data, data) {
				t.Fatal("not repaired, but changed")
			}
			return
		}
		if len(res.Data) > len(data)+9*(len(data)/2+1026)+1024 {
			t.Fatalf("%d bytes repaired into %d", len(data), len(res.Data))
		}
		if !libraryHeader(res.Data) {
			return // a header no repair makes readable
		}
		if err := Check(res.Data); err != nil {
			t.Fatalf("the repaired file is not sound: %v (%s)", err, res.Note())
		}
		if again, err := Repair(res.Data); err != nil || again.Repaired() {
			t.Fatalf("repaired twice: %v %v", again.How, err)
		}
	})
}
