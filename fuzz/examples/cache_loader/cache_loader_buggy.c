/* The cache loader with seed 004's mistakes, kept on purpose as a fuzzing
 * target. Each mistake is marked MISTAKE; cache_loader_hardened.c shows the
 * fix. Do not copy this file. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache_loader.h"

/* Reads a whole file into a NUL-terminated heap buffer. */
static char *read_all(const char *path, size_t *len_out) {
  /* MISTAKE: no O_NOFOLLOW (a symlink leads anywhere, /dev/zero included)
   * and no O_NONBLOCK (a FIFO with no writer blocks here forever). */
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  size_t cap = 256, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    /* MISTAKE: no upper bound -- reads until EOF, which /dev/zero and a
     * sparse 16 GiB file reach late or never. */
    if (len + 1 >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
    ssize_t n = read(fd, buf + len, cap - len - 1);
    if (n <= 0)
      break;
    len += (size_t)n;
  }
  close(fd);
  buf[len] = '\0';
  *len_out = len;
  return buf;
}

int cache_meta_parse_buggy(const char *text, size_t len, cache_meta *out) {
  memset(out, 0, sizeof *out);
  size_t pos = 0;
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n')
      end++;
    const char *line = text + pos;
    size_t line_len = end - pos;
    if (line_len > 5 && memcmp(line, "name=", 5) == 0) {
      char name[CACHE_NAME_MAX];
      size_t value_len = line_len - 5;
      /* MISTAKE: off by one -- a 16-byte name passes and its NUL lands one
       * past the end of `name`. */
      if (value_len > sizeof name)
        return -1;
      memcpy(name, line + 5, value_len);
      name[value_len] = '\0';
      memcpy(out->name, name, sizeof out->name);
    } else if (line_len > 5 && memcmp(line, "size=", 5) == 0) {
      uint64_t size = 0;
      for (size_t i = 5; i < line_len && line[i] >= '0' && line[i] <= '9'; i++)
        size = size * 10 + (uint64_t)(line[i] - '0'); /* wraps silently */
      out->size = size;
      out->has_size = 1;
    }
    pos = end + 1;
  }
  return out->has_size ? 0 : -1;
}

/* Streams `path` through the checksum. */
static int checksum_file(const char *path, uint32_t *out) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  uint32_t hash = 2166136261u;
  uint8_t chunk[4096];
  ssize_t n;
  while ((n = read(fd, chunk, sizeof chunk)) > 0)
    for (ssize_t i = 0; i < n; i++) {
      hash ^= chunk[i];
      hash *= 16777619u;
    }
  close(fd);
  *out = hash;
  return n < 0 ? -1 : 0;
}

cache_entry *cache_load_buggy(const char *dir, const char *key) {
  char meta_path[4096], bin_path[4096], sig_path[4096];
  snprintf(meta_path, sizeof meta_path, "%s/%s.meta", dir, key);
  snprintf(bin_path, sizeof bin_path, "%s/%s.bin", dir, key);
  snprintf(sig_path, sizeof sig_path, "%s/%s.sig", dir, key);

  size_t meta_len, sig_len;
  char *meta_text = read_all(meta_path, &meta_len);
  if (!meta_text)
    return NULL;
  cache_meta meta;
  int parsed = cache_meta_parse_buggy(meta_text, meta_len, &meta);
  free(meta_text);
  if (parsed < 0)
    return NULL;
  char *sig_text = read_all(sig_path, &sig_len);
  if (!sig_text)
    return NULL;
  uint32_t sig, sum;
  parsed = cache_sig_parse(sig_text, sig_len, &sig);
  free(sig_text);
  /* MISTAKE: verify the file, then read it again to use it -- whatever is
   * at bin_path by then is what gets used (verify-then-use TOCTOU). */
  if (parsed < 0 || checksum_file(bin_path, &sum) < 0 || sum != sig)
    return NULL;

  cache_entry *entry = calloc(1, sizeof *entry);
  memcpy(entry->name, meta.name, sizeof entry->name);
  entry->sig = sig;
  /* MISTAKE: the size field is trusted -- it sizes the allocation, and the
   * read below fills it with however many bytes the file really has. */
  entry->payload = malloc(meta.size ? meta.size : 1);
  int fd = open(bin_path, O_RDONLY);
  if (fd < 0) {
    cache_entry_free(entry);
    return NULL;
  }
  ssize_t n;
  while ((n = read(fd, entry->payload + entry->size, 4096)) > 0)
    entry->size += (size_t)n;
  close(fd);
  return entry;
}
