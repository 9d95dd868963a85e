// Package repo: look-alikes from real bindings (git2go, zstd) that keep the
// value alive in ways other than runtime.KeepAlive, next to the bad forms.
package repo

/*
#include <stddef.h>
#include <stdint.h>
typedef struct repo repo;
typedef struct iter iter;
int repo_delete(repo *r);
int repo_iter_new(iter **out, repo *r);
int repo_count(repo *r);
void repo_free(repo *r);
size_t compress_wrapper(uintptr_t dst, size_t cap, uintptr_t src, size_t len);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Repo struct {
	ptr *C.repo
}

type Iter struct {
	ptr  *C.iter
	repo *Repo
}

func Open() *Repo {
	r := &Repo{}
	runtime.SetFinalizer(r, (*Repo).Free)
	return r
}

// The finalizer is cleared first: none is left to race the free.
func (r *Repo) Free() {
	runtime.SetFinalizer(r, nil)
	C.repo_free(r.ptr) // no-finding
}

// A call the *_delete convention models as a free is still r's last use.
func (r *Repo) Delete() int {
	return int(C.repo_delete(r.ptr)) // expect: missing-keepalive
}

// r is reachable through it, which is used (returned) after the call.
func (r *Repo) NewIter() *Iter {
	it := &Iter{repo: r}
	C.repo_iter_new(&it.ptr, r.ptr) // no-finding
	return it
}

// uintptr arguments skip cgo's pointer checks on purpose; the slices are
// kept alive across the call.
func Compress(dst, src []byte) int {
	n := C.compress_wrapper(C.uintptr_t(uintptr(unsafe.Pointer(&dst[0]))), C.size_t(cap(dst)), // no-finding
		C.uintptr_t(uintptr(unsafe.Pointer(&src[0]))), C.size_t(len(src))) // no-finding
	runtime.KeepAlive(dst)
	runtime.KeepAlive(src)
	return int(n)
}

func CompressUnkept(dst, src []byte) int {
	n := C.compress_wrapper(C.uintptr_t(uintptr(unsafe.Pointer(&dst[0]))), C.size_t(cap(dst)), // expect: missing-keepalive
		0, 0)
	return int(n)
}
