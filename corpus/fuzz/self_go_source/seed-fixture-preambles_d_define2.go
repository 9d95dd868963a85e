package preambles

/*
#define WANT_EXTRA 1
#include "shared.h"
int d2_count(void);
*/
import "C"

// Same macro lines as d_define.go, before the #include: merged with it.
func D2Count() C.int { return C.d2_count() }
