// Go functions that C calls: //export functions and callbacks registered
// with C. A panic that reaches the cgo boundary crashes the process, so each
// needs a deferred function that calls recover().
package bridge

/*
#include <stddef.h>
typedef int (*event_fn)(int code);
int events_subscribe(event_fn fn);
extern int goOnEvent(int code);
*/
import "C"

import "strconv"

var lastError string

//export GoParse
func GoParse(text *C.char) C.int { // expect: unwind-across-ffi severity=medium
	n, _ := strconv.Atoi(C.GoString(text))
	return C.int(100 / n)
}

// Fixed twin: the deferred closure recovers and reports an error code.
//
//export GoParseFixed
func GoParseFixed(text *C.char) (rc C.int) { // no-finding
	defer func() {
		if r := recover(); r != nil {
			rc = -1
		}
	}()
	n, _ := strconv.Atoi(C.GoString(text))
	return C.int(100 / n)
}

// `defer recover()` does not stop a panic: recover must be called by the
// deferred function itself.
//
//export GoDeferRecover
func GoDeferRecover(n C.int) C.int { // expect: unwind-across-ffi severity=medium
	defer recover()
	return 100 / n
}

func guard(rc *C.int) {
	if r := recover(); r != nil {
		lastError = "panic"
		*rc = -1
	}
}

// Fixed twin through a named deferred function that recovers.
//
//export GoNamedGuard
func GoNamedGuard(n C.int) (rc C.int) { // no-finding
	defer guard(&rc)
	return 100 / n
}

// A Go callback handed to C.
//
//export goOnEvent
func goOnEvent(code C.int) C.int { // expect: unwind-across-ffi severity=medium
	return C.int(len(lastError)) / code
}

func subscribe() {
	C.events_subscribe(C.event_fn(C.goOnEvent))
}

// Look-alike: not exported, not registered; C never calls it.
func parseLocal(text string) int { // no-finding
	n, _ := strconv.Atoi(text)
	return 100 / n
}

// Look-alike: a handler kept in a Go callback table runs beneath the
// exported dispatcher (C can only enter Go through //export functions),
// and the dispatcher recovers.
var handlers = map[int]func(int) int{}

func onData(v int) int { // no-finding
	return 100 / v
}

func registerHandlers() {
	handlers[1] = onData
}

//export goDispatch
func goDispatch(id C.int, v C.int) (rc C.int) { // no-finding
	defer func() {
		if recover() != nil {
			rc = -1
		}
	}()
	return C.int(handlers[int(id)](int(v)))
}
