/* Length checks written as macros: the comparison is in the macro's body,
 * where libclang 14 does not say which operator it is; the definition does,
 * also for a body with several operators (matched left to right). */
#include <stddef.h>
#include <string.h>

#define CHECK_LEN(n, cap) \
  do {                    \
    if ((n) > (cap)) return -1; \
  } while (0)
#define TOO_LONG(n, cap) ((n) > (cap))
#define SCALE(n) ((n) * 2)
#define IN_RANGE(n, lo, hi) ((n) >= (lo) && (n) <= (hi))
#define SCORE(a, b) (abs((a) - (b)) >> 4)
int abs(int value);


struct peer {
  char name[32];
  char tag[8];
};

int peer_set_name(struct peer *p, const char *name, size_t len) {
  CHECK_LEN(len, sizeof p->name);
  memcpy(p->name, name, len); // no-finding
  return 0;
}

int peer_set_tag(struct peer *p, const char *tag, size_t len) {
  if (TOO_LONG(len, sizeof p->tag)) return -1;
  memcpy(p->tag, tag, len); // no-finding
  return 0;
}

int peer_set_scaled(struct peer *p, const char *name, size_t len) {
  if (SCALE(len) == 0) return -1; /* an arithmetic macro bounds nothing */
  memcpy(p->name, name, len); // expect: unguarded-length severity=high
  return 0;
}

int peer_set_ranged(struct peer *p, const char *name, size_t len) {
  if (!IN_RANGE(len, 1, sizeof p->name)) return -1;
  memcpy(p->name, name, len); // no-finding
  return 0;
}

/* Two bytes' score is below 16: operators `-` and `>>` of one macro
 * (libwebp's SDIFF). */
void peer_histogram(const unsigned char *data, size_t n) {
  int bins[16];
  for (size_t i = 1; i < n; i++) {
    const int score = SCORE(data[i], data[i - 1]);
    bins[score] = 1; // no-finding
  }
}
