// Package keep: Go pointers handed to C functions of the package that keep
// them after they return (cgo's pointer-passing rules: pin them, or hand C
// a C copy), next to ones that only use them during the call.
package keep

/*
struct ctx;
void keep_ptr(void *p);
void ctx_set_user(struct ctx *c, void *user);
void run_with(void *ctx);
void use_only(void *p);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type state struct{ n int }

func Keep(s *state) {
	C.keep_ptr(unsafe.Pointer(s)) // expect: missing-keepalive
}

func KeepAddr(s state) {
	C.keep_ptr(unsafe.Pointer(&s)) // expect: missing-keepalive
}

// The fixed twin: pinned until Unpin (here: for the process).
func KeepPinned(s *state, pin *runtime.Pinner) {
	pin.Pin(s)
	C.keep_ptr(unsafe.Pointer(s)) // no-finding
}

func SetUser(c *C.struct_ctx, s *state) {
	C.ctx_set_user(c, unsafe.Pointer(s)) // expect: missing-keepalive
}

func Run(s *state) {
	C.run_with(unsafe.Pointer(s)) // no-finding
}

func Use(s *state) {
	C.use_only(unsafe.Pointer(s)) // no-finding
}

// A C pointer is C's own memory: no Go pointer to pin.
func KeepC(p *C.struct_ctx) {
	C.keep_ptr(unsafe.Pointer(p)) // no-finding
}
