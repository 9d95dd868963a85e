// Package engine: Close frees the handle inside sync.Once.Do (or a func
// literal it calls on the spot). The literal runs before Close returns, so
// it is Close's free path: an op that only checks the flag races it. The
// fixed twin holds the lock the free takes across the call; a literal that
// is only registered for later is no free path of the function that hands
// it over.
package engine

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

type Engine struct {
	state int32
	once  sync.Once
	e     *C.eng
}

func (g *Engine) Send(p []byte) error {
	if atomic.LoadInt32(&g.state) != 0 {
		return errors.New("closed")
	}
	C.eng_send(g.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // expect: handle-check-then-use
	return nil
}

func (g *Engine) Close() {
	g.once.Do(func() {
		atomic.StoreInt32(&g.state, 1)
		C.eng_free(g.e)
	})
}

// Freed in a literal called on the spot.
type Inline struct {
	closed atomic.Bool
	e      *C.eng
}

func (n *Inline) Send(p []byte) error {
	if n.closed.Load() {
		return errors.New("closed")
	}
	C.eng_send(n.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // expect: handle-check-then-use
	return nil
}

func (n *Inline) Close() {
	func() {
		n.closed.Store(true)
		C.eng_free(n.e)
	}()
}

// The fixed twin: the lock the free takes is held across the call.
type Locked struct {
	mu     sync.Mutex
	once   sync.Once
	closed bool
	e      *C.eng
}

func (l *Locked) Send(p []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errors.New("closed")
	}
	C.eng_send(l.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	return nil
}

func (l *Locked) Close() {
	l.once.Do(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.closed = true
		C.eng_free(l.e)
	})
}

// Look-alike: the literal is registered, not run; nothing else frees.
type Hooked struct {
	closed  atomic.Bool
	e       *C.eng
	onClose []func()
}

func (h *Hooked) Send(p []byte) error {
	if h.closed.Load() {
		return errors.New("closed")
	}
	C.eng_send(h.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	return nil
}

func (h *Hooked) register(f func()) { h.onClose = append(h.onClose, f) }

func (h *Hooked) Arm() {
	h.register(func() {
		h.closed.Store(true)
		C.eng_free(h.e)
	})
}
