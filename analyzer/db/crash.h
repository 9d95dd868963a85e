/* Fuzz crashes in the audit DB (design.md §7): the race harness and the
 * cached-file harness store what they find here, deduplicated by
 * (target, crash state), and the report shows them.
 *
 * Crash state: the top three stack frames outside the harness and the
 * sanitizer runtime, one function name per line ("stream_recv\n
 * stream_poll\nffi_recv"), the same frames every time the bug fires.
 *
 * Race timeline (crash->timeline, optional): the interleaving that leads to
 * the crash, one step per line, in the order the scheduler ran them:
 *
 *     THREAD|OP|LOCATION|NOTE
 *
 *   THREAD    "T1", "T2", ... (a thread of the harness; any [A-Za-z0-9_]+)
 *   OP        call | return | lock | unlock | check | free | use | switch | other
 *             ("free" and "use" are the two halves of the bug: the report
 *             highlights them)
 *   LOCATION  "file.c:LINE", or empty
 *   NOTE      free text (no newline), e.g. "stream_free(s)" or
 *             "reads s->inner after free"
 *
 * Blank lines and lines starting with '#' are ignored. Example:
 *
 *     T1|call|stream.c:40|stream_recv(s)
 *     T1|check|stream.c:42|s->closed == false
 *     T2|free|stream.c:88|stream_free(s)
 *     T1|use|stream.c:45|reads s->inner (freed)
 */
#ifndef FL_DB_CRASH_H
#define FL_DB_CRASH_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

typedef struct fl_crash_info {
  const char *target;          /* harness name, e.g. "race_stream" */
  const char *crash_type;      /* "heap-use-after-free READ 8", "timeout", "oom", ... */
  const char *crash_state;     /* top 3 frames, see above */
  const char *reproducer_path; /* where the input is kept, or NULL */
  const void *reproducer;      /* the input bytes themselves, or NULL */
  size_t reproducer_size;
  bool reliable;               /* replays deterministically */
  double seen_at;              /* unix time; 0 = now */
  const char *timeline;        /* race timeline (format above), or NULL */
} fl_crash_info;

/* Stores a crash, or, when (target, crash_state) is already known, bumps
 * its count and last_seen (and keeps the newer reproducer and timeline if
 * given; `reliable` sticks once true). A malformed timeline is FL_EPARSE
 * ("timeline line N: ...") and nothing is written. *crash_id_out (may be
 * NULL) gets the row id, *is_new_out (may be NULL) whether it is new. */
int fl_db_store_crash(fl_db *db, const fl_crash_info *crash, long long *crash_id_out,
                      bool *is_new_out);

typedef struct fl_audit_crash {
  long long id;
  char *target, *crash_type, *crash_state, *reproducer_path, *timeline;
  size_t reproducer_size;
  bool reliable;
  double first_seen, last_seen;
  long long count;
} fl_audit_crash;

typedef struct fl_audit_crashes {
  fl_audit_crash *items;
  size_t count, capacity;
} fl_audit_crashes;

/* Every crash, most frequent first. */
int fl_db_crashes(fl_db *db, fl_audit_crashes *out);
void fl_audit_crashes_clear(fl_audit_crashes *crashes);

/* One parsed timeline line; the strings point into a copy owned by the
 * fl_timeline. */
typedef struct fl_timeline_step {
  const char *thread, *op, *location, *note;
} fl_timeline_step;

typedef struct fl_timeline {
  fl_timeline_step *steps;
  size_t count;
  char *text; /* owned copy the steps point into */
} fl_timeline;

/* Parses the format above; FL_EPARSE with "timeline line N: problem". */
int fl_timeline_parse(fl_timeline *out, const char *text);
void fl_timeline_free(fl_timeline *timeline);

#endif
