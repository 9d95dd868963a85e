/* Cached-file harness adapter: `ffi-audit import-sarif FILE` (db/sarif.h)
 * on fuzzed SARIF, into an in-memory audit DB. */
#include "core/error.h"
#include "db/db.h"
#include "db/sarif.h"
#include "files_harness.h"

static const char *const files[] = {"results.sarif", NULL};

static const char *load(const char *path) {
  fl_db *db = NULL;
  if (fl_db_open(&db, ":memory:") < 0)
    return "cannot open an in-memory audit DB";
  fl_sarif_import_stats stats;
  fl_db_import_sarif(db, path, "/nonexistent/src", &stats);
  fl_db_close(db);
  fl_error_clear();
  return NULL;
}

const fl_files_adapter fl_files_adapter_main = {
    .name = "self_sarif_import",
    .files = files,
    .entry = FL_FILES_ENTRY_PATH,
    .load_path = load,
    /* Following a symlink out of the directory is intended: the user names
     * the SARIF file, and a symlink to it is the user's choice. FIFOs, huge
     * and swapped files are still findings. */
    .allow_outside_reads = 1,
};
