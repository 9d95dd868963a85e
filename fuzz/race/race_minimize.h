/* Shrinks a crashing input to the fewest threads, calls and change points
 * (hence preemptions) that still give the same crash (type kind + state). */
#ifndef FL_RACE_MINIMIZE_H
#define FL_RACE_MINIMIZE_H

#include "race_child.h"

typedef struct fl_race_min_stats {
  unsigned tries;
  unsigned calls_before, calls_after;
  unsigned preemptions_before, preemptions_after;
} fl_race_min_stats;

/* On success returns 0 and writes the canonical bytes of the smallest plan
 * found to `out` (FL_RACE_PLAN_MAX_BYTES) and their count to *out_size.
 * -1 when the input does not crash to begin with (message on
 * fl_race_minimize_error) or a child could not be started. */
int fl_race_minimize(const fl_race_adapter *adapter, const uint8_t *data, size_t size,
                     const fl_race_child_opts *opts, uint8_t *out, size_t *out_size,
                     fl_race_min_stats *stats);
const char *fl_race_minimize_error(void);

#endif
