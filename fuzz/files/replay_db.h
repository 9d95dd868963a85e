/* Storing replayed findings in the audit DB as fuzz crashes (crash.h). */
#ifndef FL_FILES_REPLAY_DB_H
#define FL_FILES_REPLAY_DB_H

#include "replay_verdict.h"

/* Stores one finding of `target` found by `input_path`. `reliable`: it
 * replayed the same way twice. Returns 0, or -1 with a message on stderr
 * naming the DB file. *is_new_out says whether the crash was new. */
int fl_replay_db_store(const char *db_path, const char *target, const char *input_path,
                       const fl_replay_verdict *verdict, int reliable, int *is_new_out);

#endif
