package preambles

/*
#define G_RUN 1
int g_broken(int x;
*/
import "C"

// A syntax error: its run [g_syntax h_after] is parsed one by one instead.
func GBroken() C.int { return C.g_broken(1) }
