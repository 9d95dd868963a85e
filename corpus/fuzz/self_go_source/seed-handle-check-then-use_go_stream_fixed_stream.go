// Package stream: the fixed twins of go_stream — the lock held across the
// call (defer), and a pointer swapped out atomically so only one owner uses it.
package stream

/*
#include <stddef.h>
#include <stdlib.h>
typedef struct stream stream;
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
	mu     sync.RWMutex
	closed bool
	ptr    *C.stream
}

func (s *Stream) Recv(buf []byte) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return -1
	}
	return int(C.stream_recv(s.ptr, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))) // no-finding
}

func (s *Stream) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	C.stream_free(s.ptr)
	s.ptr = nil
}

type Owner struct {
	ptr atomic.Pointer[C.stream]
}

func (o *Owner) SendOnce(msg []byte) int {
	p := o.ptr.Swap(nil)
	if p == nil {
		return -1
	}
	rc := C.stream_send(p, (*C.char)(unsafe.Pointer(&msg[0])), C.size_t(len(msg))) // no-finding
	C.stream_free(p)
	return int(rc)
}
