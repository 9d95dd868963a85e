// Package remote: a type without a finalizer that reaches a finalizer-bearing
// object through a field (git2go's RemoteCollection{repo *Repository}) and
// passes that object's C pointer: its last use lets the object go too.
package remote

/*
typedef struct repo repo;
typedef struct stmt stmt;
repo *repo_open(void);
void repo_free(repo *r);
int remote_delete(repo *r, const char *name);
int remote_count(repo *r);
stmt *stmt_prepare(repo *r);
void stmt_finalize(stmt *s);
const char *stmt_column(stmt *s, int i);
*/
import "C"

import (
	"runtime"
	"sync"
)

type Repository struct {
	ptr *C.repo
}

func Open() *Repository {
	r := &Repository{ptr: C.repo_open()}
	runtime.SetFinalizer(r, func(r *Repository) { C.repo_free(r.ptr) })
	return r
}

type RemoteCollection struct {
	repo *Repository
}

func (c *RemoteCollection) Delete(name *C.char) int {
	return int(C.remote_delete(c.repo.ptr, name)) // expect: missing-keepalive
}

// The fixed twin (as git2go writes it).
func (c *RemoteCollection) DeleteKept(name *C.char) int {
	ret := C.remote_delete(c.repo.ptr, name) // no-finding
	runtime.KeepAlive(c.repo)
	return int(ret)
}

// c is used after the call: c.repo stays reachable.
func (c *RemoteCollection) CountTwice() int {
	n := int(C.remote_count(c.repo.ptr)) // no-finding
	return n + int(C.remote_count(c.repo.ptr)) // expect: missing-keepalive
}

// The owner itself is held in a local that is used after the call.
func (c *RemoteCollection) DeleteHeld(name *C.char) (*Repository, int) {
	repo := c.repo
	ret := C.remote_delete(c.repo.ptr, name) // no-finding
	return repo, int(ret)
}

type Stmt struct {
	mu sync.Mutex
	s  *C.stmt
}

func Prepare(r *Repository) *Stmt {
	s := &Stmt{s: C.stmt_prepare(r.ptr)}
	runtime.KeepAlive(r)
	runtime.SetFinalizer(s, func(s *Stmt) { C.stmt_finalize(s.s) })
	return s
}

type Rows struct {
	s *Stmt
}

// A deferred unlock through rc keeps rc, and so rc.s, alive to the end.
func (rc *Rows) Column(i int) string {
	rc.s.mu.Lock()
	defer rc.s.mu.Unlock()
	return C.GoString(C.stmt_column(rc.s.s, C.int(i))) // no-finding
}

func (rc *Rows) ColumnUnlocked(i int) *C.char {
	return C.stmt_column(rc.s.s, C.int(i)) // expect: missing-keepalive
}
