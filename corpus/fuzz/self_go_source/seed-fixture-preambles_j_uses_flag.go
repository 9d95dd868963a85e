package preambles

/*
#include "broken.h"
#ifdef PKG_FEATURE
long long j_feature(void);
#endif
*/
import "C"

// cgo compiles every preamble with the #cgo CFLAGS of the whole package:
// i_flags.go's -DPKG_FEATURE declares j_feature here.
func JFeature() C.longlong { return C.j_feature() }
