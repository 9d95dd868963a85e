// Package stream: Go handles over a C stream whose ops check a flag (an
// atomic.Bool, or a bool under a mutex dropped before the call) and then use
// the C pointer, while Close frees it.
package stream

/*
#include <stddef.h>
#include <stdlib.h>
typedef struct stream stream;
stream *stream_open(const char *addr);
int stream_recv(stream *s, char *buf, size_t cap);
int stream_send(stream *s, const char *buf, size_t len);
void stream_free(stream *s);
*/
import "C"

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

type Stream struct {
	closed atomic.Bool
	ptr    *C.stream
}

func (s *Stream) Recv(buf []byte) int {
	if s.closed.Load() {
		return -1
	}
	return int(C.stream_recv(s.ptr, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))) // expect: handle-check-then-use
}

func (s *Stream) Close() {
	if s.closed.Swap(true) {
		return
	}
	C.stream_free(s.ptr)
}

type Sink struct {
	mu     sync.Mutex
	closed bool
	ptr    *C.stream
}

func (k *Sink) Send(msg []byte) int {
	k.mu.Lock()
	if k.closed {
		k.mu.Unlock()
		return -1
	}
	p := k.ptr
	k.mu.Unlock()
	return int(C.stream_send(p, (*C.char)(unsafe.Pointer(&msg[0])), C.size_t(len(msg)))) // expect: handle-check-then-use
}

func (k *Sink) Close() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.closed = true
	C.stream_free(k.ptr)
	k.ptr = nil
}
