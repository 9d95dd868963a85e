//go:build linux && cgo

package stream

/*
#cgo CFLAGS: -I${SRCDIR} -DSTREAM_API=1
#include <stdlib.h>
#include "stream.h"
*/
import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Stream wraps a C stream handle.
type Stream struct {
	mu     sync.Mutex
	rw     sync.RWMutex
	closed atomic.Bool
	ptr    *C.stream
	n      int
}

type counter struct {
	hits int32
	sync.Mutex
}

func Open(name string) *Stream {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	s := &Stream{ptr: C.stream_open(cs)}
	runtime.SetFinalizer(s, finalizeStream)
	return s
}

func finalizeStream(s *Stream) {
	C.stream_free(s.ptr)
}

// Recv: value receiver, atomic.Bool check, GoBytes with a narrowed length.
func (s Stream) Pending() int {
	if s.closed.Load() {
		return 0
	}
	n := C.stream_pending(s.ptr)
	p := C.stream_data(s.ptr)
	b := C.GoBytes(p, C.int(n))
	return len(b)
}

func (s *Stream) Recv(buf []byte) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := C.stream_recv(s.ptr, (*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	runtime.KeepAlive(s)
	return int(r)
}

func (s *Stream) Name() string {
	s.rw.RLock()
	p := s.ptr
	s.rw.RUnlock()
	return C.GoString(C.stream_name(p))
}

func (s *Stream) View(n int) []byte {
	arr := (*[1 << 30]byte)(unsafe.Pointer(C.stream_data(s.ptr)))[:n:n]
	sl := unsafe.Slice((*byte)(C.stream_data(s.ptr)), n)
	addr := uintptr(unsafe.Pointer(s.ptr))
	_ = addr
	return append(arr, sl...)
}

func (s *Stream) Close() {
	if s.closed.Swap(true) {
		return
	}
	C.stream_free(s.ptr)
	s.ptr = nil
}

func (c *counter) bump() {
	c.Lock()
	atomic.AddInt32(&c.hits, 1)
	c.Unlock()
	var pin runtime.Pinner
	pin.Pin(c)
	pin.Unpin()
}
