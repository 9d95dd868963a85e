/* main() of <name>-replay: the replayer for one adapter (race_replay.h). */
#include "race_replay.h"

int main(int argc, char **argv) {
  return fl_race_replay_main(argc, argv, fl_race_adapter_get(), FL_RACE_TARGET,
                             FL_RACE_ADAPTER_FILE);
}
