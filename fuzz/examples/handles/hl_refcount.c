/* hl version 3 — BUGGY: a refcount whose free does not always wait.
 *
 * Ops count themselves in (`active`) and back out if free has started;
 * hl_free waits for `active` to drain — but only when it sees ops in flight.
 * Its fast path checks `active == 0` and only then announces `freeing`: an
 * op that enters between the two sees `freeing == false`, proceeds, and uses
 * the inner object hl_free is about to release. (Seed 001 announces first
 * and checks after, so one of the two sides always sees the other.) */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "hl.h"
#include "hl_inner.h"

struct hl_handle {
  atomic_bool freeing;
  atomic_bool closed;
  atomic_uint active;
  bool freed;
  hl_inner *inner;
};

hl_handle *hl_open(void) {
  hl_handle *h = calloc(1, sizeof *h);
  if (!h)
    return NULL;
  h->inner = hl_inner_new();
  if (!h->inner) {
    free(h);
    return NULL;
  }
  return h;
}

static bool enter(hl_handle *h) {
  atomic_fetch_add(&h->active, 1);
  if (atomic_load(&h->freeing) || atomic_load(&h->closed)) {
    atomic_fetch_sub(&h->active, 1);
    return false;
  }
  return true;
}

static void leave(hl_handle *h) { atomic_fetch_sub(&h->active, 1); }

int hl_write(hl_handle *h, const void *data, size_t len) {
  if (!enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_write(h->inner, data, len);
  leave(h);
  return rc;
}

int hl_read(hl_handle *h, void *out, size_t cap) {
  if (!enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_read(h->inner, out, cap);
  leave(h);
  return rc;
}

int hl_size(hl_handle *h) {
  if (!enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_size(h->inner);
  leave(h);
  return rc;
}

int hl_wait(hl_handle *h, unsigned timeout_ms) {
  if (!enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_wait(h->inner, timeout_ms);
  leave(h);
  return rc;
}

void hl_close(hl_handle *h) { atomic_store(&h->closed, true); }

/* Returns true for the one caller that may release the inner object. */
static bool announce_free(hl_handle *h) { return !atomic_exchange(&h->freeing, true); }

void hl_free(hl_handle *h) {
  if (atomic_load(&h->active) == 0) {
    /* fast path: nobody in flight (the bug: announced only after the check) */
    if (!announce_free(h))
      return;
  } else {
    if (!announce_free(h))
      return;
    while (atomic_load(&h->active) > 0)
      usleep(1000);
  }
  h->freed = true;
  hl_inner_free(h->inner);
}

void hl_reclaim(hl_handle *h) {
  if (!h->freed)
    hl_inner_free(h->inner);
  free(h);
}
