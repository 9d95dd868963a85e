/* A caller's length copied into a fixed-size member array. */
#include <stddef.h>
#include <string.h>

struct peer {
  char name[32];
  int port;
};

void peer_set_name(struct peer *p, const char *name, size_t len) {
  memcpy(p->name, name, len); // expect: unguarded-length severity=high
  p->name[len < sizeof p->name ? len : sizeof p->name - 1] = '\0';
}

/* Look-alike: the length is the destination's own size. */
void peer_set_name_trunc(struct peer *p, const char *name) {
  strncpy(p->name, name, sizeof p->name - 1); // no-finding
}

/* Look-alike: a static helper; its callers own the bound. */
static void copy_raw(char *dst, const char *src, size_t n) { memcpy(dst, src, n); } // no-finding

void peer_copy_prefix(struct peer *p, const char *name) { copy_raw(p->name, name, 4); }

/* Look-alike of a strnlen bound: the limit is the caller's own length. */
void peer_set_name_strnlen(struct peer *p, const char *name, size_t len) {
  size_t n = strnlen(name, len);
  memcpy(p->name, name, n); // expect: unguarded-length severity=high
}
