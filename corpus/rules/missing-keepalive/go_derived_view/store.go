// Package store: a view C makes of a finalized object (wasmtime-go's
// Context of a Store: `&Context{ptr: C.store_context(s.ptr())}`, with no
// finalizer of its own). Passing the view's pointer to C as the store's
// last use lets the store's finalizer free the store, and the view with
// it, during the call.
package store

/*
typedef struct store store;
typedef struct ctx ctx;
ctx *store_context(store *s);
int ctx_call(ctx *c, int x);
int ctx_fuel(ctx *c);
store *store_clone(store *s);
int store_size(store *s);
void store_delete(store *s);
*/
import "C"

import "runtime"

type Store struct {
	_ptr *C.store
}

func New() *Store {
	s := &Store{}
	runtime.SetFinalizer(s, func(s *Store) { C.store_delete(s._ptr) })
	return s
}

func (s *Store) ptr() *C.store {
	ret := s._ptr
	return ret
}

type Context struct {
	_ptr *C.ctx
}

func (s *Store) Context() *Context {
	ctx := &Context{_ptr: C.store_context(s.ptr())}
	runtime.KeepAlive(s)
	return ctx
}

func (c *Context) ptr() *C.ctx { return c._ptr }

func Call(store *Store, x int) int {
	return int(C.ctx_call(store.Context().ptr(), C.int(x))) // expect: missing-keepalive
}

func Fuel(store *Store) int {
	return int(C.ctx_fuel(store.Context()._ptr)) // expect: missing-keepalive
}

// The fix: the store is kept alive past the call.
func CallKept(store *Store, x int) int {
	rc := C.ctx_call(store.Context().ptr(), C.int(x)) // no-finding
	runtime.KeepAlive(store)
	return int(rc)
}

// A method returning the receiver's own type makes a copy that owns its
// object: what the clone is used for does not need the original.
func (s *Store) Clone() *Store {
	clone := &Store{_ptr: C.store_clone(s.ptr())}
	runtime.KeepAlive(s)
	return clone
}

func CloneSize(store *Store) int {
	return int(C.store_size(store.Clone()._ptr)) // no-finding
}
