// Package conn: the handle lives in an atomic.Pointer. Close swaps it out
// and frees it; an op that only loads it, checks for nil and calls C uses
// an object Close can free between the load and the call. Taking the
// pointer out with Swap (one owner at a time) or holding the lock Close
// frees under is safe.
package conn

/*
#include <stddef.h>
typedef struct eng eng;
void eng_free(eng *e);
int eng_send(eng *e, const char *p, size_t n);
*/
import "C"

import (
	"errors"
	"sync"
	"sync/atomic"
	"unsafe"
)

var errClosed = errors.New("closed")

type Conn struct {
	ptr atomic.Pointer[C.eng]
}

func (c *Conn) Send(p []byte) error {
	e := c.ptr.Load()
	if e == nil {
		return errClosed
	}
	C.eng_send(e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // expect: handle-check-then-use
	return nil
}

func (c *Conn) Close() {
	if e := c.ptr.Swap(nil); e != nil {
		C.eng_free(e)
	}
}

// The op takes the pointer out for the call and puts it back: Close finds
// nil while it is out, so only one of them holds the object.
type Owned struct {
	ptr atomic.Pointer[C.eng]
}

func (o *Owned) Send(p []byte) error {
	e := o.ptr.Swap(nil)
	if e == nil {
		return errClosed
	}
	C.eng_send(e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	o.ptr.Store(e)
	return nil
}

func (o *Owned) Close() {
	if e := o.ptr.Swap(nil); e != nil {
		C.eng_free(e)
	}
}

// The lock Close frees under is held across the call.
type Locked struct {
	mu  sync.Mutex
	ptr atomic.Pointer[C.eng]
}

func (l *Locked) Send(p []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.ptr.Load()
	if e == nil {
		return errClosed
	}
	C.eng_send(e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	return nil
}

func (l *Locked) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e := l.ptr.Swap(nil); e != nil {
		C.eng_free(e)
	}
}

// Look-alike: nothing ever frees what the pointer holds.
type Shared struct {
	ptr atomic.Pointer[C.eng]
}

func (s *Shared) Send(p []byte) error {
	e := s.ptr.Load()
	if e == nil {
		return errClosed
	}
	C.eng_send(e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	return nil
}

func (s *Shared) Detach() { s.ptr.Store(nil) }
