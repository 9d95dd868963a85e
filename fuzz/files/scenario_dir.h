/* Materialising a scenario on disk: a private directory per run,
 *   <tmp>/fl-files.<pid>.XXXXXX/        mode 0700, mkdtemp
 *       cache/<name>                     the files the loader reads
 *       outside-<name>                   symlink targets outside cache/
 *       swap-<name>                      replacements renamed over cache/<name>
 * and removing it again, also from crash handlers and, for runs killed
 * outright (SIGKILL, rss limit), by the next process's stale sweep. */
#ifndef FL_FILES_SCENARIO_DIR_H
#define FL_FILES_SCENARIO_DIR_H

#include <stddef.h>

#include "scenario.h"

#define FL_SCENARIO_PATH_MAX 512

typedef struct fl_scenario_dir {
  char root[FL_SCENARIO_PATH_MAX];  /* "" when nothing is on disk */
  char cache[FL_SCENARIO_PATH_MAX];
} fl_scenario_dir;

/* Creates the directory and every file of `scenario` (recording outside
 * targets and unenforced modes in it). Returns 0, or -1 with a message in
 * err; whatever was created is removed again on failure. */
int fl_scenario_dir_build(fl_scenario_dir *dir, fl_scenario *scenario, char *err, size_t errcap);

/* Replaces cache/<file> by its prepared replacement (rename over it; when
 * the kinds make rename impossible, remove then rename). 0 or -1. */
int fl_scenario_dir_swap(const fl_scenario_dir *dir, const fl_file_spec *file);

/* Removes the whole directory tree; safe to call twice and from a crash
 * handler (no heap beyond opendir). */
void fl_scenario_dir_remove(fl_scenario_dir *dir);

/* Removes fl-files.<pid>.* directories left by processes that no longer
 * exist. Returns how many were removed. */
int fl_scenario_dir_sweep_stale(void);

#endif
