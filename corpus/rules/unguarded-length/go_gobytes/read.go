// Package reader: lengths from C narrowed to C.int by C.GoBytes, and a Go
// view of C memory sized by C.
package reader

/*
#include <stddef.h>
#include <stdint.h>
typedef struct reader reader;
const char *reader_next(reader *r, size_t *len);
uint64_t reader_count(reader *r);
const int32_t *reader_values(reader *r);
typedef struct { char *ptr; size_t size; } reader_buf;
typedef unsigned long reader_ulong;
typedef struct { char *data; size_t len; } reader_chunk;
reader_chunk *reader_next_chunk(reader *r);
void reader_fill(reader *r, reader_buf *out);
const char *reader_token(reader *r, reader_ulong *len);
*/
import "C"

import (
	"math"
	"unsafe"
)

type Reader struct {
	ptr *C.reader
}

func (r *Reader) Next() []byte {
	var n C.size_t
	p := C.reader_next(r.ptr, &n)
	return C.GoBytes(unsafe.Pointer(p), C.int(n)) // expect: unguarded-length severity=medium
}

func (r *Reader) NextChecked() []byte {
	var n C.size_t
	p := C.reader_next(r.ptr, &n)
	if n > math.MaxInt32 {
		return nil
	}
	return C.GoBytes(unsafe.Pointer(p), C.int(n)) // no-finding
}

func (r *Reader) Values() []int32 {
	count := C.reader_count(r.ptr)
	return unsafe.Slice((*int32)(unsafe.Pointer(C.reader_values(r.ptr))), count) // expect: unguarded-length severity=medium
}

func (r *Reader) ValuesChecked() []int32 {
	count := C.reader_count(r.ptr)
	if count > 1<<20 {
		return nil
	}
	return unsafe.Slice((*int32)(unsafe.Pointer(C.reader_values(r.ptr))), count) // no-finding
}

// The length is a field of a C struct (size_t): as wide as any size_t.
func (r *Reader) Fill() []byte {
	var buf C.reader_buf
	C.reader_fill(r.ptr, &buf)
	return C.GoBytes(unsafe.Pointer(buf.ptr), C.int(buf.size)) // expect: unguarded-length severity=medium
}

// The same through a C struct the Go code reaches only as a call's result.
func (r *Reader) Chunk() []byte {
	c := C.reader_next_chunk(r.ptr)
	return C.GoBytes(unsafe.Pointer(c.data), C.int(c.len)) // expect: unguarded-length severity=medium
}

// The length has a typedef'd 64-bit type from the preamble.
func (r *Reader) Token() []byte {
	var n C.reader_ulong
	p := C.reader_token(r.ptr, &n)
	return C.GoBytes(unsafe.Pointer(p), C.int(n)) // expect: unguarded-length severity=medium
}

// Look-alike: a C.int length is already 32 bits.
func (r *Reader) Small(p *C.char, n C.int) []byte {
	return C.GoBytes(unsafe.Pointer(p), n) // no-finding
}
