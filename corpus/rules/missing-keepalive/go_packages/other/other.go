// Package other: types named like udev's finalized ones, in another
// package (directory) that sets no finalizer.
package other

/*
typedef struct dev dev;
int dev_seqnum(dev *d);
*/
import "C"

type Surface struct {
	ptr *C.dev
}

func (s *Surface) Seqnum() int {
	return int(C.dev_seqnum(s.ptr)) // no-finding
}
