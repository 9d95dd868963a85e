// Package udev: which values have a finalizer. Finalizer facts hold for the
// named types of this package only; the finalizer's own body is not raced
// by the finalizer (go-udev, gotk3).
package udev

/*
typedef struct dev dev;
dev *dev_new(void);
void dev_unref(dev *d);
int dev_seqnum(dev *d);
void consume(unsigned char *p, int n);
unsigned char *borrow(int *n);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Device struct {
	ptr *C.dev
}

type Surface struct {
	ptr *C.dev
}

// The finalizer itself: d is already unreachable and its finalizer is the
// code running, so nothing frees d.ptr under this call.
func deviceUnref(d *Device) {
	C.dev_unref(d.ptr) // no-finding
}

func (s *Surface) destroy() {
	C.dev_unref(s.ptr) // no-finding
}

func NewDevice() *Device {
	d := &Device{ptr: C.dev_new()}
	runtime.SetFinalizer(d, deviceUnref)
	return d
}

func NewSurface() *Surface {
	s := &Surface{ptr: C.dev_new()}
	runtime.SetFinalizer(s, (*Surface).destroy)
	return s
}

// A function that is not the finalizer is raced by it.
func (d *Device) Seqnum() int {
	return int(C.dev_seqnum(d.ptr)) // expect: missing-keepalive
}

func (s *Surface) Seqnum() int {
	return int(C.dev_seqnum(s.ptr)) // expect: missing-keepalive
}

// A finalizer on a slice (gotk3 ties C memory to a []byte view) does not
// give every []byte a finalizer; a slice passed to C is kept alive by cgo.
func View() []byte {
	var n C.int
	p := C.borrow(&n)
	if n > 1<<20 { // C's length, bounded (unguarded-length's business)
		return nil
	}
	data := unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))
	runtime.SetFinalizer(&data, func(*[]byte) {})
	return data
}

func Write(data []byte) {
	C.consume((*C.uchar)(unsafe.Pointer(&data[0])), C.int(len(data))) // no-finding
}
