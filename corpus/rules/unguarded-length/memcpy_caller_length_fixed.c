/* Fixed twin of memcpy_caller_length.c: the length is bounded first. */
#include <stddef.h>
#include <string.h>

struct peer {
  char name[32];
  int port;
};

int peer_set_name(struct peer *p, const char *name, size_t len) {
  if (len >= sizeof p->name) return -1;
  memcpy(p->name, name, len); // no-finding
  p->name[len] = '\0';
  return 0;
}

/* Clamped with a conditional expression. */
void peer_set_name_clamped(struct peer *p, const char *name, size_t len) {
  size_t n = len < sizeof p->name - 1 ? len : sizeof p->name - 1;
  memcpy(p->name, name, n); // no-finding
  p->name[n] = '\0';
}

static int name_fits(size_t len) { return len < 32; }

/* Bounded in a validator that returns early. */
int peer_set_name_checked(struct peer *p, const char *name, size_t len) {
  if (!name_fits(len)) return -1;
  memcpy(p->name, name, len); // no-finding
  return 0;
}

/* Bounded by construction: strnlen never returns more than its limit. */
void peer_set_name_strnlen(struct peer *p, const char *name) {
  size_t n = strnlen(name, sizeof p->name - 1);
  memcpy(p->name, name, n); // no-finding
  p->name[n] = '\0';
}
