// Package index: an atomic.Bool checked, then the C call, while Close or
// the finalizer (runtime.SetFinalizer) frees the native index. The op's
// check narrows the window but the finalizer can run mid-call. (missing-keepalive
// rightly fires here too: this fixture runs only this rule.)
// fixture-args: --rules handle-check-then-use
package index

/*
#include <stddef.h>
typedef struct idx idx;
int idx_lookup(idx *x, const char *key, size_t n);
void idx_free(idx *x);
*/
import "C"

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

type Index struct {
	closed atomic.Bool
	ptr    *C.idx
}

func Open(p *C.idx) *Index {
	x := &Index{ptr: p}
	runtime.SetFinalizer(x, (*Index).finalize)
	return x
}

func (x *Index) finalize() {
	C.idx_free(x.ptr)
}

func (x *Index) Lookup(key []byte) int {
	if x.closed.Load() {
		return -1
	}
	return int(C.idx_lookup(x.ptr, (*C.char)(unsafe.Pointer(&key[0])), C.size_t(len(key)))) // expect: handle-check-then-use
}

func (x *Index) Close() {
	if x.closed.Swap(true) {
		return
	}
	C.idx_free(x.ptr)
}
