// Package pointers: Go pointers hidden in uintptr on their way to C, next to
// the forms the GC can see.
package pointers

/*
#include <stdint.h>
void register_cb(uintptr_t handle);
void use_buffer(void *p, int n);
*/
import "C"

import "unsafe"

type Callback struct {
	fn func(int)
}

func Register(cb *Callback) {
	C.register_cb(C.uintptr_t(uintptr(unsafe.Pointer(cb)))) // expect: missing-keepalive
}

func Fill(buf []byte) {
	p := unsafe.Pointer(&buf[0])
	C.use_buffer(p, C.int(len(buf))) // no-finding
}
