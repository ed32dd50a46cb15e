package cfb_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"

	"xxgk/extract/doc/cfb"
	"xxgk/fixtures/doc/ole2"
	"xxgk/schema"
)

// sample is a compound file of two streams, one of them spanning several
// sectors.
func sample() ([]byte, ole2.Layout, []byte) {
	long := bytes.Repeat([]byte("0123456789abcdef"), 1000) // 16000 bytes, 32 sectors
	data, lay := ole2.Write([]ole2.Stream{{Name: "WordDocument", Data: long}, {Name: "\x05SummaryInformation", Data: []byte("summary")}})
	return data, lay, long
}

func TestStreams(t *testing.T) {
	data, _, long := sample()
	f, err := cfb.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Has("WordDocument") || !f.Has("SummaryInformation") || f.Has("1Table") {
		t.Errorf("names %q", f.Names)
	}
	got, err := f.Stream("WordDocument")
	if err != nil || !bytes.Equal(got[:len(long)], long) {
		t.Fatalf("WordDocument: %d bytes, %v", len(got), err)
	}
	// A second read of the same stream gives the same bytes.
	again, err := f.Stream("WordDocument")
	if err != nil || !bytes.Equal(again, got) {
		t.Errorf("second read: %d bytes, %v", len(again), err)
	}
	if _, err := f.Stream("1Table"); !errors.Is(err, cfb.ErrNoStream) || schema.CodeOf(err) != schema.ErrUnreadable {
		t.Errorf("missing stream: %v", err)
	}
}

// TestHostile checks what mscfb alone would get wrong or spend: a sector
// chain that loops back (mscfb follows it for as many bytes as the size
// says), a size larger than the file, header counts larger than the file.
func TestHostile(t *testing.T) {
	data, lay, _ := sample()
	le := binary.LittleEndian
	start := lay.Start["WordDocument"]
	for _, tt := range []struct {
		name   string
		edit   func(b []byte)
		stream bool // the damage shows when the stream is read
	}{
		{"loop to the first sector", func(b []byte) { le.PutUint32(b[ole2.FATEntry(start+5):], start) }, true},
		{"loop to itself", func(b []byte) { le.PutUint32(b[ole2.FATEntry(start):], start) }, true},
		{"chain cut short", func(b []byte) { le.PutUint32(b[ole2.FATEntry(start+3):], 0xFFFFFFFE) }, true},
		{"chain out of the file", func(b []byte) { le.PutUint32(b[ole2.FATEntry(start+3):], 0x00FFFFFF) }, true},
		{"size of 4 GiB", func(b []byte) { le.PutUint32(b[lay.Entry["WordDocument"]+120:], 0xFFFFFFFF) }, true},
		{"directory loop", func(b []byte) {
			d := le.Uint32(b[48:])
			le.PutUint32(b[ole2.FATEntry(d):], d)
		}, false},
		{"FAT sector count", func(b []byte) { le.PutUint32(b[44:], 1<<30) }, false},
		{"DIFAT sector count", func(b []byte) { le.PutUint32(b[72:], 1<<30) }, false},
		{"sector size", func(b []byte) { le.PutUint16(b[30:], 20) }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := bytes.Clone(data)
			tt.edit(b)
			f, err := cfb.Open(b)
			if err == nil && tt.stream {
				_, err = f.Stream("WordDocument")
			}
			if schema.CodeOf(err) != schema.ErrUnreadable {
				t.Errorf("got %v, want an unreadable error", err)
			}
		})
	}
}

// FuzzOpen feeds arbitrary compound files to the reader: it must not
// panic, its errors must be typed, and no stream may come out larger than
// the file. Seeds: a sound file and damaged copies.
func FuzzOpen(f *testing.F) {
	data, lay, _ := sample()
	f.Add(data)
	loop := bytes.Clone(data)
	binary.LittleEndian.PutUint32(loop[ole2.FATEntry(lay.Start["WordDocument"]+1):], lay.Start["WordDocument"])
	f.Add(loop)
	f.Add(data[:1024])
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := cfb.Open(data)
		if err != nil {
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		for _, name := range c.Names {
			b, err := c.Stream(name)
			if err != nil {
				var se *schema.Error
				if !errors.As(err, &se) {
					t.Fatalf("%s: untyped error %v", name, err)
				}
				continue
			}
			if len(b) > len(data) {
				t.Fatalf("%s: %d bytes out of a file of %d", name, len(b), len(data))
			}
		}
	})
}
