/* A crash in libclang ends one unit, not the run.
 *
 * libclang 14 crashes on some ASTs clang built from broken code (a member of
 * a declaration rejected because a header was missing, a placeholder type's
 * layout): the frontends avoid every such query found so far, but a linter
 * run over a whole tree must not die on the next one. While a thread is
 * inside a guarded region, a SIGSEGV/SIGBUS/SIGILL/SIGFPE whose faulting
 * instruction lies in libclang or LLVM jumps back to the region's start;
 * a fault anywhere else (our own bugs) crashes as it always did.
 *
 *   static int guarded(job *j) {        // its own function: nothing in it
 *     sigjmp_buf jump;                  // lives across the jump
 *     if (sigsetjmp(jump, 1)) return fl_libclang_guard_crashed();
 *     fl_libclang_guard_enter(&jump);
 *     work(j);                          // state lives in *j
 *     fl_libclang_guard_leave();
 *     return 0;
 *   }
 *
 * After a crash, what libclang was building (the translation unit, the
 * lowering state) is abandoned, not freed: freeing it could fault again.
 * Off under ASan/TSan (their handlers own the signals) and with
 * FFI_LINT_CRASH_GUARD=0 (to get a core dump of the crash). */
#ifndef FL_LIBCLANG_GUARD_H
#define FL_LIBCLANG_GUARD_H

#include <setjmp.h>
#include <stdbool.h>

/* Once in main(), before any thread and any libclang call. While the guard
 * is active and the stack limit leaves clang the 8 MiB it wants, libclang
 * parses on the calling thread (LIBCLANG_NOTHREADS) and leaves crash
 * recovery to the guard (LIBCLANG_DISABLE_CRASH_RECOVERY). By default
 * libclang starts a thread with an 8 MiB stack for every parse (zstd's 53
 * TUs: 0.2 s of system time, 10-20% of the run), and its own recovery
 * context would be left dangling if the guard jumped over it. Variables the
 * user set are left as they are. Worker threads get an 8 MiB stack too
 * (engine/workers.c). */
void fl_libclang_process_init(void);
/* True when faults in libclang are recovered from in this process. */
bool fl_libclang_guard_active(void);
/* Starts a guarded region on this thread: a libclang fault jumps to `jump`
 * (set by the caller's sigsetjmp(jump, 1)). Regions do not nest. */
void fl_libclang_guard_enter(sigjmp_buf *jump);
/* Ends the region. */
void fl_libclang_guard_leave(void);
/* Ends the region after the jump; returns the signal number that ended it
 * (non-zero). */
int fl_libclang_guard_crashed(void);

#endif
