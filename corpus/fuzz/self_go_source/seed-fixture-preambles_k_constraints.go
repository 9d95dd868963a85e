package preambles

// #cgo windows CFLAGS: -DONLY_WINDOWS
// #cgo linux,amd64 !windows CFLAGS: -D LINUX_TWO_WORDS
// #ifdef ONLY_WINDOWS
// int k_windows(void);
// #endif
// #ifdef LINUX_TWO_WORDS
// short k_linux(void);
// #endif
import "C"

// A #cgo directive applies when its build constraint holds for linux/amd64
// (what we read code for); `-D NAME` may be two words. So k_linux is
// declared and k_windows is not.
func KLinux() C.short { return C.k_linux() }

func KWindows() C.int { return C.k_windows() }
