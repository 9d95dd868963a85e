package preambles

// #include "beta.h"
import "C"

func BetaCount() C.uint64_t { return C.beta_count() }
