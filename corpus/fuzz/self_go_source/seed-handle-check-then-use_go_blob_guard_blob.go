// Package blob: a refcount quiesce guard (ops bracket the C call with
// enter/leave; the free runs once, after the last op leaves). Silent.
package blob

/*
#include <stdlib.h>
typedef struct blob blob;
int blob_store(blob *b, const char *key);
void blob_free(blob *b);
*/
import "C"

import "sync/atomic"

type handleGuard struct {
	refs    atomic.Int64
	freeing atomic.Bool
}

func (g *handleGuard) enter() bool {
	g.refs.Add(1)
	if g.freeing.Load() {
		g.refs.Add(-1)
		return false
	}
	return true
}

// leave reports whether the caller dropped the last claim of a freeing handle.
func (g *handleGuard) leave() bool {
	return g.refs.Add(-1) == 0 && g.freeing.Load()
}

type Blob struct {
	guard handleGuard
	ptr   *C.blob
}

func (b *Blob) Store(key *C.char) int {
	if !b.guard.enter() {
		return -1
	}
	defer b.leave()
	return int(C.blob_store(b.ptr, key)) // no-finding
}

func (b *Blob) leave() {
	if b.guard.leave() {
		C.blob_free(b.ptr)
	}
}

func (b *Blob) Free() {
	b.guard.freeing.Store(true)
	if b.guard.refs.Load() == 0 {
		C.blob_free(b.ptr)
	}
}
