#include "json_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

int fl_json_load_regular_file(json_t **out, const char *path) {
  *out = NULL;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return fl_error_set(FL_EIO, "%s: %s", path, strerror(errno));
  struct stat st;
  int rc = FL_OK;
  char *text = NULL;
  if (fstat(fd, &st) != 0) {
    rc = fl_error_set(FL_EIO, "%s: %s", path, strerror(errno));
    goto done;
  }
  if (!S_ISREG(st.st_mode)) {
    rc = fl_error_set(FL_EIO, "%s: not a regular file", path);
    goto done;
  }
  size_t limit = FL_JSON_FILE_MAX;
  const char *override = getenv("FFI_LINT_JSON_MAX_MB");
  if (override && atol(override) > 0) limit = (size_t)atol(override) << 20;
  if ((size_t)st.st_size > limit) {
    rc = fl_error_set(FL_EIO,
                      "%s: %lld bytes is more than the %zu MiB a JSON input may have "
                      "(set FFI_LINT_JSON_MAX_MB to raise it)",
                      path, (long long)st.st_size, limit >> 20);
    goto done;
  }
  size_t size = (size_t)st.st_size;
  text = malloc(size + 1);
  if (!text) {
    rc = fl_error_set(FL_ENOMEM, "%s: out of memory", path);
    goto done;
  }
  size_t have = 0;
  while (have < size) { /* a file that shrinks while read just ends early */
    ssize_t n = read(fd, text + have, size - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      rc = fl_error_set(FL_EIO, "%s: %s", path, strerror(errno));
      goto done;
    }
    if (n == 0) break;
    have += (size_t)n;
  }
  json_error_t error;
  *out = json_loadb(text, have, 0, &error);
  if (!*out) rc = fl_error_set(FL_EPARSE, "%s:%d:%d: %s", path, error.line, error.column, error.text);
done:
  free(text);
  close(fd);
  return rc;
}
