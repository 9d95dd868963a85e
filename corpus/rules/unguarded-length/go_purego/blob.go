// Package blob reads a C buffer through purego: the length the C function
// hands back is C's, and a Go view over the C memory needs a bound, as
// with cgo.
package blob

import (
	"unsafe"

	"github.com/ebitengine/purego"
)

var blobData func(h uintptr, size *uintptr) unsafe.Pointer

func Load(lib uintptr) { purego.RegisterLibFunc(&blobData, lib, "blob_data") }

const maxBlob = 1 << 20

func View(h uintptr) []byte {
	var n uintptr
	p := blobData(h, &n)
	return unsafe.Slice((*byte)(p), n) // expect: unguarded-length
}

func ViewBounded(h uintptr) []byte {
	var n uintptr
	p := blobData(h, &n)
	if n > maxBlob {
		return nil
	}
	return unsafe.Slice((*byte)(p), n) // no-finding
}
