/* The hardened cache loader: every file opened once, relative to the cache
 * directory, O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC; fstat on the opened descriptor
 * must say regular file within the cap; reads are bounded by what fstat
 * promised (a file that grows is refused); the payload is verified as the
 * bytes actually read and those same bytes are what the caller gets. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_loader.h"

#define META_MAX 4096u
#define SIG_MAX 64u
#define PAYLOAD_MAX (16u << 20)

/* Opens dir/name without following symlinks or blocking, checks it is a
 * regular file of at most `cap` bytes and reads it whole. Returns a heap
 * buffer with a NUL after the data (caller frees), or NULL. */
static uint8_t *read_capped(int dirfd, const char *name, size_t cap, size_t *len_out) {
  int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  struct stat st;
  uint8_t *buf = NULL;
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 0 || (uint64_t)st.st_size > cap)
    goto done;
  size_t expect = (size_t)st.st_size;
  /* One byte more than promised: reading it means the file grew under us. */
  buf = malloc(expect + 2);
  if (!buf)
    goto done;
  size_t len = 0;
  while (len < expect + 1) {
    ssize_t n = read(fd, buf + len, expect + 1 - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n < 0) {
        free(buf);
        buf = NULL;
      }
      break;
    }
    len += (size_t)n;
  }
  if (buf && len != expect) {
    free(buf);
    buf = NULL;
    goto done;
  }
  if (buf) {
    buf[len] = '\0';
    *len_out = len;
  }
done:
  close(fd);
  return buf;
}

int cache_meta_parse_hardened(const char *text, size_t len, cache_meta *out) {
  memset(out, 0, sizeof *out);
  size_t pos = 0;
  while (pos < len) {
    size_t end = pos;
    while (end < len && text[end] != '\n')
      end++;
    const char *line = text + pos;
    size_t line_len = end - pos;
    if (line_len > 5 && memcmp(line, "name=", 5) == 0) {
      size_t value_len = line_len - 5;
      if (value_len >= sizeof out->name) /* room for the NUL */
        return -1;
      memcpy(out->name, line + 5, value_len);
      out->name[value_len] = '\0';
    } else if (line_len > 5 && memcmp(line, "size=", 5) == 0) {
      uint64_t size = 0;
      size_t i = 5;
      for (; i < line_len && line[i] >= '0' && line[i] <= '9'; i++) {
        if (size > (UINT64_MAX - 9) / 10)
          return -1;
        size = size * 10 + (uint64_t)(line[i] - '0');
      }
      if (i == 5 || i != line_len)
        return -1;
      out->size = size;
      out->has_size = 1;
    }
    pos = end + 1;
  }
  return out->has_size ? 0 : -1;
}

cache_entry *cache_load_hardened(const char *dir, const char *key) {
  char meta_name[256], bin_name[256], sig_name[256];
  if (snprintf(meta_name, sizeof meta_name, "%s.meta", key) >= (int)sizeof meta_name ||
      snprintf(bin_name, sizeof bin_name, "%s.bin", key) >= (int)sizeof bin_name ||
      snprintf(sig_name, sizeof sig_name, "%s.sig", key) >= (int)sizeof sig_name)
    return NULL;
  int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0)
    return NULL;
  cache_entry *entry = NULL;
  uint8_t *meta_text = NULL, *sig_text = NULL, *payload = NULL;
  size_t meta_len = 0, sig_len = 0, payload_len = 0;
  cache_meta meta;
  uint32_t sig;

  meta_text = read_capped(dirfd, meta_name, META_MAX, &meta_len);
  if (!meta_text || cache_meta_parse_hardened((const char *)meta_text, meta_len, &meta) < 0 ||
      meta.size > PAYLOAD_MAX)
    goto done;
  sig_text = read_capped(dirfd, sig_name, SIG_MAX, &sig_len);
  if (!sig_text || cache_sig_parse((const char *)sig_text, sig_len, &sig) < 0)
    goto done;
  payload = read_capped(dirfd, bin_name, PAYLOAD_MAX, &payload_len);
  /* Verify exactly the bytes we hold; they are what the caller gets. */
  if (!payload || payload_len != meta.size || cache_fnv1a(payload, payload_len) != sig)
    goto done;
  entry = calloc(1, sizeof *entry);
  if (!entry)
    goto done;
  memcpy(entry->name, meta.name, sizeof entry->name);
  entry->payload = payload;
  entry->size = payload_len;
  entry->sig = sig;
  payload = NULL;
done:
  free(meta_text);
  free(sig_text);
  free(payload);
  close(dirfd);
  return entry;
}
