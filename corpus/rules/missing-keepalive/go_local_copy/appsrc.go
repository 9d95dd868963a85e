// Package appsrc: the handle's pointer is copied into a local first and the
// local goes to C (generated bindings' `carg0 = (*C.T)(UnsafeToGlibNone(v))`,
// or a plain `p := v.native`): the object is as unreferenced during the
// call as with C.op(v.native).
package appsrc

/*
typedef struct buffer buffer_t;
typedef struct appsrc appsrc_t;
buffer_t *buffer_new(void);
void buffer_unref(buffer_t *b);
int appsrc_push(appsrc_t *s, buffer_t *b);
void appsrc_unref(appsrc_t *s);
int appsrc_level(appsrc_t *s);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Buffer struct {
	native *C.buffer_t
}

func NewBuffer() *Buffer {
	b := &Buffer{native: C.buffer_new()}
	runtime.SetFinalizer(b, func(b *Buffer) { C.buffer_unref(b.native) })
	return b
}

// A package function that hands out its parameter's pointer: an accessor.
func UnsafeBufferToGlibNone(b *Buffer) unsafe.Pointer {
	if b == nil {
		return nil
	}
	return unsafe.Pointer(b.native)
}

type AppSrc struct {
	native *C.appsrc_t
}

func WrapAppSrc(p unsafe.Pointer) *AppSrc {
	s := &AppSrc{native: (*C.appsrc_t)(p)}
	runtime.SetFinalizer(s, func(s *AppSrc) { C.appsrc_unref(s.native) })
	return s
}

func UnsafeAppSrcToGlibNone(s *AppSrc) unsafe.Pointer {
	return unsafe.Pointer(s.native)
}

func (appsrc *AppSrc) PushBuffer(buffer *Buffer) int {
	var carg0 *C.appsrc_t
	var carg1 *C.buffer_t
	carg0 = (*C.appsrc_t)(UnsafeAppSrcToGlibNone(appsrc))
	carg1 = (*C.buffer_t)(UnsafeBufferToGlibNone(buffer))
	cret := C.appsrc_push(carg0, carg1) // expect: missing-keepalive count=2 (appsrc and buffer)
	return int(cret)
}

// The fixed twin, as the generator writes it.
func (appsrc *AppSrc) PushBufferKept(buffer *Buffer) int {
	var carg0 *C.appsrc_t
	var carg1 *C.buffer_t
	carg0 = (*C.appsrc_t)(UnsafeAppSrcToGlibNone(appsrc))
	carg1 = (*C.buffer_t)(UnsafeBufferToGlibNone(buffer))
	cret := C.appsrc_push(carg0, carg1) // no-finding
	runtime.KeepAlive(appsrc)
	runtime.KeepAlive(buffer)
	return int(cret)
}

func (appsrc *AppSrc) Level() int {
	p := appsrc.native
	return int(C.appsrc_level(p)) // expect: missing-keepalive
}

// The object gives the pointer up before the call: the local is no longer
// the object's (a Close that takes ownership).
func (appsrc *AppSrc) Close() {
	p := appsrc.native
	appsrc.native = nil
	C.appsrc_unref(p) // no-finding
}

// The object is used after the call.
func (appsrc *AppSrc) LevelTwice() int {
	p := appsrc.native
	n := C.appsrc_level(p) // no-finding
	n += C.appsrc_level(appsrc.native) // expect: missing-keepalive
	return int(n)
}

// The local is also written from something that is not the object's.
func (appsrc *AppSrc) LevelOf(other *C.appsrc_t) int {
	p := appsrc.native
	if other != nil {
		p = other
	}
	return int(C.appsrc_level(p)) // no-finding
}

// A Go helper that hands its parameter to C: passing the field to it is
// passing it to C.
func level(p *C.appsrc_t) int {
	return int(C.appsrc_level(p))
}

// A helper of the helper.
func levelTwice(p *C.appsrc_t) int {
	return 2 * level(p)
}

// A Go function that only looks at the pointer.
func describe(p *C.appsrc_t) string {
	if p == nil {
		return "none"
	}
	return "some"
}

func (appsrc *AppSrc) LevelViaHelper() int {
	return level(appsrc.native) // expect: missing-keepalive
}

func (appsrc *AppSrc) LevelViaHelpers() int {
	return levelTwice(appsrc.native) // expect: missing-keepalive
}

func (appsrc *AppSrc) LevelViaHelperKept() int {
	n := level(appsrc.native) // no-finding
	runtime.KeepAlive(appsrc)
	return n
}

func (appsrc *AppSrc) Describe() string {
	return describe(appsrc.native) // no-finding
}
