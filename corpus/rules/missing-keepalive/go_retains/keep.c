/* The package's C side: functions that keep a pointer past the call (a
 * global, memory a parameter points to) and look-alikes that do not. */
#include <stddef.h>

struct ctx {
  void *user;
};

static void *saved;
static void *current;

void keep_ptr(void *p) { saved = p; }

void ctx_set_user(struct ctx *c, void *user) { c->user = user; }

/* Set for the duration of the call only. */
void run_with(void *ctx) {
  current = ctx;
  current = NULL;
}

void use_only(void *p) { (void)p; }
