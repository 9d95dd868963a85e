/* Plain threaded stress test of an adapter (the benchmark baseline). */
#ifndef FL_RACE_STRESS_H
#define FL_RACE_STRESS_H

#include <stdint.h>

#include "race.h"

/* Runs random plans with real concurrency for `seconds`; returns how many
 * ran. A bug ends the process through the sanitizer. */
unsigned long fl_race_stress(const fl_race_adapter *adapter, double seconds, uint64_t seed);

#endif
