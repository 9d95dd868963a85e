/* Switch points inside the library under test: FlRaceHarness.cmake builds
 * the library with -finstrument-functions, so every function entry and exit
 * calls these. The runtime itself is built without it. */
#include "race.h"
#include "race_sched.h"

#define NO_HOOK __attribute__((no_instrument_function))

NO_HOOK void __cyg_profile_func_enter(void *fn, void *site);
NO_HOOK void __cyg_profile_func_exit(void *fn, void *site);

NO_HOOK void __cyg_profile_func_enter(void *fn, void *site) {
  fl_race_sched_point(FL_RACE_EV_FUNC_ENTER, NULL, fn, site);
}

NO_HOOK void __cyg_profile_func_exit(void *fn, void *site) {
  fl_race_sched_point(FL_RACE_EV_FUNC_EXIT, NULL, fn, site);
}

NO_HOOK void fl_race_point(void) {
  fl_race_sched_point(FL_RACE_EV_POINT, NULL, NULL, __builtin_return_address(0));
}
