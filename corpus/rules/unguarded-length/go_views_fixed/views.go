// Package views: the fixed twin of go_views (every C length bounded before
// the view is made) and look-alikes that are not views over C memory.
package views

/*
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
typedef struct list list;
typedef struct { char *data; size_t len; } blob;
int list_items(list *l, void ***items);
uint64_t list_count(list *l);
void **list_array(list *l);
blob *list_blob(list *l);
const char *list_name(list *l, size_t *len);
int list_read(list *l, char *buf, size_t cap);
*/
import "C"

import (
	"math"
	"reflect"
	"unsafe"
)

const maxItems = 1 << 20

type List struct {
	ptr *C.list
}

func (l *List) Array() []unsafe.Pointer {
	n := C.list_count(l.ptr)
	if n > maxItems {
		return nil
	}
	return (*[1 << 30]unsafe.Pointer)(unsafe.Pointer(C.list_array(l.ptr)))[:n:n] // no-finding
}

func (l *List) Items() []unsafe.Pointer {
	var items *unsafe.Pointer
	count := C.list_items(l.ptr, &items)
	if count < 0 || count > maxItems {
		return nil
	}
	hdr := reflect.SliceHeader{ // no-finding
		Data: uintptr(unsafe.Pointer(items)),
		Len:  int(count),
		Cap:  int(count),
	}
	return *(*[]unsafe.Pointer)(unsafe.Pointer(&hdr))
}

func (l *List) Blob() []byte {
	b := C.list_blob(l.ptr)
	if b.len > math.MaxInt32 {
		return nil
	}
	var out []byte
	header := (*reflect.SliceHeader)(unsafe.Pointer(&out))
	header.Cap = int(b.len)
	header.Len = int(b.len) // no-finding
	header.Data = uintptr(unsafe.Pointer(b.data))
	return out
}

func (l *List) Name() string {
	var n C.size_t
	p := C.list_name(l.ptr, &n)
	if n > 4096 {
		return ""
	}
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = int(n) // no-finding
	return s
}

// Look-alike: Len alone shrinks a Go buffer to what C wrote into it; Data
// stays the Go memory the header already points at (git2go's Read).
func (l *List) Read(data []byte) int {
	header := (*reflect.SliceHeader)(unsafe.Pointer(&data))
	ret := C.list_read(l.ptr, (*C.char)(unsafe.Pointer(header.Data)), C.size_t(header.Cap))
	if ret <= 0 {
		return 0
	}
	header.Len = int(ret) // no-finding
	return len(data)
}

// Look-alike: C memory allocated for a Go string's bytes, viewed with that
// string's len(): the length is Go's, exact, and the allocation matches it.
func Copy(name string) unsafe.Pointer {
	buf := C.GoString(C.list_name(nil, nil))
	ptr := C.malloc(C.size_t(len(buf) + 1))
	out := make([]byte, 0)
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&out))
	hdr.Data, hdr.Len = uintptr(ptr), len(buf)+1 // no-finding
	copy(out, buf)
	return ptr
}

// Look-alike: a length the Go caller chose, not C.
func view(p unsafe.Pointer, n int) []byte {
	return (*[1 << 30]byte)(p)[:n:n] // no-finding
}

// Look-alike: slicing a Go array with a C length is bounds-checked by Go.
func (l *List) Prefix() []byte {
	var local [64]byte
	n := C.list_count(l.ptr)
	return local[:n] // no-finding
}

// The length is the viewed string's own strlen: within it by construction.
func (l *List) NameZ() string {
	var n C.size_t
	p := C.list_name(l.ptr, &n)
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p))) // no-finding
}

// The same through a reflect.StringHeader written field by field: the
// view's memory is what Data points at, and the length is its strlen.
func (l *List) NameHeader() string {
	var n C.size_t
	p := C.list_name(l.ptr, &n)
	var s string
	sh := (*reflect.StringHeader)(unsafe.Pointer(&s))
	sh.Data = uintptr(unsafe.Pointer(p))
	sh.Len = int(C.strlen(p)) // no-finding
	return s
}
