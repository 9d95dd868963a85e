package preambles

/*
#include "shared.h"

static size_t b_len(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
*/
import "C"

func Len(s *C.char) C.size_t { return C.b_len(s) }

func Free(c *C.conn) { C.conn_free(c) }
