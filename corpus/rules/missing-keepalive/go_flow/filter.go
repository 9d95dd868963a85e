// Package filter: what counts as a later use of a finalizer-bearing value
// (libseccomp-golang, openssl, pam).
package filter

/*
typedef struct flt flt;
typedef struct store store;
typedef struct gerror { char *message; } gerror;
flt *flt_new(void);
void flt_release(flt *f);
int add_exact(flt *f, int c);
int add(flt *f, int c);
store *get_store(flt *f);
void set_ctx(flt *subj, flt *issuer);
int get_item(flt *f, int i, const void **out);
int get_count(flt *f, int *out);
int save(flt *f, gerror **err);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Filter struct {
	ctx    *C.flt
	parent *Filter
	status C.int
}

type Store struct {
	store  *C.store
	filter *Filter
}

func NewFilter() *Filter {
	f := &Filter{ctx: C.flt_new()}
	runtime.SetFinalizer(f, func(f *Filter) { C.flt_release(f.ctx) })
	return f
}

// The use in the other arm does not run after this call.
func (f *Filter) AddRule(call int, exact bool) int {
	var rc C.int
	if exact {
		rc = C.add_exact(f.ctx, C.int(call)) // expect: missing-keepalive
	} else {
		rc = C.add(f.ctx, C.int(call)) // expect: missing-keepalive
	}
	return int(rc)
}

func (f *Filter) AddRuleKept(call int, exact bool) int {
	var rc C.int
	if exact {
		rc = C.add_exact(f.ctx, C.int(call)) // no-finding
	} else {
		rc = C.add(f.ctx, C.int(call))
	}
	runtime.KeepAlive(f)
	return int(rc)
}

// In a loop the other arm can run next: f is still used after the call.
func (f *Filter) AddRules(calls []int) {
	for i, call := range calls {
		if i%2 == 0 {
			C.add_exact(f.ctx, C.int(call)) // no-finding
		} else {
			C.add(f.ctx, C.int(call)) // expect: missing-keepalive
		}
	}
}

// The literal built after the call holds f: f is live across it.
func (f *Filter) Store() *Store {
	return &Store{
		store:  C.get_store(f.ctx), // no-finding
		filter: f,
	}
}

// The literal holds f's parent, not f.
func (f *Filter) ParentStore() *Store {
	parent := f.parent
	return &Store{
		store:  C.get_store(f.ctx), // expect: missing-keepalive
		filter: parent, // not f
	}
}

// issuer is f or reachable from f, which is kept alive past the call.
func (f *Filter) SetContext() int {
	issuer := f
	if f.parent != nil {
		issuer = f.parent
	}
	C.set_ctx(f.ctx, issuer.ctx) // no-finding
	rc := int(C.add(f.ctx, 0))
	runtime.KeepAlive(f)
	return rc
}

func (f *Filter) SetContextFresh() int {
	issuer := &Filter{ctx: C.flt_new()}
	C.set_ctx(f.ctx, issuer.ctx) // expect: missing-keepalive
	rc := int(C.add(f.ctx, 0))
	runtime.KeepAlive(f)
	return rc
}

// get_item stores a pointer into f's memory in s; f's last use is the
// status check, then the memory is copied out.
func (f *Filter) Item(i int) string {
	var s unsafe.Pointer
	f.status = C.get_item(f.ctx, C.int(i), &s) // expect: missing-keepalive
	if f.status != 0 {
		return ""
	}
	return C.GoString((*C.char)(s))
}

func (f *Filter) ItemKept(i int) string {
	var s unsafe.Pointer
	f.status = C.get_item(f.ctx, C.int(i), &s) // no-finding
	if f.status != 0 {
		return ""
	}
	item := C.GoString((*C.char)(s))
	runtime.KeepAlive(f)
	return item
}

// A count is not memory; an error C allocates for the caller is not f's.
func (f *Filter) Count() int {
	var n C.int
	f.status = C.get_count(f.ctx, &n) // no-finding
	if f.status != 0 {
		return 0
	}
	return int(n)
}

func (f *Filter) Save() string {
	var err *C.gerror
	f.status = C.save(f.ctx, &err) // no-finding
	if f.status != 0 {
		return C.GoString(err.message)
	}
	return ""
}
