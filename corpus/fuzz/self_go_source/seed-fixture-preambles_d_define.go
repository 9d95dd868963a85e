package preambles

/*
#define WANT_EXTRA 1
#include "shared.h"
*/
import "C"

func Extra(c *C.conn) C.uint64_t { return C.conn_extra(c) }
