// Package deploy: a C call that hands back memory. Memory lent out of the
// object (a getter's const string) dies with it; a result the caller owns
// (a new object or reference, a string the caller frees) does not. Either
// way the object is last used to pass its handle to C: a finding; only its
// message differs (tests/cli/rule_messages.sh checks them).
package deploy

/*
#include <stdlib.h>
typedef struct deployment deployment;
typedef struct keyfile keyfile;
deployment *deployment_new(void);
void deployment_unref(deployment *d);
const char *deployment_get_osname(deployment *d);
char *deployment_get_origin_path(deployment *d);
char *deployment_dup_csum(deployment *d);
keyfile *deployment_origin_new(deployment *d);
keyfile *keyfile_ref(keyfile *k);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Deployment struct {
	ptr *C.deployment
}

func NewDeployment() *Deployment {
	d := &Deployment{C.deployment_new()}
	runtime.SetFinalizer(d, (*Deployment).unref)
	return d
}

func (d *Deployment) unref() {
	C.deployment_unref(d.ptr) // no-finding -- the finalizer itself
}

// Lent out: the string lives in d.
func (d *Deployment) Osname() string {
	return C.GoString(C.deployment_get_osname(d.ptr)) // expect: missing-keepalive
}

// The caller's own: it frees the string.
func (d *Deployment) OriginPath() string {
	cs := C.deployment_get_origin_path(d.ptr) // expect: missing-keepalive
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(cs)
}

// The caller's own by name (dup).
func (d *Deployment) Csum() string {
	return C.GoString(C.deployment_dup_csum(d.ptr)) // expect: missing-keepalive
}

// The caller's own by name (new), wrapped in a Go value of its own.
func (d *Deployment) Origin() *C.keyfile {
	k := C.deployment_origin_new(d.ptr) // expect: missing-keepalive
	return C.keyfile_ref(k)
}

// The fixed twins: nothing to report.
func (d *Deployment) OsnameKept() string {
	name := C.GoString(C.deployment_get_osname(d.ptr))
	runtime.KeepAlive(d)
	return name
}

func (d *Deployment) OriginPathKept() string {
	cs := C.deployment_get_origin_path(d.ptr)
	runtime.KeepAlive(d)
	defer C.free(unsafe.Pointer(cs))
	return C.GoString(cs)
}

// A Go view over the lent name leaves the function: it outlives d, and
// runtime.KeepAlive cannot help; the message asks for a copy.
func (d *Deployment) OsnameView() string {
	p := C.deployment_get_osname(d.ptr) // expect: missing-keepalive
	return unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p)))
}

// Zero-copy by contract (the view is valid while d is): d is kept alive
// here, and the caller's use of the view is the caller's to keep.
func (d *Deployment) OsnameViewKept() string {
	p := C.deployment_get_osname(d.ptr) // no-finding
	view := unsafe.String((*byte)(unsafe.Pointer(p)), int(C.strlen(p)))
	runtime.KeepAlive(d)
	return view
}
