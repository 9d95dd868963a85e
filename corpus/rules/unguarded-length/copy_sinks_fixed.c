/* Fixed twin of copy_sinks.c: each length is compared with the
 * destination's size, clamped, or clamped by a min() helper. */
#include <stdio.h>
#include <string.h>

#define MIN(a, b) ((a) < (b) ? (a) : (b))

struct session {
  char user[32];
  char path[64];
  char note[16];
  char line[80];
};

static size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

int session_set(struct session *s, const char *user, const char *path, const char *note, size_t ulen,
                size_t plen, size_t nlen, size_t cap) {
  if (ulen > sizeof s->user) return -1;
  memmove(s->user, user, ulen); // no-finding
  strncpy(s->path, path, MIN(plen, sizeof s->path - 1)); // no-finding
  strncat(s->note, note, min_size(nlen, sizeof s->note - strlen(s->note) - 1)); // no-finding
  if (cap > sizeof s->line) cap = sizeof s->line;
  snprintf(s->line, cap, "%s:%s", user, path); // no-finding
  return 0;
}
