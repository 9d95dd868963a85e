// Package sender: the op checks the flag and then calls a helper that
// hands the handle to C; the use is in the helper, the race is the op's.
// The fixed twin holds the lock the free takes across the helper call. An
// internal function calling the helper is judged at its callers, which may
// hold the lock (gopacket's getNextBufPtrLocked).
package sender

/*
#include <stddef.h>
typedef struct eng eng;
eng *eng_new(void);
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

type Sender struct {
	closed atomic.Bool
	e      *C.eng
}

func (s *Sender) send(p []byte) {
	C.eng_send(s.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p)))
}

func (s *Sender) Send(p []byte) error {
	if s.closed.Load() {
		return errors.New("closed")
	}
	s.send(p) // expect: handle-check-then-use
	return nil
}

// Internal: its callers decide what is held.
func (s *Sender) sendLocked(p []byte) {
	if s.closed.Load() {
		return
	}
	s.send(p) // no-finding
}

func (s *Sender) Close() {
	s.closed.Store(true)
	C.eng_free(s.e)
}

// The fixed twin.
type Guarded struct {
	mu     sync.Mutex
	closed bool
	e      *C.eng
}

func (g *Guarded) send(p []byte) {
	C.eng_send(g.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p)))
}

func (g *Guarded) Send(p []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return errors.New("closed")
	}
	g.send(p) // no-finding
	return nil
}

func (g *Guarded) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed = true
	C.eng_free(g.e)
}
