/* Line cache for excerpts, suppression comments and fingerprints
 * (source.h). Each file is read whole once and split in place: every '\n'
 * (and a '\r' before it) becomes a NUL, so a line is a pointer into the
 * file's text. A file that cannot be read is remembered as unreadable so it
 * is not retried for every finding in it. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/strmap.h"
#include "../core/vec.h"
#include "common.h"

/* Sources larger than this are not excerpted: no real source file is, and
 * reading a multi-gigabyte generated blob for a caret line is not worth it. */
#define SOURCE_MAX_BYTES ((size_t)256 << 20)

typedef struct source_file {
  char *path; /* the map key */
  char *text; /* NULL when unreadable */
  char **lines;
  size_t nlines;
} source_file;

struct fl_source_cache {
  fl_strmap *files; /* path -> source_file */
};

fl_source_cache *fl_source_cache_new(void) {
  fl_source_cache *cache = fl_out_calloc(1, sizeof *cache);
  cache->files = fl_strmap_new();
  return cache;
}

void fl_source_cache_free(fl_source_cache *cache) {
  if (!cache) return;
  size_t cursor = 0;
  const char *key;
  void *value;
  while (fl_strmap_next(cache->files, &cursor, &key, &value)) {
    source_file *file = value;
    free(file->lines);
    free(file->text);
    free(file->path);
    free(file);
  }
  fl_strmap_free(cache->files);
  free(cache);
}

/* Reads a regular file whole. Returns a heap buffer (NUL-terminated, length
 * in *len_out) or NULL for anything we should not or cannot read: missing,
 * unreadable, a directory, a FIFO or device (reading those can block or never
 * end), or larger than SOURCE_MAX_BYTES. */
static char *source_read_whole(const char *path, size_t *len_out) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return NULL;
  struct stat st;
  char *text = NULL;
  size_t len = 0, capacity = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > SOURCE_MAX_BYTES) goto fail;
  capacity = (size_t)st.st_size + 1;
  text = malloc(capacity);
  if (!text) goto fail;
  for (;;) {
    if (len + 1 == capacity) { /* the file grew while we read it */
      if (capacity > SOURCE_MAX_BYTES) goto fail;
      char *bigger = realloc(text, capacity * 2);
      if (!bigger) goto fail;
      text = bigger;
      capacity *= 2;
    }
    ssize_t got = read(fd, text + len, capacity - 1 - len);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) goto fail;
    if (got == 0) break;
    len += (size_t)got;
  }
  close(fd);
  text[len] = '\0';
  *len_out = len;
  return text;
fail:
  free(text);
  close(fd);
  return NULL;
}

/* Splits `file->text` (length `len`) into lines in place. */
static void source_split_lines(source_file *file, size_t len) {
  fl_ptrvec lines = FL_PTRVEC_INIT;
  char *start = file->text;
  for (size_t i = 0; i < len; i++) {
    if (file->text[i] != '\n') continue;
    file->text[i] = '\0';
    if (i > 0 && file->text[i - 1] == '\r') file->text[i - 1] = '\0'; /* CRLF */
    fl_ptrvec_push(&lines, start);
    start = &file->text[i + 1];
  }
  if (start < file->text + len) fl_ptrvec_push(&lines, start); /* no trailing newline */
  file->lines = (char **)lines.items;                          /* ownership moves to the file */
  file->nlines = lines.count;
}

/* The cache entry for `path`, reading the file on first use. Never NULL. */
static source_file *source_get(fl_source_cache *cache, const char *path) {
  source_file *file = fl_strmap_get(cache->files, path);
  if (file) return file;
  file = fl_out_calloc(1, sizeof *file);
  file->path = fl_out_strdup(path);
  size_t len = 0;
  file->text = source_read_whole(path, &len);
  if (file->text) source_split_lines(file, len);
  fl_strmap_put(cache->files, file->path, file);
  return file;
}

const char *fl_source_line(fl_source_cache *cache, const char *path, unsigned line) {
  if (!cache || !path || line == 0) return NULL;
  source_file *file = source_get(cache, path);
  if (line > file->nlines) return NULL;
  return file->lines[line - 1];
}

size_t fl_source_line_count(fl_source_cache *cache, const char *path) {
  if (!cache || !path) return 0;
  return source_get(cache, path)->nlines;
}
