/* hl version 2 — BUGGY: the lock is dropped before the use.
 *
 * Ops take the handle mutex to check the handle and copy the inner pointer,
 * then release it and call into the inner object through the copy. hl_free
 * takes the same mutex, so it cannot run during the check — but it can run
 * between the unlock and the use, and frees what the copy points to. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "hl.h"
#include "hl_inner.h"

struct hl_handle {
  pthread_mutex_t mutex;
  bool closed;
  bool freed;
  hl_inner *inner; /* NULL once freed */
};

hl_handle *hl_open(void) {
  hl_handle *h = calloc(1, sizeof *h);
  if (!h)
    return NULL;
  pthread_mutex_init(&h->mutex, NULL);
  h->inner = hl_inner_new();
  if (!h->inner) {
    free(h);
    return NULL;
  }
  return h;
}

/* The inner object if the handle is open, else NULL. */
static hl_inner *checked_inner(hl_handle *h) {
  pthread_mutex_lock(&h->mutex);
  hl_inner *inner = h->closed ? NULL : h->inner;
  pthread_mutex_unlock(&h->mutex);
  return inner;
}

int hl_write(hl_handle *h, const void *data, size_t len) {
  hl_inner *inner = checked_inner(h);
  if (!inner)
    return HL_ECLOSED;
  return hl_inner_write(inner, data, len);
}

int hl_read(hl_handle *h, void *out, size_t cap) {
  hl_inner *inner = checked_inner(h);
  if (!inner)
    return HL_ECLOSED;
  return hl_inner_read(inner, out, cap);
}

int hl_size(hl_handle *h) {
  hl_inner *inner = checked_inner(h);
  if (!inner)
    return HL_ECLOSED;
  return hl_inner_size(inner);
}

int hl_wait(hl_handle *h, unsigned timeout_ms) {
  hl_inner *inner = checked_inner(h);
  if (!inner)
    return HL_ECLOSED;
  return hl_inner_wait(inner, timeout_ms);
}

void hl_close(hl_handle *h) {
  pthread_mutex_lock(&h->mutex);
  h->closed = true;
  pthread_mutex_unlock(&h->mutex);
}

void hl_free(hl_handle *h) {
  pthread_mutex_lock(&h->mutex);
  hl_inner *inner = h->inner;
  h->inner = NULL;
  h->freed = true;
  pthread_mutex_unlock(&h->mutex);
  if (inner)
    hl_inner_free(inner);
}

void hl_reclaim(hl_handle *h) {
  if (!h->freed)
    hl_inner_free(h->inner);
  pthread_mutex_destroy(&h->mutex);
  free(h);
}
