/* What one replayed input did, distilled from its child's stderr: the
 * finding line, the crash type and the crash state (top three frames
 * outside the harness runtime and the sanitizers) that the audit DB
 * deduplicates on (analyzer/db/crash.h). */
#ifndef FL_FILES_REPLAY_VERDICT_H
#define FL_FILES_REPLAY_VERDICT_H

#include <stddef.h>

typedef struct fl_replay_verdict {
  int clean;
  char line[1024];       /* "finding: hang: loader did not return ..." or "clean" */
  char crash_type[128];  /* "timeout", "oom", "heap-buffer-overflow", "invariant", ... */
  char crash_state[512]; /* "read_all\ncache_load_buggy\nload" */
} fl_replay_verdict;

/* Fills *out from the child's captured stderr and exit status. `killed` is
 * set when the parent had to kill the child. */
void fl_replay_verdict_read(fl_replay_verdict *out, const char *output, int status, int killed,
                            double limit_seconds);

#endif
