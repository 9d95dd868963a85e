// Package views: Go slices made over C memory by hand, with a length C
// supplies and nothing bounds. The same bug as unsafe.Slice(p, n) with n
// from C: a wrong or hostile length reads (or lets Go write) past what C
// allocated, and past 1<<30 the big-array form panics.
package views

/*
#include <stddef.h>
#include <stdint.h>
typedef struct list list;
typedef struct { char *data; size_t len; } blob;
int list_items(list *l, void ***items);
uint64_t list_count(list *l);
void **list_array(list *l);
blob *list_blob(list *l);
const char *list_name(list *l, size_t *len);
*/
import "C"

import (
	"reflect"
	"unsafe"
)

type List struct {
	ptr *C.list
}

// The big-array cast, sliced to a count C returned.
func (l *List) Array() []unsafe.Pointer {
	n := C.list_count(l.ptr)
	return (*[1 << 30]unsafe.Pointer)(unsafe.Pointer(C.list_array(l.ptr)))[:n:n] // expect: unguarded-length severity=medium
}

// A reflect.SliceHeader literal (keyed) over C memory.
func (l *List) Items() []unsafe.Pointer {
	var items *unsafe.Pointer
	count := C.list_items(l.ptr, &items)
	if count < 0 { // a comparison with zero is an error check, not a bound
		return nil
	}
	hdr := reflect.SliceHeader{ // expect: unguarded-length severity=medium
		Data: uintptr(unsafe.Pointer(items)),
		Len:  int(count),
		Cap:  int(count),
	}
	return *(*[]unsafe.Pointer)(unsafe.Pointer(&hdr))
}

// A positional literal, as hanwen/usb writes it.
func (l *List) ItemsPositional() []unsafe.Pointer {
	var items *unsafe.Pointer
	count := C.list_items(l.ptr, &items)
	h := &reflect.SliceHeader{uintptr(unsafe.Pointer(items)), int(count), int(count)} // expect: unguarded-length severity=medium
	return *(*[]unsafe.Pointer)(unsafe.Pointer(h))
}

// A header over a Go slice variable, Len set before Data (git2go's order);
// the length is a field of a C struct.
func (l *List) Blob() []byte {
	b := C.list_blob(l.ptr)
	var out []byte
	header := (*reflect.SliceHeader)(unsafe.Pointer(&out))
	header.Cap = int(b.len)
	header.Len = int(b.len) // expect: unguarded-length severity=medium
	header.Data = uintptr(unsafe.Pointer(b.data))
	return out
}

// A string header; the length is C's out-parameter.
func (l *List) Name() string {
	var n C.size_t
	p := C.list_name(l.ptr, &n)
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = int(n) // expect: unguarded-length severity=medium
	return s
}

// A callback C calls: its count parameter is C's.
//
//export goVisit
func goVisit(items **C.char, count C.int) {
	defer func() { _ = recover() }()
	names := (*[1 << 28]*C.char)(unsafe.Pointer(items))[:count:count] // expect: unguarded-length severity=medium
	_ = names
}

// The length is strlen of another C string: not the viewed memory's own.
func (l *List) NameOther(other *C.char) string {
	var n C.size_t
	p := C.list_name(l.ptr, &n)
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(other))) // expect: unguarded-length severity=medium
}
