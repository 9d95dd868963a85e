// Package array: finalizers registered through a helper that takes an
// interface (TileDB-Go's freeOnGC), so SetFinalizer itself names no handle
// type; option closures that receive the handle as their parameter; the
// Free methods the finalizer closure calls.
package array

/*
#include <stdint.h>
#include <stdlib.h>
typedef struct ctx ctx_t;
typedef struct arr arr_t;
int ctx_alloc(ctx_t **c);
void ctx_free(ctx_t **c);
int arr_alloc(ctx_t *c, const char *uri, arr_t **a);
void arr_free(arr_t **a);
int arr_set_end(ctx_t *c, arr_t *a, uint64_t ts);
int arr_open(ctx_t *c, arr_t *a);
int arr_reset(arr_t *a);
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

type Freeable interface{ Free() }

func freeOnGC(obj Freeable) {
	runtime.SetFinalizer(obj, func(obj Freeable) { obj.Free() })
}

// A helper of the helper: its parameter reaches freeOnGC.
func track(obj Freeable) { freeOnGC(obj) }

type Context struct {
	tiledbContext *C.ctx_t
}

func NewContext() (*Context, error) {
	var c Context
	if C.ctx_alloc(&c.tiledbContext) != 0 {
		return nil, errors.New("ctx_alloc")
	}
	freeOnGC(&c)
	return &c, nil
}

// Runs as the finalizer (the closure calls obj.Free()).
func (c *Context) Free() {
	if c.tiledbContext != nil {
		C.ctx_free(&c.tiledbContext) // no-finding
	}
}

type Array struct {
	tiledbArray *C.arr_t
	context     *Context
}

type ArrayOpenOption func(*Array) error

func NewArray(tdbCtx *Context, uri string) (*Array, error) {
	curi := C.CString(uri)
	defer C.free(unsafe.Pointer(curi))
	array := Array{context: tdbCtx}
	if C.arr_alloc(array.context.tiledbContext, curi, &array.tiledbArray) != 0 {
		return nil, errors.New("arr_alloc")
	}
	track(&array)
	return &array, nil
}

func (a *Array) Free() {
	if a.tiledbArray != nil {
		C.arr_free(&a.tiledbArray) // no-finding
	}
}

// The closure's parameter is the handle: its last use is the C call.
func WithEndTimestamp(endTimestamp uint64) ArrayOpenOption {
	return func(tdbArray *Array) error {
		if C.arr_set_end(tdbArray.context.tiledbContext, tdbArray.tiledbArray, C.uint64_t(endTimestamp)) != 0 { // expect: missing-keepalive
			return errors.New("arr_set_end")
		}
		return nil
	}
}

// The fixed twin: the closure keeps its parameter alive.
func WithEndTimestampKept(endTimestamp uint64) ArrayOpenOption {
	return func(tdbArray *Array) error {
		ret := C.arr_set_end(tdbArray.context.tiledbContext, tdbArray.tiledbArray, C.uint64_t(endTimestamp)) // no-finding
		runtime.KeepAlive(tdbArray)
		if ret != 0 {
			return errors.New("arr_set_end")
		}
		return nil
	}
}

func (a *Array) Open(options ...ArrayOpenOption) error {
	for _, option := range options {
		if err := option(a); err != nil {
			return err
		}
	}
	if C.arr_open(a.context.tiledbContext, a.tiledbArray) != 0 { // expect: missing-keepalive
		return errors.New("arr_open")
	}
	return nil
}

func (a *Array) OpenKept() error {
	ret := C.arr_open(a.context.tiledbContext, a.tiledbArray) // no-finding
	runtime.KeepAlive(a)
	if ret != 0 {
		return errors.New("arr_open")
	}
	return nil
}

// A closure that only uses a value the enclosing function keeps alive.
func (a *Array) OpenLater() func() int {
	ret := func(n int) int { return n + 1 }
	C.arr_open(a.context.tiledbContext, a.tiledbArray) // no-finding
	runtime.KeepAlive(a)
	return func() int { return ret(1) }
}

// A generic helper called with explicit type arguments: the parser reads
// `keep[*Query](...)` like a conversion to a generic type.
func keep[T Freeable](v T) T {
	runtime.SetFinalizer(v, func(v T) { v.Free() })
	return v
}

type Query struct {
	arr *C.arr_t
}

func NewQuery() *Query { return keep[*Query](&Query{}) }

func (q *Query) Free() {
	C.arr_free(&q.arr) // no-finding
}

func (q *Query) Reset() int {
	return int(C.arr_reset(q.arr)) // expect: missing-keepalive
}
