/* Audit DB import for the replayer (--import-db). */
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "db/crash.h"
#include "db/db.h"
#include "replay_db.h"

static unsigned char *slurp(const char *path, size_t *size_out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  unsigned char *data = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long size = ftell(f);
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size + 1))) {
      *size_out = fread(data, 1, (size_t)size, f);
    }
  }
  fclose(f);
  return data;
}

int fl_replay_db_store(const char *db_path, const char *target, const char *input_path,
                       const fl_replay_verdict *verdict, int reliable, int *is_new_out) {
  fl_db *db = NULL;
  if (fl_db_open(&db, db_path) < 0) {
    fprintf(stderr, "%s: %s\n", db_path, fl_error_last());
    return -1;
  }
  size_t size = 0;
  unsigned char *bytes = slurp(input_path, &size);
  char *absolute = realpath(input_path, NULL);
  fl_crash_info info = {
      .target = target,
      .crash_type = verdict->crash_type,
      .crash_state = verdict->crash_state,
      .reproducer_path = absolute ? absolute : input_path,
      .reproducer = bytes,
      .reproducer_size = bytes ? size : 0,
      .reliable = reliable != 0,
  };
  bool is_new = false;
  int rc = fl_db_store_crash(db, &info, NULL, &is_new);
  if (rc < 0)
    fprintf(stderr, "%s: storing crash of %s: %s\n", db_path, input_path, fl_error_last());
  *is_new_out = is_new;
  free(absolute);
  free(bytes);
  fl_db_close(db);
  return rc < 0 ? -1 : 0;
}
