// Package stmt: a handle kept in C memory behind a field (`stmt
// *C.stmt_t`, as go-duckdb keeps its prepared statements) and passed by
// value, `*s.stmt`: once that read is s's last use, the finalizer that
// destroys the statement can run while C still uses it.
package stmt

/*
#include <stdlib.h>
typedef struct _stmt { void *internal; } *stmt_t;
int stmt_bind(stmt_t s, int i, long long v);
int stmt_exec(stmt_t s);
void stmt_destroy(stmt_t *s);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Stmt struct {
	stmt  *C.stmt_t
	bound int
}

func New() *Stmt {
	s := &Stmt{stmt: (*C.stmt_t)(C.malloc(C.size_t(unsafe.Sizeof(C.stmt_t(nil)))))}
	runtime.SetFinalizer(s, func(s *Stmt) { C.stmt_destroy(s.stmt) })
	return s
}

func (s *Stmt) Bind(i int, v int64) int {
	return int(C.stmt_bind(*s.stmt, C.int(i), C.longlong(v))) // expect: missing-keepalive
}

// The fix: s is kept alive past the call.
func (s *Stmt) Exec() int {
	rc := C.stmt_exec(*s.stmt) // no-finding
	runtime.KeepAlive(s)
	return int(rc)
}

// Used after the call: still reachable during it.
func (s *Stmt) BindCounted(i int, v int64) int {
	rc := C.stmt_bind(*s.stmt, C.int(i), C.longlong(v)) // no-finding
	s.bound++
	return int(rc)
}
