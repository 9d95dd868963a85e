/* Cached-file harness adapter: opening an audit DB (db/db.h fl_db_open) that
 * is corrupt, truncated, a FIFO, a symlink to /dev/zero, a directory...
 * Every case must end in FL_EDB with a message, never a crash or a hang. */
#include "core/error.h"
#include "db/db.h"
#include "files_harness.h"

static const char *const files[] = {"audit.db", NULL};

static const char *load(const char *path) {
  fl_db *db = NULL;
  if (fl_db_open(&db, path) == 0)
    fl_db_close(db);
  fl_error_clear();
  return NULL;
}

const fl_files_adapter fl_files_adapter_main = {
    .name = "self_db_open",
    .files = files,
    .entry = FL_FILES_ENTRY_PATH,
    .load_path = load,
};
