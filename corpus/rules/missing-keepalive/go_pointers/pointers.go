// Package pointers: Go pointers hidden in uintptr on their way to C, next to
// the forms the GC can see.
package pointers

/*
#include <stdint.h>
void register_cb(uintptr_t handle);
void use_buffer(void *p, int n);
int compress(uintptr_t dst, uintptr_t src);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Callback struct {
	fn func(int)
}

func Register(cb *Callback) {
	C.register_cb(C.uintptr_t(uintptr(unsafe.Pointer(cb)))) // expect: missing-keepalive
}

func Fill(buf []byte) {
	p := unsafe.Pointer(&buf[0])
	C.use_buffer(p, C.int(len(buf))) // no-finding
}

type record struct {
	fd     int32
	offset int64
}

// A uintptr held in a local: the GC no longer sees the buffer.
func Held(buf []byte) {
	base := uintptr(unsafe.Pointer(&buf[0])) // expect: missing-keepalive
	C.use_buffer(unsafe.Pointer(base), C.int(len(buf)))
}

// unsafe.Pointer's rule 3: arithmetic on the integer and back to a pointer
// in one expression (x/sys's ioctl_linux.go); the local is a typed pointer.
func Records(buf []byte, i int) {
	rec := (*record)(unsafe.Pointer(uintptr(unsafe.Pointer(&buf[0])) + uintptr(i)*unsafe.Sizeof(record{}))) // no-finding
	rec.fd = 0
	C.use_buffer(unsafe.Pointer(&buf[0]), C.int(len(buf)))
	C.use_buffer(unsafe.Pointer(uintptr(unsafe.Pointer(&buf[0]))+8), C.int(len(buf)-8)) // no-finding
}

// The uintptr goes straight to C and the slice is used after the call
// (zstd's `return dst[:written]`): the memory stays reachable across it.
func Compress(dst, src []byte) []byte {
	n := C.compress(C.uintptr_t(uintptr(unsafe.Pointer(&dst[0]))), C.uintptr_t(uintptr(unsafe.Pointer(&src[0])))) // expect: missing-keepalive -- src is not used after
	return dst[:n]
}

func CompressKept(dst, src []byte) []byte {
	n := C.compress(C.uintptr_t(uintptr(unsafe.Pointer(&dst[0]))), C.uintptr_t(uintptr(unsafe.Pointer(&src[0])))) // no-finding
	runtime.KeepAlive(src)
	return dst[:n]
}

// Inside a func literal, as zstd's Decompress writes it.
func Decompress(dst, src []byte) []byte {
	decompress := func(dst, src []byte) int {
		return int(C.compress(C.uintptr_t(uintptr(unsafe.Pointer(&dst[0]))), C.uintptr_t(uintptr(unsafe.Pointer(&src[0]))))) // expect: missing-keepalive
	}
	return dst[:decompress(dst, src)]
}

type elem struct {
	pos   uint32
	flags uint32
}

// Integers that are no address: a difference of two pointers (an offset,
// as bbolt stores a page element's position), the low bits of an address
// (alignment checks of crc32 and websocket masking), a comparison.
func Layout(buf []byte, e *elem) int {
	e.pos = uint32(uintptr(unsafe.Pointer(&buf[0])) - uintptr(unsafe.Pointer(e))) // no-finding
	delta := int(uintptr(unsafe.Pointer(&buf[0])) & 7)                            // no-finding
	if n := int(uintptr(unsafe.Pointer(&buf[0]))) % 8; n != 0 {                   // no-finding
		delta += n
	}
	unaligned := uintptr(unsafe.Pointer(&buf[0]))&7 != 0 // no-finding
	if unaligned {
		delta++
	}
	C.use_buffer(unsafe.Pointer(&buf[0]), C.int(len(buf)))
	return delta
}

// Address arithmetic keeps the address: an offset added, or the low bits
// cleared (align down).
func Aligned(buf []byte) {
	next := uintptr(unsafe.Pointer(&buf[0])) + 8 // expect: missing-keepalive
	C.use_buffer(unsafe.Pointer(next), C.int(len(buf)-8))
	down := uintptr(unsafe.Pointer(&buf[8])) &^ 7 // expect: missing-keepalive
	C.use_buffer(unsafe.Pointer(down), C.int(8))
}
