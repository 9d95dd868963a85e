// Package index: the fixed twin of go_finalizer — ops hold the read lock
// across the C call (RLock + defer RUnlock); Close and the finalizer take
// the write lock before freeing. Silent.
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
	"sync"
	"unsafe"
)

type Index struct {
	mu     sync.RWMutex
	closed bool
	ptr    *C.idx
}

func Open(p *C.idx) *Index {
	x := &Index{ptr: p}
	runtime.SetFinalizer(x, (*Index).Close)
	return x
}

func (x *Index) Lookup(key []byte) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.closed {
		return -1
	}
	return int(C.idx_lookup(x.ptr, (*C.char)(unsafe.Pointer(&key[0])), C.size_t(len(key)))) // no-finding
}

func (x *Index) Close() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return
	}
	x.closed = true
	C.idx_free(x.ptr)
}
