package preambles

// #include "shared.h"
// int16_t f_short(void);
import "C"

func FShort() C.int16_t { return C.f_short() }
