// Package client: ops that check a handle's closed flag through a helper
// returning an error (`if err := c.verify(); err != nil`), the Go form of
// `if c.IsClosed()`, then use the C handle, while Close flips the flag and
// destroys it: the check does not stop the destroy running during the call.
package client

/*
#include <stddef.h>
typedef struct engine engine;
int engine_queue_len(engine *e);
int engine_flush(engine *e, int timeout_ms);
void engine_destroy(engine *e);
*/
import "C"

import (
	"errors"
	"sync"
	"sync/atomic"
)

var errClosed = errors.New("client is closed")

type handle struct {
	eng *C.engine
}

type Client struct {
	handle   handle
	isClosed uint32
}

func (c *Client) verify() error {
	if atomic.LoadUint32(&c.isClosed) == 1 {
		return errClosed
	}
	return nil
}

func (c *Client) Len() int {
	err := c.verify()
	if err != nil {
		return 0
	}
	return int(C.engine_queue_len(c.handle.eng)) // expect: handle-check-then-use
}

func (c *Client) Flush(timeoutMs int) (int, error) {
	if err := c.verify(); err != nil {
		return 0, err
	}
	return int(C.engine_flush(c.handle.eng, C.int(timeoutMs))), nil // expect: handle-check-then-use
}

func (c *Client) Close() {
	if !atomic.CompareAndSwapUint32(&c.isClosed, 0, 1) {
		return
	}
	C.engine_destroy(c.handle.eng)
}

// A plain bool behind the object's own lock, read by helpers that take the
// lock and drop it before returning: the answer is stale by the call.
type Session struct {
	mu     sync.Mutex
	closed bool
	eng    *C.engine
}

func (s *Session) open() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.closed
}

func (s *Session) check() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	return nil
}

func (s *Session) Len() int {
	if !s.open() {
		return 0
	}
	return int(C.engine_queue_len(s.eng)) // expect: handle-check-then-use
}

func (s *Session) Flush(timeoutMs int) int {
	if err := s.check(); err != nil {
		return 0
	}
	return int(C.engine_flush(s.eng, C.int(timeoutMs))) // expect: handle-check-then-use
}

func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	C.engine_destroy(s.eng)
}
