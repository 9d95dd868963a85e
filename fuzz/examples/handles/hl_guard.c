/* hl version 4 — CORRECT: the quiesce guard of seed 001.
 *
 * An op first counts itself in (`active`), then checks `freeing`; hl_free
 * first sets `freeing` (one winner, compare-exchange), then waits for
 * `active` to drain. Sequentially consistent atomics make the two sides
 * agree on who was first: either the op sees `freeing` and backs out, or
 * the free sees the op and waits for it. If the drain times out, the inner
 * object is leaked rather than freed under a running op; the handle box is
 * never freed by hl_free, so late ops still find valid guard state. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "hl.h"
#include "hl_inner.h"

#define HL_FREE_DEADLINE_MS 5000

struct hl_handle {
  atomic_bool freeing;
  atomic_bool closed;
  atomic_uint active;
  bool inner_released;
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

static bool try_enter(hl_handle *h) {
  atomic_fetch_add(&h->active, 1);
  if (atomic_load(&h->freeing) || atomic_load(&h->closed)) {
    atomic_fetch_sub(&h->active, 1);
    return false;
  }
  return true;
}

static void leave(hl_handle *h) { atomic_fetch_sub(&h->active, 1); }

/* True for the single caller that flipped `freeing` and saw every op drain
 * within the deadline: only it may release the inner object. */
static bool begin_free(hl_handle *h) {
  bool expected = false;
  if (!atomic_compare_exchange_strong(&h->freeing, &expected, true))
    return false;
  for (int waited_ms = 0; atomic_load(&h->active) > 0; waited_ms++) {
    if (waited_ms >= HL_FREE_DEADLINE_MS)
      return false;
    usleep(1000);
  }
  return true;
}

int hl_write(hl_handle *h, const void *data, size_t len) {
  if (!try_enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_write(h->inner, data, len);
  leave(h);
  return rc;
}

int hl_read(hl_handle *h, void *out, size_t cap) {
  if (!try_enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_read(h->inner, out, cap);
  leave(h);
  return rc;
}

int hl_size(hl_handle *h) {
  if (!try_enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_size(h->inner);
  leave(h);
  return rc;
}

int hl_wait(hl_handle *h, unsigned timeout_ms) {
  if (!try_enter(h))
    return HL_ECLOSED;
  int rc = hl_inner_wait(h->inner, timeout_ms);
  leave(h);
  return rc;
}

void hl_close(hl_handle *h) { atomic_store(&h->closed, true); }

void hl_free(hl_handle *h) {
  if (!begin_free(h))
    return;
  h->inner_released = true;
  hl_inner_free(h->inner);
}

void hl_reclaim(hl_handle *h) {
  /* No thread uses `h` any more: release what a timed-out free leaked. */
  if (!h->inner_released)
    hl_inner_free(h->inner);
  free(h);
}
