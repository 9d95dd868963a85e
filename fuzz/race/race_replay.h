/* The standalone replayer: replays saved inputs under the same scheduler
 * (each in a forked child), prints the crash and its timeline, counts
 * reliability, minimises, runs the threaded stress baseline and imports
 * crashes into the audit DB. Usage in fl_race_replay_main's --help. */
#ifndef FL_RACE_REPLAY_H
#define FL_RACE_REPLAY_H

#include "race.h"

/* Returns the process exit code: 0 ok (or expectation met), 1 crash found
 * (or expectation not met), 2 usage or input error. */
int fl_race_replay_main(int argc, char **argv, const fl_race_adapter *adapter,
                        const char *target, const char *adapter_file);

#endif
