#include "excerpt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Files larger than this are not excerpted (generated code, amalgamations). */
#define EXCERPT_MAX_FILE (8u << 20)

struct fl_excerpt_reader {
  char *root;
  char *cached_name; /* the `file` argument the cache holds, or NULL */
  char *text;        /* its contents, NULL if unreadable */
  size_t size;
};

static char *excerpt_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (!copy) abort();
  return memcpy(copy, s, n);
}

fl_excerpt_reader *fl_excerpt_reader_new(const char *root) {
  fl_excerpt_reader *reader = calloc(1, sizeof *reader);
  if (!reader) abort();
  reader->root = root && *root ? excerpt_strdup(root) : NULL;
  return reader;
}

void fl_excerpt_reader_free(fl_excerpt_reader *reader) {
  if (!reader) return;
  free(reader->root);
  free(reader->cached_name);
  free(reader->text);
  free(reader);
}

/* The whole of a regular file under the size cap, or NULL. */
static char *excerpt_slurp(const char *path, size_t *size_out) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *text = NULL;
  size_t size = 0, capacity = 0;
  for (;;) {
    if (size + 4096 + 1 > capacity) {
      capacity = capacity ? capacity * 2 : 8192;
      if (capacity > EXCERPT_MAX_FILE + 8192) {
        free(text);
        fclose(f);
        return NULL;
      }
      char *grown = realloc(text, capacity);
      if (!grown) abort();
      text = grown;
    }
    size_t got = fread(text + size, 1, 4096, f);
    size += got;
    if (got < 4096) break;
  }
  if (ferror(f)) {
    free(text);
    text = NULL;
  } else {
    text[size] = '\0';
    *size_out = size;
  }
  fclose(f);
  return text;
}

static void excerpt_load(fl_excerpt_reader *reader, const char *file) {
  if (reader->cached_name && strcmp(reader->cached_name, file) == 0) return;
  free(reader->cached_name);
  free(reader->text);
  reader->cached_name = excerpt_strdup(file);
  reader->text = NULL;
  reader->size = 0;
  if (file[0] != '/' && reader->root) {
    size_t n = strlen(reader->root) + strlen(file) + 2;
    char *joined = malloc(n);
    if (!joined) abort();
    snprintf(joined, n, "%s/%s", reader->root, file);
    reader->text = excerpt_slurp(joined, &reader->size);
    free(joined);
  }
  if (!reader->text) reader->text = excerpt_slurp(file, &reader->size);
}

char *fl_excerpt_read(fl_excerpt_reader *reader, const char *file, unsigned first, unsigned last,
                      unsigned *first_out) {
  if (!file || !*file || last < first) return NULL;
  if (first == 0) first = 1;
  excerpt_load(reader, file);
  if (!reader->text) return NULL;
  const char *p = reader->text, *end = reader->text + reader->size;
  unsigned line = 1;
  while (line < first && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return NULL;
    p = nl + 1;
    line++;
  }
  if (p >= end) return NULL;
  const char *start = p;
  while (line <= last && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end;
    line++;
  }
  size_t n = (size_t)(p - start);
  while (n && (start[n - 1] == '\n' || start[n - 1] == '\r')) n--;
  char *out = malloc(n + 1);
  if (!out) abort();
  memcpy(out, start, n);
  out[n] = '\0';
  *first_out = first;
  return out;
}
