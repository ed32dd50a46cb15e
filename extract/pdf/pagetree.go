package pdf

import "github.com/ledongthuc/pdf"

// maxTreeDepth bounds the descent through the page tree; real trees are a
// few levels deep.
const maxTreeDepth = 64

// pageAt returns page n (1-based) of the page tree, or a null value. It
// reads the tree as the library's Reader.Page does, trusting /Count to skip
// subtrees, but stops after maxTreeDepth levels: a /Kids array that holds
// its own node sent the library's loop round for ever (found by
// FuzzExtract).
func pageAt(r *pdf.Reader, n int) pdf.Value {
	n--
	node := r.Trailer().Key("Root").Key("Pages")
	for depth := 0; depth < maxTreeDepth && node.Key("Type").Name() == "Pages"; depth++ {
		if int(node.Key("Count").Int64()) < n {
			return pdf.Value{}
		}
		kids := node.Key("Kids")
		next := pdf.Value{}
		for i := 0; i < kids.Len() && next.IsNull(); i++ {
			kid := kids.Index(i)
			switch kid.Key("Type").Name() {
			case "Pages":
				c := int(kid.Key("Count").Int64())
				if n < c {
					next = kid
					continue
				}
				n -= c
			case "Page":
				if n == 0 {
					return kid
				}
				n--
			}
		}
		if next.IsNull() {
			return pdf.Value{}
		}
		node = next
	}
	return pdf.Value{}
}
