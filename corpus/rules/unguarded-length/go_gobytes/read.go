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
