// Package pool: ops bracket the cgo call with a sync.WaitGroup (Add/Done),
// and Close waits for them before it frees: a claim the free drains, safe.
// Its twin Leaky's Close frees without waiting, so its op still races.
package pool

/*
typedef struct pool pool;
int pool_get(pool *p);
void pool_free(pool *p);
*/
import "C"

import (
	"sync"
	"sync/atomic"
)

type Pool struct {
	ops    sync.WaitGroup
	closed atomic.Bool
	ptr    *C.pool
}

func (p *Pool) Get() int {
	p.ops.Add(1)
	defer p.ops.Done()
	if p.closed.Load() {
		return -1
	}
	return int(C.pool_get(p.ptr)) // no-finding
}

func (p *Pool) Close() {
	if p.closed.Swap(true) {
		return
	}
	p.ops.Wait()
	C.pool_free(p.ptr)
}

type Leaky struct {
	ops    sync.WaitGroup
	closed atomic.Bool
	ptr    *C.pool
}

func (l *Leaky) Get() int {
	l.ops.Add(1)
	defer l.ops.Done()
	if l.closed.Load() {
		return -1
	}
	return int(C.pool_get(l.ptr)) // expect: handle-check-then-use
}

func (l *Leaky) Close() {
	if l.closed.Swap(true) {
		return
	}
	C.pool_free(l.ptr)
}
