// Package client: the fixed twin of go_check_helper (the ops hold a read
// lock across the check and the call; Close destroys under the write lock)
// and look-alikes: an error from a helper that reads no state of the
// handle is a validation, not a check of whether it is still open.
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

var (
	errClosed  = errors.New("client is closed")
	errTimeout = errors.New("negative timeout")
)

type handle struct {
	eng *C.engine
}

type Client struct {
	mu       sync.RWMutex
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
	c.mu.RLock()
	defer c.mu.RUnlock()
	err := c.verify()
	if err != nil {
		return 0
	}
	return int(C.engine_queue_len(c.handle.eng))
}

func (c *Client) Flush(timeoutMs int) (int, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if err := c.verify(); err != nil {
		return 0, err
	}
	return int(C.engine_flush(c.handle.eng, C.int(timeoutMs))), nil
}

func (c *Client) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !atomic.CompareAndSwapUint32(&c.isClosed, 0, 1) {
		return
	}
	C.engine_destroy(c.handle.eng)
}

// A pool whose handle lives as long as the process: Drain validates its
// argument through a helper returning an error, and checks no state.
type Pool struct {
	handle handle
}

func (p *Pool) checkTimeout(timeoutMs int) error {
	if timeoutMs < 0 {
		return errTimeout
	}
	return nil
}

func (p *Pool) Drain(timeoutMs int) int {
	err := p.checkTimeout(timeoutMs)
	if err != nil {
		return 0
	}
	return int(C.engine_flush(p.handle.eng, C.int(timeoutMs)))
}

// The session's fix: the ops hold the lock across the check and the call,
// and the helper that reads the flag expects it held. A bool no free path
// writes (a debug switch) tested through a helper is no state check.
type Session struct {
	mu     sync.Mutex
	closed bool
	debug  bool
	eng    *C.engine
}

func (s *Session) openLocked() bool { return !s.closed }

func (s *Session) verbose() bool { return s.debug }

func (s *Session) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.openLocked() {
		return 0
	}
	return int(C.engine_queue_len(s.eng))
}

func (s *Session) Flush(timeoutMs int) int {
	if s.verbose() {
		timeoutMs = 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0
	}
	return int(C.engine_flush(s.eng, C.int(timeoutMs)))
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
