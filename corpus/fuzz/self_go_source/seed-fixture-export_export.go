package export

// #include <stdint.h>
// typedef void (*cb_t)(uintptr_t);
// static void call_cb(cb_t cb, uintptr_t h) { cb(h); }
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

var callbacks = map[int]func(int){}

//export goUnsafe
func goUnsafe(h C.uintptr_t) {
	v := cgo.Handle(h).Value()
	_ = v
	panic("boom")
}

//export goSafe
func goSafe(h C.uintptr_t) (rc C.int) {
	defer func() {
		if r := recover(); r != nil {
			rc = -1
		}
	}()
	return 0
}

func onEvent(id int) {}

func Register(id int, obj *int) {
	callbacks[id] = onEvent
	h := cgo.NewHandle(obj)
	C.call_cb(C.cb_t(C.goSafe), C.uintptr_t(h))
	p := new(int)
	buf := make([]byte, 16)
	_ = unsafe.Pointer(p)
	_ = buf
}
