/* Every copy sink of the libc model, fed a caller's length, writing into a
 * fixed-size member array. */
#include <stdio.h>
#include <string.h>

struct session {
  char user[32];
  char path[64];
  char note[16];
  char line[80];
};

void session_set(struct session *s, const char *user, const char *path, const char *note, size_t ulen,
                 size_t plen, size_t nlen, size_t cap) {
  memmove(s->user, user, ulen); // expect: unguarded-length severity=high
  strncpy(s->path, path, plen); // expect: unguarded-length severity=high
  strncat(s->note, note, nlen); // expect: unguarded-length severity=high
  snprintf(s->line, cap, "%s:%s", user, path); // expect: unguarded-length severity=high
}

/* Look-alikes: sizes of the destination, a constant below it, and a
 * destination whose size is unknown. */
void session_set_safe(struct session *s, char *out, const char *user, size_t len) {
  strncpy(s->user, user, sizeof s->user - 1); // no-finding
  snprintf(s->line, sizeof s->line, "%s", user); // no-finding
  memmove(s->note, user, 8); // no-finding
  memmove(out, user, len); // no-finding
}
