package preambles

/*
#define G_RUN 1
unsigned short h_after(void);
*/
import "C"

func HAfter() C.ushort { return C.h_after() }
