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
uint64_t reader_size(reader *r);
const void *reader_data(reader *r);
int reader_get(reader *r, const void **data, size_t *len);
#include <stdlib.h>
#include <string.h>
#define READER_NAME_MAX 256
const char *reader_name(reader *r);
void reader_fill_into(reader *r, char *buf, size_t *len);
typedef struct { uint32_t caplen; int32_t small; } reader_hdr;
const void *reader_packet(reader *r, reader_hdr **hdr);
*/
import "C"

import (
	"errors"
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

// The narrowing happens in a helper that returns the C.int (go-systemd's
// getData); the truncated length reaches GoBytes in its callers.
func (r *Reader) get() (unsafe.Pointer, C.int, error) {
	var d unsafe.Pointer
	var l C.size_t
	if C.reader_get(r.ptr, &d, &l) < 0 {
		return nil, 0, errors.New("get failed")
	}
	return d, C.int(l), nil
}

func (r *Reader) Get() ([]byte, error) {
	d, l, err := r.get()
	if err != nil {
		return nil, err
	}
	return C.GoBytes(d, l), nil // expect: unguarded-length severity=medium
}

func (r *Reader) GetString() (string, error) {
	d, l, err := r.get()
	if err != nil {
		return "", err
	}
	return C.GoStringN((*C.char)(d), l), nil // expect: unguarded-length severity=medium
}

// Fixed twin: the helper bounds the length before narrowing it.
func (r *Reader) getChecked() (unsafe.Pointer, C.int, error) {
	var d unsafe.Pointer
	var l C.size_t
	if C.reader_get(r.ptr, &d, &l) < 0 {
		return nil, 0, errors.New("get failed")
	}
	if l > math.MaxInt32 {
		return nil, 0, errors.New("too long")
	}
	return d, C.int(l), nil
}

func (r *Reader) GetChecked() ([]byte, error) {
	d, l, err := r.getChecked()
	if err != nil {
		return nil, err
	}
	return C.GoBytes(d, l), nil // no-finding
}

// The narrowing is a statement of its own (git2go's Blob.Contents).
func (r *Reader) Contents() []byte {
	size := C.int(C.reader_size(r.ptr))
	return C.GoBytes(unsafe.Pointer(C.reader_data(r.ptr)), size) // expect: unguarded-length severity=medium
}

// Fixed twins: the narrowed value converted back and compared with the
// original (go-lxc), or the wide value bounded first.
func (r *Reader) ContentsRoundTrip() ([]byte, error) {
	wide := C.reader_size(r.ptr)
	size := C.int(wide)
	if C.uint64_t(size) != wide {
		return nil, errors.New("too long")
	}
	return C.GoBytes(unsafe.Pointer(C.reader_data(r.ptr)), size), nil // no-finding
}

func (r *Reader) ContentsBounded() ([]byte, error) {
	wide := C.reader_size(r.ptr)
	if wide > math.MaxInt32 {
		return nil, errors.New("too long")
	}
	size := C.int(wide)
	return C.GoBytes(unsafe.Pointer(C.reader_data(r.ptr)), size), nil // no-finding
}

// Look-alike: a C.int the C side returns is already 32 bits.
func (r *Reader) Counted() []byte {
	var n C.int = C.reader_get(r.ptr, nil, nil)
	return C.GoBytes(unsafe.Pointer(C.reader_data(r.ptr)), n) // no-finding
}

// Bounded by construction: strnlen never returns more than its limit (a
// C macro constant, a Go constant), min() never more than its smaller
// argument, a mask never more than the mask (gobpf's elf.go).
const nameMax = 4096

func (r *Reader) NameMacro() string {
	p := C.reader_name(r.ptr)
	return C.GoStringN(p, C.int(C.strnlen(p, C.READER_NAME_MAX))) // no-finding
}

func (r *Reader) NameConst() string {
	p := C.reader_name(r.ptr)
	n := C.strnlen(p, nameMax)
	return C.GoStringN(p, C.int(n)) // no-finding
}

func (r *Reader) NameMin() string {
	var n C.size_t
	p := C.reader_next(r.ptr, &n)
	return C.GoStringN(p, C.int(minSize(n, nameMax))) // no-finding
}

func (r *Reader) NameMasked() []byte {
	var n C.size_t
	p := C.reader_next(r.ptr, &n)
	return C.GoBytes(unsafe.Pointer(p), C.int(n&0x7fffffff)) // no-finding
}

// Look-alikes that bound nothing: strlen has no limit; strnlen's limit is
// the caller's own 64-bit length.
func (r *Reader) NameUnbounded() string {
	p := C.reader_name(r.ptr)
	return C.GoStringN(p, C.int(C.strlen(p))) // expect: unguarded-length severity=medium
}

func (r *Reader) NameLimitFromC() string {
	var n C.size_t
	p := C.reader_next(r.ptr, &n)
	return C.GoStringN(p, C.int(C.strnlen(p, n))) // expect: unguarded-length severity=medium
}

func minSize(a, b C.size_t) C.size_t {
	if a < b {
		return a
	}
	return b
}

// Look-alike of a constant: C rewrites the in/out capacity (ykpiv's
// GetObject), so its initial 4096 bounds nothing.
func (r *Reader) Fetch() []byte {
	var n C.size_t = 4096
	buf := (*C.char)(C.malloc(4096))
	defer C.free(unsafe.Pointer(buf))
	C.reader_fill_into(r.ptr, buf, &n)
	return C.GoBytes(unsafe.Pointer(buf), C.int(n)) // expect: unguarded-length severity=medium
}

// A size_t that nothing rewrites is its constant.
func (r *Reader) FetchFixed() []byte {
	var n C.size_t = 4096
	buf := (*C.char)(C.malloc(n))
	defer C.free(unsafe.Pointer(buf))
	C.reader_fill_into(r.ptr, buf, nil)
	return C.GoBytes(unsafe.Pointer(buf), C.int(n)) // no-finding
}

// An unsigned 32-bit length handed to C.GoBytes as C.int: no bits are lost,
// but past 2 GiB it turns negative and GoBytes panics (gopcap's caplen).
func (r *Reader) Packet() []byte {
	var hdr *C.reader_hdr
	data := C.reader_packet(r.ptr, &hdr)
	return C.GoBytes(data, C.int(hdr.caplen)) // expect: unguarded-length
}

func (r *Reader) PacketChecked() []byte {
	var hdr *C.reader_hdr
	data := C.reader_packet(r.ptr, &hdr)
	if hdr.caplen > math.MaxInt32 {
		return nil
	}
	return C.GoBytes(data, C.int(hdr.caplen)) // no-finding
}

// A signed 32-bit length of C's own: nothing to narrow.
func (r *Reader) PacketSmall() []byte {
	var hdr *C.reader_hdr
	data := C.reader_packet(r.ptr, &hdr)
	return C.GoBytes(data, C.int(hdr.small)) // no-finding
}

// A uint32 that underflows (gobpf's `sample.Size - 4`).
type sample struct {
	Size uint32
	data byte
}

func (s *sample) Payload() []byte {
	size := s.Size - 4
	return C.GoBytes(unsafe.Pointer(&s.data), C.int(size)) // expect: unguarded-length
}
