/* Cached-file harness adapter: `ffi-lint -p DIR` reading
 * DIR/compile_commands.json (engine/compile_db.h) -- a file users point us
 * at, so FIFOs, symlinks to /dev/zero and huge files must not hang or blow
 * up the analyzer. */
#include "core/error.h"
#include "engine/compile_db.h"
#include "files_harness.h"

static const char *const files[] = {"compile_commands.json", NULL};

static const char *load(const char *dir, const char *key) {
  (void)key;
  fl_compile_db *db = NULL;
  if (fl_compile_db_load(&db, dir) == 0)
    fl_compile_db_free(db);
  fl_error_clear();
  return NULL;
}

const fl_files_adapter fl_files_adapter_main = {
    .name = "self_compile_db",
    .files = files,
    .entry = FL_FILES_ENTRY_DIR,
    .load_dir = load,
    /* Following a symlink out of the directory is intended: build trees
     * often symlink compile_commands.json from elsewhere (the source root,
     * a build dir). FIFOs, huge and swapped files are still findings. */
    .allow_outside_reads = 1,
};
