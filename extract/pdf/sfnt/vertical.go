package sfnt

// Vertical writing draws some characters (、。（）…) with glyphs of their
// own that the font's GSUB table substitutes under the 'vert' and 'vrt2'
// features; the cmap knows only the horizontal glyphs. Text set in
// Identity-V by glyph id shows the vertical ones, so they read as the
// character of the glyph they replace.

// maxSubstitutions bounds the work a damaged GSUB table may ask for.
const maxSubstitutions = 1 << 16

// addVertical gives each vertical substitute of a mapped glyph that
// glyph's character, where the cmap gives the substitute none. A missing
// or damaged GSUB table adds nothing.
func addVertical(font []byte, runes map[uint16]rune) {
	gsub, err := table(font, "GSUB")
	if err != nil || len(gsub) < 10 {
		return
	}
	features, lookups := int(u16(gsub, 6)), int(u16(gsub, 8))
	budget := maxSubstitutions
	seen := map[int]bool{}
	for i := 0; i < int(u16(gsub, features)); i++ {
		rec := features + 2 + 6*i
		if rec+6 > len(gsub) {
			return
		}
		if tag := string(gsub[rec : rec+4]); tag != "vert" && tag != "vrt2" {
			continue
		}
		feature := features + int(u16(gsub, rec+4))
		for k := 0; k < int(u16(gsub, feature+2)); k++ {
			index := int(u16(gsub, feature+4+2*k))
			if seen[index] || index >= int(u16(gsub, lookups)) {
				continue
			}
			seen[index] = true
			lookup := lookups + int(u16(gsub, lookups+2+2*index))
			kind := u16(gsub, lookup)
			for s := 0; s < int(u16(gsub, lookup+4)); s++ {
				sub := lookup + int(u16(gsub, lookup+6+2*s))
				if kind == 7 && u16(gsub, sub) == 1 { // extension: the real subtable is further on
					if u16(gsub, sub+2) != 1 {
						continue
					}
					sub += int(u32(gsub, sub+4))
				} else if kind != 1 {
					continue
				}
				singleSubst(gsub, sub, &budget, func(from, to uint16) {
					if _, ok := runes[to]; !ok {
						if r, ok := runes[from]; ok {
							runes[to] = r
						}
					}
				})
			}
		}
	}
}

// singleSubst calls f for each glyph a single-substitution subtable
// (formats 1 and 2) replaces, and its replacement.
func singleSubst(t []byte, at int, budget *int, f func(from, to uint16)) {
	format, cov := u16(t, at), at+int(u16(t, at+2))
	i := 0
	eachCovered(t, cov, budget, func(g uint16) {
		switch format {
		case 1:
			f(g, g+u16(t, at+4))
		case 2:
			if i < int(u16(t, at+4)) {
				f(g, u16(t, at+6+2*i))
			}
		}
		i++
	})
}

// eachCovered calls f for each glyph of a coverage table, in coverage
// index order.
func eachCovered(t []byte, at int, budget *int, f func(uint16)) {
	n := int(u16(t, at+2))
	switch u16(t, at) {
	case 1:
		for i := 0; i < n && at+4+2*i+2 <= len(t); i++ {
			if *budget--; *budget < 0 {
				return
			}
			f(u16(t, at+4+2*i))
		}
	case 2:
		for i := 0; i < n && at+4+6*i+6 <= len(t); i++ {
			start, end := u16(t, at+4+6*i), u16(t, at+6+6*i)
			for g := uint32(start); g <= uint32(end); g++ {
				if *budget--; *budget < 0 {
					return
				}
				f(uint16(g))
			}
		}
	}
}
