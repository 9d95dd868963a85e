// Package stream: a handle with a finalizer; methods whose last use of the
// handle is a C call, and their kept-alive twins.
package stream

/*
#include <stddef.h>
#include <stdlib.h>
typedef struct stream stream;
stream *stream_new(void);
int stream_send(stream *s, const char *buf, size_t len);
const char *stream_name(stream *s);
void stream_free(stream *s);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Stream struct {
	ptr *C.stream
}

func New() *Stream {
	s := &Stream{ptr: C.stream_new()}
	runtime.SetFinalizer(s, (*Stream).Free)
	return s
}

func (s *Stream) Free() {
	if s.ptr != nil {
		C.stream_free(s.ptr)
		s.ptr = nil
	}
}

func (s *Stream) Send(b []byte) int {
	return int(C.stream_send(s.ptr, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b)))) // expect: missing-keepalive
}

func (s *Stream) SendKept(b []byte) int {
	rc := C.stream_send(s.ptr, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // no-finding
	runtime.KeepAlive(s)
	return int(rc)
}

func (s *Stream) SendDeferred(b []byte) int {
	defer runtime.KeepAlive(s)
	return int(C.stream_send(s.ptr, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b)))) // no-finding
}

func (s *Stream) SendCounted(b []byte, sent *int) {
	rc := C.stream_send(s.ptr, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // no-finding
	if rc > 0 && s.ptr != nil {
		*sent += int(rc)
	}
}

func (s *Stream) Name() string {
	return C.GoString(C.stream_name(s.ptr)) // expect: missing-keepalive
}

func (s *Stream) NameKept() string {
	name := C.GoString(C.stream_name(s.ptr)) // no-finding
	runtime.KeepAlive(s)
	return name
}

func (s Stream) SendCopy(b []byte) int {
	rc := C.stream_send(s.ptr, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))) // expect: missing-keepalive
	runtime.KeepAlive(s)
	return int(rc)
}
