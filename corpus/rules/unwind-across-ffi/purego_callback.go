// Go functions handed to C with purego.NewCallback (no cgo, no //export):
// C calls them, so a panic must not unwind into C. One without a deferred
// recover is reported; one with it, and a function never handed to C, are
// not.
package progress

import "github.com/ebitengine/purego"

func onProgress(done, total int32) int32 { // expect: unwind-across-ffi severity=medium
	return done * 100 / total
}

func onProgressSafe(done, total int32) (pct int32) { // no-finding
	defer func() {
		if recover() != nil {
			pct = -1
		}
	}()
	return done * 100 / total
}

func percent(done, total int32) int32 { // no-finding
	return done * 100 / total
}

func Callbacks() (uintptr, uintptr) {
	return purego.NewCallback(onProgress), purego.NewCallback(onProgressSafe)
}

func Percent(done, total int32) int32 { return percent(done, total) }
