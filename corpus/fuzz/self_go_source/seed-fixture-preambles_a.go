package preambles

// #include "shared.h"
// #include "alpha.h"
import "C"

func Open(name *C.char) *C.conn { return C.conn_open(name) }

func AlphaSize() C.size_t { return C.alpha_size() }
