// Package conn: a read lock dropped before the cgo call, and an int32 flag
// read with sync/atomic, each racing a Close that frees the C object; next
// to them, the read lock held across the call (deferred), which is safe.
package conn

/*
#include <stddef.h>
typedef struct conn conn;
int conn_query(conn *c, int q);
void conn_free(conn *c);
*/
import "C"

import (
	"sync"
	"sync/atomic"
)

type Conn struct {
	mu     sync.RWMutex
	closed bool
	ptr    *C.conn
}

func (c *Conn) QueryDropped(q int) int {
	c.mu.RLock()
	if c.closed {
		c.mu.RUnlock()
		return -1
	}
	c.mu.RUnlock()
	return int(C.conn_query(c.ptr, C.int(q))) // expect: handle-check-then-use
}

func (c *Conn) QueryHeld(q int) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return -1
	}
	return int(C.conn_query(c.ptr, C.int(q))) // no-finding
}

func (c *Conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	C.conn_free(c.ptr)
}

type Pool struct {
	closed int32
	ptr    *C.conn
}

func (p *Pool) Query(q int) int {
	if atomic.LoadInt32(&p.closed) != 0 {
		return -1
	}
	return int(C.conn_query(p.ptr, C.int(q))) // expect: handle-check-then-use
}

func (p *Pool) Close() {
	if !atomic.CompareAndSwapInt32(&p.closed, 0, 1) {
		return
	}
	C.conn_free(p.ptr)
}
