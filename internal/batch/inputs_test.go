package batch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func paths(t *testing.T, roots ...string) []string {
	t.Helper()
	s, err := Collect(roots, "", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out []string
	for _, in := range s.Files {
		out = append(out, in.Path+" "+in.Rel)
	}
	return out
}

// A root given as a link to a folder is walked; links to folders inside
// are not (a loop cannot hang the walk), links to files are read.
func TestCollectLinks(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string][]byte{"real/a.txt": []byte("a"), "real/sub/b.txt": []byte("b")})
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "real", "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real", "a.txt"), filepath.Join(dir, "real", "c.txt")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	want := []string{link + "/a.txt a.txt", link + "/c.txt c.txt", link + "/sub/b.txt sub/b.txt"}
	for _, root := range []string{link, link + "/", link + "/./"} {
		if got := paths(t, root); !reflect.DeepEqual(got, want) {
			t.Errorf("Collect(%q) = %q, want %q", root, got, want)
		}
	}
	// The same file through two roots is one input.
	if got := paths(t, link, link+"/a.txt"); len(got) != 3 {
		t.Errorf("overlapping roots: %q", got)
	}
}
