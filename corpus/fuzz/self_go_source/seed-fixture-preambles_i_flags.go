package preambles

// #cgo CFLAGS: -DPKG_FEATURE=1
// int i_plain(void);
import "C"

func IPlain() C.int { return C.i_plain() }
