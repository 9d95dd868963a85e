// Package engine binds a C library without cgo, through purego: func
// values registered with purego.RegisterLibFunc call C when called. The
// engine's finalizer frees its C handle; a method whose last use of the
// engine passes its handle to C lets the finalizer run during the call.
// (github.com/ebitengine/purego is not vendored: ffi-lint reads the calls.)
package engine

import (
	"runtime"
	"unsafe"

	"github.com/ebitengine/purego"
)

var (
	engineNew    func(size uintptr) uintptr
	engineRun    func(h uintptr, input unsafe.Pointer, n uintptr) int32
	engineFree   func(h uintptr)
	engineResult func(h uintptr, out *uintptr) uintptr
)

type Engine struct {
	handle  uintptr
	scoreFn func(h uintptr) float64
}

func Load(lib uintptr) {
	purego.RegisterLibFunc(&engineNew, lib, "engine_new")
	purego.RegisterLibFunc(&engineRun, lib, "engine_run")
	purego.RegisterLibFunc(&engineFree, lib, "engine_free")
	purego.RegisterLibFunc(&engineResult, lib, "engine_result")
}

func New(lib uintptr) *Engine {
	e := &Engine{handle: engineNew(64)}
	purego.RegisterLibFunc(&e.scoreFn, lib, "engine_score")
	runtime.SetFinalizer(e, func(e *Engine) { engineFree(e.handle) })
	return e
}

func (e *Engine) Run(input []byte) int32 {
	return engineRun(e.handle, unsafe.Pointer(&input[0]), uintptr(len(input))) // expect: missing-keepalive
}

// A func value kept in a field, registered the same way.
func (e *Engine) Score() float64 {
	return e.scoreFn(e.handle) // expect: missing-keepalive
}

// The fix.
func (e *Engine) RunKept(input []byte) int32 {
	rc := engineRun(e.handle, unsafe.Pointer(&input[0]), uintptr(len(input))) // no-finding
	runtime.KeepAlive(e)
	return rc
}

// Look-alike: a Go func value no one registered with purego is Go code.
var report func(h uintptr) int

func (e *Engine) Report() int {
	return report(e.handle) // no-finding
}
