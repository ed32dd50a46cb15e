package pdf

import (
	"errors"
	"fmt"

	"github.com/ledongthuc/pdf"

	"xxgk/schema"
)

// Bounds of the page tree. Real reports have tens of pages in trees a few
// levels deep; a crafted tree that contains itself shows up as one deeper
// than maxTreeDepth, as no object identity is at hand to see the loop.
const (
	maxTreeDepth = 64
	maxPages     = 100000
	maxTreeNodes = 1000000
)

// pageList returns the page objects in order, walking the page tree's /Kids
// itself: the library trusts /Count, which crafted files set to zero, to a
// negative number or to a billion, and it loops forever on a tree that
// contains itself. missing counts the kids that are no object at all (in a
// repaired file, pages cut off).
func pageList(root pdf.Value) (pages []pdf.Value, missing int, err error) {
	type node struct {
		v     pdf.Value
		depth int
	}
	stack := []node{{root, 0}}
	for visited := 0; len(stack) > 0; visited++ {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		kids := n.v.Key("Kids")
		switch {
		case visited > maxTreeNodes:
			return nil, 0, schema.Errorf(schema.ErrUnreadable, "the page tree has more than %d nodes", maxTreeNodes)
		case n.depth > maxTreeDepth:
			return nil, 0, schema.Errorf(schema.ErrUnreadable, "the page tree is deeper than %d levels: it contains itself", maxTreeDepth)
		case n.v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array && n.v.Kind() == pdf.Dict && n.depth > 0:
			if len(pages) == maxPages {
				return nil, 0, schema.Errorf(schema.ErrTooLarge, "more than %d pages", maxPages)
			}
			pages = append(pages, n.v)
		case n.v.IsNull() && n.depth > 0:
			missing++
		case kids.Kind() == pdf.Array:
			// Pushed last to first, so that the first kid comes out first.
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, node{kids.Index(i), n.depth + 1})
			}
		}
	}
	if len(pages) == 0 {
		return nil, missing, &schema.Error{Code: schema.ErrUnreadable, Err: errors.New("the page tree has no pages")}
	}
	return pages, missing, nil
}

// weakEncryption refuses files encrypted with RC4 keys shorter than 88
// bits (40-bit is the old default). The library opens them but decrypts
// them wrongly: it does not shorten the per-object keys to n+5 bytes (PDF
// 32000-1, 7.6.2, algorithm 1), so every stream comes out as noise.
func weakEncryption(lib *pdf.Reader) error {
	enc := lib.Trailer().Key("Encrypt")
	if enc.IsNull() || enc.Key("V").Int64() >= 4 {
		return nil
	}
	bits := enc.Key("Length").Int64()
	if bits == 0 || enc.Key("V").Int64() < 2 {
		bits = 40
	}
	if bits < 88 {
		return &schema.Error{Code: schema.ErrEncrypted, Err: fmt.Errorf("the PDF is encrypted with %d-bit RC4, which cannot be decrypted yet", bits)}
	}
	return nil
}
