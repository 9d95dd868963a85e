package preambles

// #include "shared.h"
// #include "missing.h"
// int e_only(int x);
import "C"

func EOnly() C.int { return C.e_only(1) }
