/* Operators read through macros: in a macro's argument, in its body, and
 * masks written in function-like macros. Each must lower with its own
 * operator (a comparison event where it compares), not a misread token. */
#include <stddef.h>

struct table {
  size_t cap;
  void (*on_close)(void);
  unsigned flags;
};

void fail(const char *what, int line);
int check(int ok);
int open_thing(int a, int b);

#define ASSERT(cond) \
  if (!(cond))       \
  fail(#cond, __LINE__)

#define MUST(expr)          \
  do {                      \
    int status_ = (expr);   \
    check(status_ >= 0);    \
  } while (0)

#define SLOT(t, j) ((j) & ((t)->cap - 1))
#define FLAG_OPEN 0x1000U

void close_table(struct table *t) {
  ASSERT(t->on_close == NULL);
  ASSERT(t != NULL && t->cap > 0);
}

int open_table(void) {
  int fd;
  MUST(fd = open_thing(1, 2));
  return fd;
}

size_t slot_of(struct table *t, size_t id) {
  return SLOT(t, id);
}

int is_open(const struct table *t) {
  return (t->flags & FLAG_OPEN) != 0;
}

/* Operators of a macro body whose operands are the macro's arguments, and
 * a comma of a macro used inside another's body: read where they are
 * spelled, not after the invocation. */
#define LUMA(px) ((px)[0] * 299 + (px)[1] * 587 + (px)[2] * 114)
#define CHECKED(x) (check((x) != 0), (x))
#define FIRST_BYTE(p) (CHECKED(p)[0])

int is_light(const unsigned char *px) {
  return LUMA(px) >= 128000 ? 255 : 0;
}

unsigned char first_byte(const unsigned char *p) {
  return FIRST_BYTE(p);
}

/* Arguments used bare in a macro body: the ',' between two arguments at
 * the invocation is no operator (`n > cap`), and an assignment whose left
 * operand is an argument and whose right one is the body's (`out = (char
 * *)get(...)`) is a write, also when the test compares it with a macro
 * spelled elsewhere (NULL). */
void *get_buffer(int size);
#define TOO_BIG(n, cap) (n > cap)
#define TAKE(out, size) \
  do {                  \
    if (NULL == (out = (char *)get_buffer(size))) fail("take", __LINE__); \
  } while (0)

int take_bounded(int n, int cap) {
  char *buffer;
  if (TOO_BIG(n, cap)) return -1;
  TAKE(buffer, n);
  return buffer != NULL;
}

/* The other operand spelled in another macro (NULL, a predicate macro): the
 * operator is read next to the operand spelled in this body, after a
 * parenthesized one or a word; never after the first word of a longer
 * operand (`n - used < LIMIT`). */
int compare_prefix(const char *a, const char *b, size_t n);
#define STARTS(s, t) (compare_prefix(s, t, 4) == 0)
#define TAKE_OR_FAIL(out, size) (((out) = get_buffer(size)) != NULL)
#define CLEAR(op) do { void *tmp_ = (op); if (tmp_ != NULL) { (op) = NULL; fail("x", 0); } } while (0)
#define LIMIT 64

int prefixed(const char *s, char *buffer, int n, int used) {
  if (STARTS(s, "ws:") || STARTS(s, "wss:")) return 1;
  if (!TAKE_OR_FAIL(buffer, n)) return -1;
  CLEAR(buffer);
  return n - used < LIMIT;
}
