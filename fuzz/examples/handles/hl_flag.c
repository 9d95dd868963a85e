/* hl version 1 — BUGGY: check-then-use on an atomic flag.
 *
 * Every op checks `freed` and then calls into the inner object. Nothing
 * stops hl_free from running between the check and the use: the window is
 * a few instructions wide (no sleep, no lock), the kind of race a threaded
 * stress test almost never hits. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "hl.h"
#include "hl_inner.h"

struct hl_handle {
  atomic_bool freed;
  atomic_bool closed;
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

static bool usable(hl_handle *h) {
  return !atomic_load(&h->freed) && !atomic_load(&h->closed);
}

int hl_write(hl_handle *h, const void *data, size_t len) {
  if (!usable(h))
    return HL_ECLOSED;
  return hl_inner_write(h->inner, data, len);
}

int hl_read(hl_handle *h, void *out, size_t cap) {
  if (!usable(h))
    return HL_ECLOSED;
  return hl_inner_read(h->inner, out, cap);
}

int hl_size(hl_handle *h) {
  if (!usable(h))
    return HL_ECLOSED;
  return hl_inner_size(h->inner);
}

int hl_wait(hl_handle *h, unsigned timeout_ms) {
  if (!usable(h))
    return HL_ECLOSED;
  return hl_inner_wait(h->inner, timeout_ms);
}

void hl_close(hl_handle *h) { atomic_store(&h->closed, true); }

void hl_free(hl_handle *h) {
  if (atomic_exchange(&h->freed, true))
    return;
  hl_inner_free(h->inner);
}

void hl_reclaim(hl_handle *h) {
  if (!atomic_load(&h->freed))
    hl_inner_free(h->inner);
  free(h);
}
