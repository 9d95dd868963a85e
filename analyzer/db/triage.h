/* Review decisions: status, severity override, comments. Every change is
 * written with a triage_history row in the same transaction. */
#ifndef FL_DB_TRIAGE_H
#define FL_DB_TRIAGE_H

#include <stddef.h>

#include "db.h"

typedef struct fl_triage_change {
  const char *status;   /* new review status, or NULL to leave it */
  const char *severity; /* "low" | "medium" | "high" override, or NULL; the
                         * rule's own severity removes the override */
  const char *reason;   /* required with severity and with false_positive,
                         * intentional, deferred */
  const char *author;
} fl_triage_change;

/* Checks a change before it touches anything (FL_EUSAGE naming the
 * problem): known status and severity, a reason where one is required, an
 * author. */
int fl_triage_change_check(const fl_triage_change *change);

/* Applies `change` to every finding in `ids` in one transaction.
 * *changed_out (may be NULL) receives how many findings actually changed
 * (re-applying the same decision is a no-op, with no history row). */
int fl_db_triage(fl_db *db, const long long *ids, size_t count, const fl_triage_change *change,
                 size_t *changed_out);

/* Adds a comment to a finding. */
int fl_db_comment_add(fl_db *db, long long finding_id, const char *author, const char *text);

#endif
