/* The inner byte queue (hl_inner.h). */
#include "hl_inner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HL_INNER_MAGIC 0x686c6e72u

hl_inner *hl_inner_new(void) {
  hl_inner *inner = calloc(1, sizeof *inner);
  if (!inner)
    return NULL;
  inner->magic = HL_INNER_MAGIC;
  pthread_mutex_init(&inner->mutex, NULL);
  pthread_cond_init(&inner->readable, NULL);
  return inner;
}

int hl_inner_write(hl_inner *inner, const void *data, size_t len) {
  if (inner->magic != HL_INNER_MAGIC)
    abort();
  pthread_mutex_lock(&inner->mutex);
  size_t room = HL_INNER_CAPACITY - inner->length;
  if (len > room)
    len = room;
  memcpy(inner->bytes + inner->length, data, len);
  inner->length += len;
  pthread_cond_broadcast(&inner->readable);
  pthread_mutex_unlock(&inner->mutex);
  return (int)len;
}

int hl_inner_read(hl_inner *inner, void *out, size_t cap) {
  if (inner->magic != HL_INNER_MAGIC)
    abort();
  pthread_mutex_lock(&inner->mutex);
  size_t take = cap < inner->length ? cap : inner->length;
  memcpy(out, inner->bytes, take);
  memmove(inner->bytes, inner->bytes + take, inner->length - take);
  inner->length -= take;
  pthread_mutex_unlock(&inner->mutex);
  return (int)take;
}

int hl_inner_wait(hl_inner *inner, unsigned timeout_ms) {
  if (inner->magic != HL_INNER_MAGIC)
    abort();
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += timeout_ms / 1000;
  deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000;
  }
  pthread_mutex_lock(&inner->mutex);
  int rc = 0;
  while (inner->length == 0 && rc != ETIMEDOUT)
    rc = pthread_cond_timedwait(&inner->readable, &inner->mutex, &deadline);
  int length = (int)inner->length;
  pthread_mutex_unlock(&inner->mutex);
  return length;
}

int hl_inner_size(hl_inner *inner) {
  if (inner->magic != HL_INNER_MAGIC)
    abort();
  pthread_mutex_lock(&inner->mutex);
  int size = (int)inner->length;
  pthread_mutex_unlock(&inner->mutex);
  return size;
}

void hl_inner_free(hl_inner *inner) {
  pthread_cond_destroy(&inner->readable);
  pthread_mutex_destroy(&inner->mutex);
  free(inner);
}
